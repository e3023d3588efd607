package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/workspaces/{ws}/contacts")
class ContactController {

  private final Contacts contacts;
  private final ContactImport imports;
  private final WorkspaceAccess access;

  ContactController(Contacts contacts, ContactImport imports, WorkspaceAccess access) {
    this.contacts = contacts;
    this.imports = imports;
    this.access = access;
  }

  /**
   * CSV import from a form upload (field {@code file}). Answers 200 with the result when the import
   * finished within a few seconds, else 202 with the job's progress to poll.
   */
  @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> importUpload(
      Caller caller, @PathVariable UUID ws, @RequestParam("file") MultipartFile file)
      throws IOException {
    access.writer(caller, ws);
    return started(imports.start(ws, ContactImport.spool(file.getInputStream())));
  }

  /** CSV import from the request body itself ({@code text/csv}). */
  @PostMapping(
      path = "/import",
      consumes = {"text/csv", "text/plain", "application/octet-stream"})
  ResponseEntity<Map<String, Object>> importBody(
      Caller caller, @PathVariable UUID ws, HttpServletRequest request) throws IOException {
    access.writer(caller, ws);
    return started(imports.start(ws, ContactImport.spool(request.getInputStream())));
  }

  @GetMapping("/import/{jobId}")
  Map<String, Object> importStatus(Caller caller, @PathVariable UUID ws, @PathVariable UUID jobId) {
    access.member(caller, ws);
    return ApiResponse.ok(
        imports.status(ws, jobId).orElseThrow(() -> ApiException.notFound("Import")));
  }

  private static ResponseEntity<Map<String, Object>> started(Map<String, Object> job) {
    return ResponseEntity.status("running".equals(job.get("status")) ? 202 : 200)
        .body(ApiResponse.ok(job));
  }

  @GetMapping
  Map<String, Object> list(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(required = false) String search,
      @RequestParam(required = false) String tag,
      @RequestParam(defaultValue = "1") int page) {
    access.member(caller, ws);
    return ApiResponse.ok(contacts.list(ws, search, tag, page));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(contacts.create(ws, body).view());
  }

  @GetMapping("/{contactId}")
  Map<String, Object> get(Caller caller, @PathVariable UUID ws, @PathVariable UUID contactId) {
    access.member(caller, ws);
    return ApiResponse.ok(contacts.require(ws, contactId).view());
  }

  @PutMapping("/{contactId}")
  Map<String, Object> update(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID contactId,
      @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(contacts.update(ws, contactId, body).view());
  }

  @DeleteMapping("/{contactId}")
  Map<String, Object> delete(Caller caller, @PathVariable UUID ws, @PathVariable UUID contactId) {
    access.writer(caller, ws);
    contacts.delete(ws, contactId);
    return ApiResponse.ok(Map.of("id", contactId.toString(), "deleted", true));
  }
}
