package dev.switchboard.integration;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/workspaces/{ws}/integrations/{kind}}: owners and admins only; secrets never leave.
 */
@RestController
@RequestMapping("/api/workspaces/{ws}/integrations")
class IntegrationController {

  private final Integrations integrations;
  private final ConnectionCheck check;
  private final WorkspaceAccess access;

  IntegrationController(Integrations integrations, ConnectionCheck check, WorkspaceAccess access) {
    this.integrations = integrations;
    this.check = check;
    this.access = access;
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @PathVariable UUID ws) {
    access.manager(caller, ws);
    return ApiResponse.ok(
        Arrays.stream(IntegrationKind.values()).map(k -> integrations.view(ws, k)).toList());
  }

  @GetMapping("/{kind}")
  Map<String, Object> get(Caller caller, @PathVariable UUID ws, @PathVariable String kind) {
    access.manager(caller, ws);
    return ApiResponse.ok(integrations.view(ws, kind(kind)));
  }

  @PutMapping("/{kind}")
  Map<String, Object> put(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable String kind,
      @RequestBody(required = false) Map<String, Object> body) {
    Membership by = access.manager(caller, ws);
    return ApiResponse.ok(integrations.save(by, kind(kind), body));
  }

  @DeleteMapping("/{kind}")
  Map<String, Object> delete(Caller caller, @PathVariable UUID ws, @PathVariable String kind) {
    Membership by = access.manager(caller, ws);
    IntegrationKind k = kind(kind);
    integrations.delete(by, k);
    return ApiResponse.ok(integrations.view(ws, k));
  }

  @PostMapping("/{kind}/test")
  Map<String, Object> test(Caller caller, @PathVariable UUID ws, @PathVariable String kind) {
    access.manager(caller, ws);
    return ApiResponse.ok(check.test(ws, kind(kind)).toMap());
  }

  private static IntegrationKind kind(String wireName) {
    return IntegrationKind.fromWireName(wireName)
        .orElseThrow(() -> ApiException.notFound("Integration"));
  }
}
