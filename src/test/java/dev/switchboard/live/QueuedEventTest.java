package dev.switchboard.live;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.run.Admission;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** execution:queued is sent when a run is queued and again when its position changes. */
@Tag("db")
class QueuedEventTest extends SwitchboardTestBase {

  @Autowired JsonMapper json;
  @Autowired Admission admission;
  @Autowired Agents agents;

  @Test
  void a_queued_run_is_told_its_new_position_when_the_run_ahead_goes() throws Exception {
    String agentId = aCommandAgent("sleep", "30").live().createIn(owner, ws);
    Agent agent = agents.require(UUID.fromString(ws), UUID.fromString(agentId));
    String running = Runs.trigger(owner, ws, agentId);
    Runs.awaitStatus(owner, ws, running, "running");
    String topic = "workspace:" + ws + ":agent:" + agentId;
    try (LiveClient client = LiveClient.connect(json, port, owner.token())) {
      client.send("subscribe", topic);
      client.await(m -> "snapshot".equals(m.path("type").asString(null)));

      String ahead = event(agent);
      String behind = event(agent);
      JsonNode told = client.await(queued(behind, 2));
      assertThat(told.path("data").path("queueReason").path("code").asString())
          .isEqualTo("agent_busy");
      assertThat(told.path("data").has("estimatedStartAt")).isTrue();

      owner.post("/api/workspaces/" + ws + "/executions/" + ahead + "/cancel", null).expect(200);

      client.await(queued(behind, 1));
      for (String id : new String[] {running, behind}) {
        owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null);
        Runs.awaitStatus(owner, ws, id, "canceled");
      }
    }
  }

  private static java.util.function.Predicate<JsonNode> queued(String executionId, int position) {
    return m ->
        "execution:queued".equals(m.path("event").asString(null))
            && executionId.equals(m.path("data").path("executionId").asString(null))
            && m.path("data").path("queuePosition").asInt() == position;
  }

  private String event(Agent agent) {
    return admission
        .admit(
            new TriggerSource.Event(UUID.randomUUID(), "contact.created"),
            agent,
            TriggerContext.EMPTY)
        .orThrow()
        .id()
        .toString();
  }
}
