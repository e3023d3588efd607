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

  @Test
  void every_run_of_a_long_queue_is_told_each_move_once() throws Exception {
    String agentId =
        aCommandAgent("sleep", "30").live().withLimits(1000, 100_000).createIn(owner, ws);
    Agent agent = agents.require(UUID.fromString(ws), UUID.fromString(agentId));
    String running = Runs.trigger(owner, ws, agentId);
    Runs.awaitStatus(owner, ws, running, "running");
    String topic = "workspace:" + ws + ":agent:" + agentId;
    java.util.List<String> queue = new java.util.ArrayList<>();
    try (LiveClient client = LiveClient.connect(json, port, owner.token())) {
      client.send("subscribe", topic);
      client.await(m -> "snapshot".equals(m.path("type").asString(null)));
      // Deeper than the 50 runs at the front of the queue that used to be watched.
      for (int i = 0; i < 60; i++) {
        queue.add(event(agent));
      }
      String last = queue.getLast();
      client.await(queued(last, 60));

      owner
          .post("/api/workspaces/" + ws + "/executions/" + queue.get(0) + "/cancel", null)
          .expect(200);
      client.await(queued(last, 59));
      owner
          .post("/api/workspaces/" + ws + "/executions/" + queue.get(1) + "/cancel", null)
          .expect(200);
      client.await(queued(last, 58));

      assertThat(
              client.received().stream()
                  .filter(m -> "execution:queued".equals(m.path("event").asString(null)))
                  .filter(m -> last.equals(m.path("data").path("executionId").asString(null)))
                  .map(m -> m.path("data").path("queuePosition").asInt())
                  .toList())
          .as("one message per move, none repeated")
          .containsExactly(60, 59, 58);
    } finally {
      // None of its 30 s runs is left to starve the tests after this one.
      queue.forEach(
          id -> owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null));
      owner.post("/api/workspaces/" + ws + "/executions/" + running + "/cancel", null);
      Runs.awaitStatus(owner, ws, running, "canceled");
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
