package dev.switchboard.crm;

import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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

@RestController
@RequestMapping("/api/workspaces/{ws}/contacts")
class ContactController {

  private final Contacts contacts;
  private final WorkspaceAccess access;

  ContactController(Contacts contacts, WorkspaceAccess access) {
    this.contacts = contacts;
    this.access = access;
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
