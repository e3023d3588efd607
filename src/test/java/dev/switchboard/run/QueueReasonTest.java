package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.support.AgentBuilder;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Every queued run says why it waits: position, reason and estimated start (moved clock). */
@Tag("db")
class QueueReasonTest extends SwitchboardTestBase {

  @Autowired Admission admission;
  @Autowired Agents agents;

  @Test
  void events_beyond_the_rate_queue_throttled_and_start_one_window_at_a_time() {
    Agent agent =
        agent(
            anAgent()
                .live()
                .withLimits(1, 100)
                .withSteps(step("remember", Map.of("key", "k", "value", "v"))));
    String first = admitEvent(agent);
    Runs.awaitStatus(owner, ws, first, "completed");
    Instant firstAt = Instant.parse(Runs.get(owner, ws, first).get("createdAt").asString());

    String second = admitEvent(agent);
    String third = admitEvent(agent);

    JsonNode held = Runs.get(owner, ws, second);
    assertThat(held.get("status").asString()).isEqualTo("queued");
    assertThat(held.get("queueReason").get("code").asString()).isEqualTo("throttled");
    Instant opens = firstAt.plus(Duration.ofMinutes(1));
    assertThat(held.get("queueReason").get("message").asString())
        .isEqualTo(
            "Rate limit: starts at "
                + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(opens));
    assertThat(Instant.parse(held.get("estimatedStartAt").asString())).isEqualTo(opens);
    assertThat(Instant.parse(Runs.get(owner, ws, third).get("estimatedStartAt").asString()))
        .isEqualTo(opens.plus(Duration.ofMinutes(1)));
    assertThat(
            owner
                .post("/api/workspaces/" + ws + "/agents/" + agent.id() + "/trigger", null)
                .status())
        .as("a person over the rate is still refused")
        .isEqualTo(429);

    clock.advance(Duration.ofSeconds(61));
    Runs.awaitStatus(owner, ws, second, "completed");
    assertThat(Runs.get(owner, ws, third).get("queueReason").get("code").asString())
        .isEqualTo("throttled");

    clock.advance(Duration.ofSeconds(60));
    Runs.awaitStatus(owner, ws, third, "completed");
    assertThat(Runs.get(owner, ws, third).has("queueReason")).isFalse();
  }

  @Test
  void runs_behind_a_busy_agent_name_the_run_they_wait_for_and_move_up_when_it_ends() {
    Agent agent = agent(aCommandAgent("sleep", "30").live());
    String running = Runs.trigger(owner, ws, agent.id().toString());
    Runs.awaitStatus(owner, ws, running, "running");

    String next = admitEvent(agent);
    String after = admitEvent(agent);

    JsonNode first = Runs.get(owner, ws, next);
    assertThat(first.get("queuePosition").asInt()).isEqualTo(1);
    assertThat(first.get("queueReason").get("code").asString()).isEqualTo("agent_busy");
    assertThat(first.get("queueReason").get("message").asString())
        .isEqualTo("Waiting for run " + running + " of this agent to finish");
    assertThat(first.get("estimatedStartAt").isNull())
        .as("no finished run to estimate from")
        .isTrue();
    assertThat(Runs.get(owner, ws, after).get("queuePosition").asInt()).isEqualTo(2);

    owner.post("/api/workspaces/" + ws + "/executions/" + next + "/cancel", null).expect(200);
    JsonNode moved = Runs.get(owner, ws, after);
    assertThat(moved.get("queuePosition").asInt()).isEqualTo(1);
    assertThat(moved.get("queueReason").get("message").asString()).contains(running);

    for (String id : new String[] {running, after}) {
      owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null);
      Runs.awaitStatus(owner, ws, id, "canceled");
    }
  }

  @Test
  void the_start_estimate_comes_from_the_agents_median_run_time() {
    Agent agent = agent(aCommandAgent("sleep", "1").live());
    for (int i = 0; i < 3; i++) {
      Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent.id().toString()), "completed");
    }
    String running = Runs.trigger(owner, ws, agent.id().toString());
    Runs.awaitStatus(owner, ws, running, "running");
    Instant startedAt = Instant.parse(Runs.get(owner, ws, running).get("startedAt").asString());

    String queued = admitEvent(agent);

    JsonNode run = Runs.get(owner, ws, queued);
    Instant estimate = Instant.parse(run.get("estimatedStartAt").asString());
    assertThat(estimate).isAfterOrEqualTo(startedAt.plusSeconds(1));
    assertThat(estimate).isBefore(clock.instant().plusSeconds(30));
    Runs.awaitStatus(owner, ws, queued, "completed");
  }

  @Test
  void a_place_beyond_the_runs_an_estimate_walks_is_still_counted_exactly() {
    // Places count every claimable run on the database: earlier tests' runs must be gone.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            jdbc.queryForObject(
                    """
                    select count(*) from executions where status = 'running'
                    or (status = 'queued' and head_agent_id is not null
                    and (not_before is null or not_before <= ?))\
                    """,
                    Integer.class,
                    clock.instant().atOffset(ZoneOffset.UTC))
                == 0);
    java.util.List<String> started = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) { // the test server's workers, all busy
        String busy =
            Runs.trigger(owner, ws, aCommandAgent("sleep", "30").live().createIn(owner, ws));
        started.add(busy);
        Runs.awaitStatus(owner, ws, busy, "running");
      }
      int deep = QueueReasons.ESTIMATE_AHEAD + 3;
      String last = null;
      for (int i = 0; i < deep; i++) {
        last = Runs.trigger(owner, ws, aCommandAgent("echo", "deep").live().createIn(owner, ws));
        started.add(last);
      }

      JsonNode run = Runs.get(owner, ws, last);
      assertThat(run.get("queueReason").get("code").asString()).isEqualTo("capacity");
      assertThat(run.get("queuePosition").asInt()).isEqualTo(deep);
      assertThat(run.get("estimatedStartAt").isNull()).as("too deep to estimate").isTrue();
    } finally {
      started.forEach(
          id -> owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null));
    }
  }

  private String admitEvent(Agent agent) {
    return admission
        .admit(
            new TriggerSource.Event(UUID.randomUUID(), "contact.created"),
            agent,
            TriggerContext.EMPTY)
        .orThrow()
        .id()
        .toString();
  }

  private Agent agent(AgentBuilder builder) {
    return agents.require(UUID.fromString(ws), UUID.fromString(builder.createIn(owner, ws)));
  }
}
