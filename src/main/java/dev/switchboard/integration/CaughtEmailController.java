package dev.switchboard.integration;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/workspaces/{ws}/outbox}: the emails the outbox provider kept, newest first. */
@RestController
class CaughtEmailController {

  private final CaughtEmails caught;
  private final WorkspaceAccess access;

  CaughtEmailController(CaughtEmails caught, WorkspaceAccess access) {
    this.caught = caught;
    this.access = access;
  }

  @GetMapping("/api/workspaces/{ws}/outbox")
  Map<String, Object> list(
      Caller caller, @PathVariable UUID ws, @RequestParam(defaultValue = "50") int limit) {
    access.member(caller, ws);
    if (limit < 1 || limit > 500) {
      throw ApiException.invalid("limit", "limit must be from 1 to 500");
    }
    return ApiResponse.ok(caught.newest(ws, limit));
  }
}
