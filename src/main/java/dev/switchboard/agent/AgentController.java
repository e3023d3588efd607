package dev.switchboard.agent;

import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
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
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/workspaces/{ws}/agents")
class AgentController {

  record StatusChange(String status) {}

  private final Agents agents;
  private final WorkspaceAccess access;
  private final WebhookSecrets webhooks;
  private final Clock clock;
  private final JsonMapper json;
  private final TransactionTemplate tx;

  AgentController(
      Agents agents,
      WorkspaceAccess access,
      WebhookSecrets webhooks,
      Clock clock,
      JsonMapper json,
      TransactionTemplate tx) {
    this.agents = agents;
    this.access = access;
    this.webhooks = webhooks;
    this.clock = clock;
    this.json = json;
    this.tx = tx;
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

  @GetMapping("/{agentId}/export-config")
  Map<String, Object> exportConfig(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID agentId) {
    access.member(caller, ws);
    Agent agent = agents.require(ws, agentId);
    return ApiResponse.ok(AgentConfig.export(agent, agents.triggers(ws, agentId)));
  }

  /**
   * A new draft from an exported configuration. A dry run creates it in a transaction that is
   * rolled back, so it is checked exactly as a real import and answers what would be created.
   */
  @PostMapping("/import")
  ResponseEntity<Map<String, Object>> importConfig(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(defaultValue = "false") boolean dryRun,
      HttpServletRequest request)
      throws IOException {
    Membership me = access.manager(caller, ws);
    byte[] body = request.getInputStream().readNBytes(AgentConfig.MAX_BYTES + 1);
    AgentRequest config = AgentConfig.read(body, json);
    Map<String, Object> created =
        tx.execute(status -> {
          Map<String, Object> agent = view(agents.create(me, config));
          if (dryRun) {
            status.setRollbackOnly();
          }
          return agent;
        });
    if (!dryRun) {
      return ResponseEntity.status(HttpStatus.CREATED).body(ApiResponse.ok(created));
    }
    created.remove("id");
    ((List<?>) created.get("triggers"))
        .forEach(t -> {
          ((Map<?, ?>) t).remove("id");
          ((Map<?, ?>) t).remove("url");
        });
    return ResponseEntity.ok(ApiResponse.ok(Map.of("dryRun", true, "agent", created)));
  }

  @DeleteMapping("/{agentId}")
  Map<String, Object> delete(Caller caller, @PathVariable UUID ws, @PathVariable UUID agentId) {
    return ApiResponse.ok(view(agents.archive(access.manager(caller, ws), agentId)));
  }
}
