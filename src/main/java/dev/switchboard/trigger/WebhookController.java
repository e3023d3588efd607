package dev.switchboard.trigger;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentStatus;
import dev.switchboard.agent.AgentTrigger;
import dev.switchboard.agent.Agents;
import dev.switchboard.agent.TriggerDefinition;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.run.Admission;
import dev.switchboard.run.Execution;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook triggers: {@code POST /api/hooks/{secret}} runs the agent with the posted JSON object as
 * {@code @payload.*}; the secret is the credential, so the path is never logged and an unknown
 * secret is a plain 404.
 */
@RestController
class WebhookController {

  static final int MAX_BODY = 1024 * 1024;

  private final WebhookSecretStore secrets;
  private final Agents agents;
  private final Admission admission;
  private final WorkspaceAccess access;
  private final TransactionTemplate tx;
  private final JsonMapper json;

  WebhookController(
      WebhookSecretStore secrets,
      Agents agents,
      Admission admission,
      WorkspaceAccess access,
      TransactionTemplate tx,
      JsonMapper json) {
    this.secrets = secrets;
    this.agents = agents;
    this.admission = admission;
    this.access = access;
    this.tx = tx;
    this.json = json;
  }

  @PostMapping("/api/hooks/{secret}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> receive(@PathVariable String secret, HttpServletRequest request)
      throws IOException {
    AgentTrigger hook =
        secrets
            .triggerOf(secret)
            .flatMap(agents::trigger)
            .orElseThrow(() -> ApiException.notFound("Webhook"));
    Agent agent =
        agents
            .find(hook.workspaceId(), hook.agentId())
            .filter(a -> a.status() != AgentStatus.ARCHIVED)
            .orElseThrow(() -> ApiException.notFound("Webhook"));
    Map<String, Object> payload = payload(request);
    Execution run =
        tx.execute(status ->
            admission
                .admit(
                    new TriggerSource.Webhook(hook.trigger().id()),
                    agent,
                    TriggerContext.ofVariables(Map.of("payload", payload)))
                .orThrow());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executionId", run.id());
    out.put("status", run.status().wireName());
    return ApiResponse.ok(out);
  }

  @PostMapping("/api/workspaces/{ws}/agents/{agentId}/triggers/{triggerId}/rotate")
  Map<String, Object> rotate(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @PathVariable UUID triggerId) {
    access.manager(caller, ws);
    agents
        .trigger(triggerId)
        .filter(t -> t.workspaceId().equals(ws) && t.agentId().equals(agentId))
        .filter(t -> t.trigger() instanceof TriggerDefinition.Webhook)
        .orElseThrow(() -> ApiException.notFound("Webhook trigger"));
    secrets.rotate(triggerId);
    return ApiResponse.ok(Map.of("id", triggerId, "url", secrets.url(triggerId)));
  }

  /** The body as a JSON object: 413 beyond 1 MB, 400 when it is not a JSON object. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> payload(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw tooLarge();
    }
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.invalid("body", "The body must be a JSON object");
    }
    if (tree == null || !tree.isObject()) {
      throw ApiException.invalid("body", "The body must be a JSON object");
    }
    return json.convertValue(tree, Map.class);
  }

  private static ApiException tooLarge() {
    return new ApiException(
        HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "The body is larger than 1 MB");
  }
}
