package dev.switchboard.live;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With every worker busy (the test server runs 4), a work order's run is still 201: queued, with
 * its position, reason {@code capacity}, the message and an estimated start from the running runs'
 * medians; its position is pushed again as it moves up, first place included.
 */
@Tag("db")
class CapacityQueueTest extends SwitchboardTestBase {

  private static final int WORKERS = 4;

  /** How long each busy agent's earlier run took. */
  private static final Duration MEDIAN = Duration.ofSeconds(20);

  @Autowired JsonMapper json;

  private String orders() {
    return "/api/workspaces/" + ws + "/work-orders";
  }

  private String createAndStart(String agent, String prompt) {
    return owner
        .post(
            orders() + "/create-and-start",
            Map.of("title", "Busy " + System.nanoTime(), "agentId", agent, "prompt", prompt))
        .expect(201)
        .data()
        .get("workOrder")
        .get("id")
        .asString();
  }

  private JsonNode awaitOrder(String id, String status) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> owner.get(orders() + "/" + id).expect(200).data(),
            w -> status.equals(w.get("status").asString()));
  }

  private String approved(String agent) {
    String id =
        owner
            .post(orders(), Map.of("title", "Waiting " + System.nanoTime(), "agentId", agent))
            .expect(201)
            .data()
            .get("id")
            .asString();
    owner.post(orders() + "/" + id + "/approve", null).expect(200);
    return id;
  }

  @Test
  void at_capacity_a_run_is_queued_with_position_reason_message_and_estimate_and_told_as_it_moves()
      throws Exception {
    // Positions count every claimable run on this node's database: earlier tests' runs must be
    // gone.
    await()
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
    List<String> busy = new ArrayList<>();
    try {
      atCapacity(busy);
    } finally {
      busy.forEach(id -> owner.post(orders() + "/" + id + "/cancel", null));
    }
  }

  private void atCapacity(List<String> busy) throws Exception {
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      String agent = aCommandAgent("sleep", "{{prompt}}").live().createIn(owner, ws);
      agents.add(agent);
      ranOnceBefore(agent, MEDIAN);
    }
    for (String agent : agents) {
      busy.add(createAndStart(agent, "30"));
    }
    // Each busy run is expected to end one median (its agent's only earlier run) after it started.
    Instant firstEnd =
        busy.stream()
            .map(id -> awaitOrder(id, "running").get("runs").get(0).get("startedAt").asString())
            .map(Instant::parse)
            .min(Comparator.naturalOrder())
            .orElseThrow()
            .plus(MEDIAN);

    // The first one runs long, so the second stays first in line once it has moved up.
    String firstOrder = approved(aCommandAgent("sleep", "30").live().createIn(owner, ws));
    busy.add(firstOrder);
    JsonNode first = trigger(firstOrder);
    String secondOrder = approved(aCommandAgent("echo", "two").live().createIn(owner, ws));
    JsonNode second = trigger(secondOrder);

    for (JsonNode run : List.of(first, second)) {
      assertThat(run.get("status").asString()).isEqualTo("queued");
      assertThat(run.get("queueReason").get("code").asString()).isEqualTo("capacity");
      assertThat(run.get("message").asString())
          .isEqualTo("Server at capacity. Your run has been queued.");
    }
    assertThat(first.get("queuePosition").asInt()).isEqualTo(1);
    assertThat(second.get("queuePosition").asInt()).isEqualTo(2);
    Instant estimate = Instant.parse(first.get("estimatedStartAt").asString());
    assertThat(Duration.between(firstEnd, estimate).abs()).isLessThan(Duration.ofMillis(100));
    // The second waits for the second worker to free up; the first run's agent has no history.
    assertThat(second.get("estimatedStartAt").isNull()).isTrue();

    String secondRun = second.get("runId").asString();
    try (LiveClient client = LiveClient.connect(json, port, owner.token())) {
      String topic = "work-order:" + secondOrder;
      client.send("subscribe", topic);
      client.await(LiveClient.type("snapshot", topic));

      owner.post(orders() + "/" + busy.getFirst() + "/cancel", null).expect(200);

      JsonNode moved =
          client.await(m ->
              "execution:queued".equals(m.path("event").asString(null))
                  && secondRun.equals(m.path("data").path("executionId").asString(null))
                  && m.path("data").path("queuePosition").asInt() == 1);
      assertThat(moved.path("data").path("queueReason").path("code").asString())
          .isEqualTo("capacity");
    }
    busy.subList(1, busy.size()).forEach(id -> owner.post(orders() + "/" + id + "/cancel", null));
    dev.switchboard.support.Runs.awaitStatus(owner, ws, secondRun, "completed");
  }

  /** An earlier completed run of the agent that took {@code took}: its history for the medians. */
  private void ranOnceBefore(String agent, Duration took) {
    Instant started = clock.instant().minus(Duration.ofHours(1));
    jdbc.update(
        """
        insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
        status, created_at, started_at, finished_at) values (?, ?, ?, 'earlier', 'api', ?,
        'completed', ?, ?, ?)\
        """,
        UUID.randomUUID(),
        UUID.fromString(ws),
        UUID.fromString(agent),
        OWNER,
        started.atOffset(ZoneOffset.UTC),
        started.atOffset(ZoneOffset.UTC),
        started.plus(took).atOffset(ZoneOffset.UTC));
  }

  private JsonNode trigger(String order) {
    return owner.post(orders() + "/" + order + "/runs", null).expect(201).data();
  }
}
