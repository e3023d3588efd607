package dev.switchboard.agent;

import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.time.Clock;
import java.time.Instant;
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
@RequestMapping("/api/workspaces/{ws}/agents")
class AgentController {

  record StatusChange(String status) {}

  private final Agents agents;
  private final WorkspaceAccess access;
  private final WebhookSecrets webhooks;
  private final Clock clock;

  AgentController(Agents agents, WorkspaceAccess access, WebhookSecrets webhooks, Clock clock) {
    this.agents = agents;
    this.access = access;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** The agent with its triggers and what they compute (next fire times, webhook URL). */
  private Map<String, Object> view(Agent agent) {
    Map<String, Object> out = AgentView.of(agent);
    Instant now = clock.instant();
    out.put(
        "triggers",
        agents.triggers(agent.workspaceId(), agent.id()).stream()
            .map(t -> TriggerJson.view(t, now, webhooks))
            .toList());
    return out;
  }

  @GetMapping
  Map<String, Object> list(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(defaultValue = "false") boolean includeArchived) {
    access.member(caller, ws);
    return ApiResponse.ok(agents.list(ws, includeArchived).stream().map(this::view).toList());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(Caller caller, @PathVariable UUID ws, @RequestBody AgentRequest body) {
    return ApiResponse.ok(view(agents.create(access.writer(caller, ws), body)));
  }

  @GetMapping("/{agentId}")
  Map<String, Object> get(Caller caller, @PathVariable UUID ws, @PathVariable UUID agentId) {
    access.member(caller, ws);
    return ApiResponse.ok(view(agents.require(ws, agentId)));
  }

  @PutMapping("/{agentId}")
  Map<String, Object> update(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @RequestBody AgentRequest body) {
    return ApiResponse.ok(view(agents.update(access.writer(caller, ws), agentId, body)));
  }

  @PostMapping("/{agentId}/status")
  Map<String, Object> status(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @RequestBody StatusChange body) {
    return ApiResponse.ok(
        view(agents.changeStatus(access.manager(caller, ws), agentId, body.status())));
  }

  @DeleteMapping("/{agentId}")
  Map<String, Object> delete(Caller caller, @PathVariable UUID ws, @PathVariable UUID agentId) {
    return ApiResponse.ok(view(agents.archive(access.manager(caller, ws), agentId)));
  }
}
