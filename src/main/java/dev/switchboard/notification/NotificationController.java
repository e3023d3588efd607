package dev.switchboard.notification;

import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/workspaces/{ws}/notifications")
class NotificationController {

  private final Notifier notifier;
  private final WorkspaceAccess access;

  NotificationController(Notifier notifier, WorkspaceAccess access) {
    this.notifier = notifier;
    this.access = access;
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @PathVariable UUID ws) {
    access.member(caller, ws);
    return ApiResponse.ok(
        Map.of(
            "unread", notifier.unread(ws, caller.userId()),
            "items", notifier.recent(ws, caller.userId())));
  }

  @PostMapping("/read")
  Map<String, Object> read(Caller caller, @PathVariable UUID ws) {
    access.member(caller, ws);
    notifier.markRead(ws, caller.userId());
    return ApiResponse.ok(Map.of("unread", 0));
  }
}
