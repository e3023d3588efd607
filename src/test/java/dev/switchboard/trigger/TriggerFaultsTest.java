package dev.switchboard.trigger;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.agent.AgentTrigger;
import dev.switchboard.agent.Agents;
import dev.switchboard.notification.Notifier;
import dev.switchboard.run.Admission;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.workspace.WorkspaceAccess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The faults issue 8 lists for triggers: a burst of events beyond the agent's rate, an archived
 * agent, a node that dies while firing a slot.
 */
@Tag("db")
class TriggerFaultsTest extends SwitchboardTestBase {

  private static final Map<String, Object> REMEMBER =
      step("remember", Map.of("key", "k", "value", "v"));
  private static final Map<String, Object> HOURLY =
      Map.of("type", "schedule", "frequency", "cron", "cron", "0 0 * * * *");

  @Autowired ScheduleTicker ticker;
  @Autowired ScheduleFirer firer;
  @Autowired SlotLedger ledger;
  @Autowired Agents agents;
  @Autowired Admission admission;
  @Autowired Notifier notifier;
  @Autowired WorkspaceAccess access;
  @Autowired PlatformTransactionManager transactions;

  private String space;

  @BeforeEach
  void ownWorkspace() {
    space = owner.createWorkspace("trigger faults " + UUID.randomUUID());
  }

  @Test
  void fifty_contacts_in_a_minute_beyond_ten_a_minute_make_fifty_runs_ten_a_minute() {
    String agent =
        anAgent()
            .live()
            .withLimits(10, 1000)
            .withSteps(REMEMBER)
            .withTriggers(Map.of("type", "event", "event", "contact.created"))
            .createIn(owner, space);

    for (int i = 0; i < 50; i++) {
      owner.post(crm("/contacts"), Map.of("email", "burst" + i + "@example.com")).expect(201);
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> count(agent, null) == 50);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from event_outcomes o join executions e on e.id = o.execution_id"
                    + " where o.agent_id = ? and e.hold_reason is not null"
                    + " and o.outcome <> 'queued'",
                Integer.class,
                UUID.fromString(agent)))
        .as("every throttled run is recorded queued")
        .isZero();
    for (int minute = 1; minute <= 5; minute++) {
      int started = minute * 10;
      await().atMost(Duration.ofSeconds(60)).until(() -> count(agent, "completed") == started);
      assertThat(count(agent, null)).as("none dropped").isEqualTo(50);
      assertThat(count(agent, "queued")).isEqualTo(50 - started);
      for (JsonNode held : queued(agent)) {
        assertThat(held.get("queueReason").get("code").asString()).isEqualTo("throttled");
        assertThat(Instant.parse(held.get("estimatedStartAt").asString()))
            .as("held until the window opens")
            .isAfter(clock.instant());
      }
      clock.advance(Duration.ofSeconds(61));
    }
    assertThat(distinctEvents(agent)).isEqualTo(50);
  }

  @Test
  void an_event_run_throttled_while_the_agents_slot_is_free_is_recorded_queued() {
    String agent =
        anAgent()
            .live()
            .withLimits(1, 1000)
            .withSteps(REMEMBER)
            .withTriggers(Map.of("type", "event", "event", "contact.created"))
            .createIn(owner, space);
    owner.post(crm("/contacts"), Map.of("email", "first@example.com")).expect(201);
    await().atMost(Duration.ofSeconds(20)).until(() -> count(agent, "completed") == 1);

    owner.post(crm("/contacts"), Map.of("email", "second@example.com")).expect(201);
    await().atMost(Duration.ofSeconds(20)).until(() -> count(agent, null) == 2);

    List<JsonNode> held = queued(agent);
    assertThat(held).hasSize(1);
    assertThat(held.getFirst().get("queueReason").get("code").asString()).isEqualTo("throttled");
    assertThat(
            jdbc.queryForObject(
                "select outcome from event_outcomes where execution_id = ?",
                String.class,
                UUID.fromString(held.getFirst().get("executionId").asString())))
        .isEqualTo("queued");
    clock.advance(Duration.ofSeconds(61));
    await().atMost(Duration.ofSeconds(20)).until(() -> count(agent, "completed") == 2);
  }

  @Test
  void an_archived_agents_schedule_and_events_start_nothing() {
    String archived =
        anAgent()
            .live()
            .withSteps(REMEMBER)
            .withTriggers(HOURLY, Map.of("type", "event", "event", "contact.created"))
            .createIn(owner, space);
    String witness =
        anAgent()
            .live()
            .withSteps(REMEMBER)
            .withTriggers(Map.of("type", "event", "event", "contact.created"))
            .createIn(owner, space);
    owner.delete("/api/workspaces/" + space + "/agents/" + archived).expect(200);

    // Past the next slot: an hour plus, so that one is due whatever the time now.
    clock.advance(Duration.ofMinutes(61));
    ticker.tick();
    owner.post(crm("/contacts"), Map.of("email", "after@example.com")).expect(201);

    await().atMost(Duration.ofSeconds(20)).until(() -> count(witness, null) == 1);
    ticker.tick();
    assertThat(count(archived, null)).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from schedule_slots where agent_id = ?",
                Integer.class,
                UUID.fromString(archived)))
        .isZero();
    assertThat(
            owner
                .get("/api/workspaces/" + space + "/events?agentId=" + archived)
                .expect(200)
                .data())
        .isEmpty();
  }

  @Test
  void a_schedule_read_ahead_of_its_slot_fires_nothing_once_its_agent_is_archived() {
    String agentId =
        anAgent().live().withSteps(REMEMBER).withTriggers(HOURLY).createIn(owner, space);
    ticker.hold(true);
    try {
      List<AgentTrigger> readAhead =
          agents.activeTriggers("schedule").stream()
              .filter(t -> t.agentId().toString().equals(agentId))
              .toList();
      assertThat(readAhead).hasSize(1);
      owner.delete("/api/workspaces/" + space + "/agents/" + agentId).expect(200);
      clock.advance(Duration.ofMinutes(61));

      firer.fire(readAhead);

      assertThat(
              jdbc.queryForObject(
                  "select count(*) from schedule_slots where agent_id = ?",
                  Integer.class,
                  UUID.fromString(agentId)))
          .isZero();
      assertThat(count(agentId, null)).isZero();
    } finally {
      ticker.hold(false);
    }
  }

  @Test
  void a_node_killed_while_firing_a_slot_leaves_nothing_and_the_slot_fires_once_after_restart() {
    String agentId =
        anAgent().live().withSteps(REMEMBER).withTriggers(HOURLY).createIn(owner, space);
    AgentTrigger trigger =
        agents.activeTriggers("schedule").stream()
            .filter(t -> t.agentId().toString().equals(agentId))
            .findFirst()
            .orElseThrow();
    Instant slot =
        trigger.trigger() instanceof dev.switchboard.agent.TriggerDefinition.Schedule s
            ? s.nextAfter(clock.instant()).orElseThrow()
            : null;
    // This context's own ticker must not fire the slot first: the nodes below are the only ones.
    ticker.hold(true);
    try {
      clock.advance(Duration.between(clock.instant(), slot).plusMillis(200));

      assertThatThrownBy(() -> node(dying()).fire(List.of(trigger))).isInstanceOf(NodeDied.class);
      assertThat(count(agentId, null)).as("the dead node's run rolled back").isZero();
      assertThat(ledger.last(List.of(trigger.trigger().id())))
          .as("and its claim of the slot")
          .isEmpty();

      node(new TransactionTemplate(transactions)).fire(List.of(trigger));
      ticker.tick();
    } finally {
      ticker.hold(false);
    }

    List<SlotLedger.Slot> slots =
        ledger.of(
            UUID.fromString(space),
            UUID.fromString(agentId),
            slot.minusSeconds(3600),
            slot.plusSeconds(3600),
            10);
    assertThat(slots).hasSize(1);
    assertThat(slots.getFirst().slotAt()).isEqualTo(slot);
    assertThat(slots.getFirst().outcome()).isEqualTo(SlotOutcome.STARTED);
    assertThat(count(agentId, null)).isEqualTo(1);
  }

  /** A node's work done in full, then the node gone before its commit. */
  private TransactionTemplate dying() {
    return new TransactionTemplate(transactions) {
      @Override
      public <T> T execute(TransactionCallback<T> action) {
        return super.execute(status -> {
          action.doInTransaction(status);
          throw new NodeDied();
        });
      }
    };
  }

  private static final class NodeDied extends RuntimeException {}

  private ScheduleFirer node(TransactionTemplate tx) {
    return new ScheduleFirer(
        ledger,
        agents,
        admission,
        notifier,
        access,
        tx,
        transactions,
        clock,
        Duration.ofHours(1),
        new SimpleMeterRegistry());
  }

  private int count(String agent, String status) {
    return jdbc.queryForObject(
        "select count(*) from executions where agent_id = ?"
            + (status == null ? "" : " and status = '" + status + "'"),
        Integer.class,
        UUID.fromString(agent));
  }

  private int distinctEvents(String agent) {
    return jdbc.queryForObject(
        "select count(distinct event_id) from event_outcomes where agent_id = ?"
            + " and execution_id is not null",
        Integer.class,
        UUID.fromString(agent));
  }

  private List<JsonNode> queued(String agent) {
    return jdbc
        .queryForList(
            "select id from executions where agent_id = ? and status = 'queued'",
            UUID.class,
            UUID.fromString(agent))
        .stream()
        .map(id -> Runs.get(owner, space, id.toString()))
        .toList();
  }

  private String crm(String path) {
    return "/api/workspaces/" + space + path;
  }
}
