package dev.switchboard.crm;

import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
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

/**
 * Tasks. Completing a handoff task ("Take Over") publishes {@link HandoffTaskDone}, on which the
 * run waiting for it resumes, as the person's own resume would.
 */
@RestController
@RequestMapping("/api/workspaces/{ws}/tasks")
class TaskController {

  private final Tasks tasks;
  private final ApplicationEventPublisher events;
  private final WorkspaceAccess access;

  TaskController(Tasks tasks, ApplicationEventPublisher events, WorkspaceAccess access) {
    this.tasks = tasks;
    this.events = events;
    this.access = access;
  }

  @GetMapping
  Map<String, Object> list(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(required = false) UUID assigneeId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) UUID contactId) {
    access.member(caller, ws);
    return ApiResponse.ok(tasks.list(ws, assigneeId, status, contactId));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(tasks.create(ws, body));
  }

  @GetMapping("/{taskId}")
  Map<String, Object> get(Caller caller, @PathVariable UUID ws, @PathVariable UUID taskId) {
    access.member(caller, ws);
    return ApiResponse.ok(tasks.require(ws, taskId));
  }

  @PutMapping("/{taskId}")
  Map<String, Object> update(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID taskId,
      @RequestBody Map<String, Object> body) {
    Membership by = access.writer(caller, ws);
    Map<String, Object> task = tasks.update(ws, taskId, body);
    if ("done".equals(task.get("status"))) {
      handBack(by, task);
    }
    return ApiResponse.ok(task);
  }

  @PostMapping({"/{taskId}/complete", "/{taskId}/take-over"})
  Map<String, Object> complete(Caller caller, @PathVariable UUID ws, @PathVariable UUID taskId) {
    Membership by = access.writer(caller, ws);
    Map<String, Object> before = tasks.complete(ws, taskId);
    Map<String, Object> out = new LinkedHashMap<>(tasks.require(ws, taskId));
    out.put("resumedExecutionId", handBack(by, before));
    return ApiResponse.ok(out);
  }

  @DeleteMapping("/{taskId}")
  Map<String, Object> delete(Caller caller, @PathVariable UUID ws, @PathVariable UUID taskId) {
    access.writer(caller, ws);
    tasks.delete(ws, taskId);
    return ApiResponse.ok(Map.of("id", taskId.toString(), "deleted", true));
  }

  /** Hands a handoff task's run back to the engine; answers the run's id, null for other tasks. */
  private String handBack(Membership by, Map<String, Object> task) {
    if (!"handoff".equals(task.get("kind")) || task.get("executionId") == null) {
      return null;
    }
    UUID executionId = UUID.fromString((String) task.get("executionId"));
    events.publishEvent(
        new HandoffTaskDone(by, UUID.fromString((String) task.get("id")), executionId));
    return executionId.toString();
  }
}
