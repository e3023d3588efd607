package dev.switchboard.agent;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/workspaces/{ws}/triggers/preview}: the fire times a schedule would have, read
 * and refused exactly as an agent's trigger is (400 naming {@code trigger.cron} etc.), so the
 * editor can show them while a schedule is being edited. Nothing is stored.
 */
@RestController
class TriggerPreviewController {

  /** {@code trigger} is one item of SPEC "Triggers", as it would go in an agent's list. */
  record PreviewRequest(Object trigger) {}

  private final WorkspaceAccess access;
  private final Clock clock;

  TriggerPreviewController(WorkspaceAccess access, Clock clock) {
    this.access = access;
    this.clock = clock;
  }

  @PostMapping("/api/workspaces/{ws}/triggers/preview")
  Map<String, Object> preview(
      Caller caller, @PathVariable UUID ws, @RequestBody PreviewRequest body) {
    access.writer(caller, ws);
    TriggerDefinition trigger = TriggerJson.stored(UUID.randomUUID(), body.trigger());
    if (!(trigger instanceof TriggerDefinition.Schedule schedule)) {
      throw ApiException.invalid("trigger.type", "Only a schedule has fire times to preview");
    }
    return ApiResponse.ok(TriggerJson.fireTimes(schedule, clock.instant()));
  }
}
