package dev.switchboard.trigger;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.AgentTrigger;
import dev.switchboard.agent.Agents;
import dev.switchboard.notification.Notifier;
import dev.switchboard.run.Admission;
import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.workspace.WorkspaceAccess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes on one database fire the same per-second schedule at the same moments (and this
 * context's own ticker fires it too): every slot is recorded once and starts at most one run.
 */
@Tag("db")
class ScheduleNodesTest extends SwitchboardTestBase {

  private static final int SECONDS = 30;

  @Autowired SlotLedger ledger;
  @Autowired Agents agents;
  @Autowired Admission admission;
  @Autowired Notifier notifier;
  @Autowired WorkspaceAccess access;
  @Autowired TransactionTemplate tx;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ScheduleTicker ticker;

  private static final Map<String, Object> REMEMBER =
      step("remember", Map.of("key", "k", "value", "v"));
  private static final Map<String, Object> HOURLY =
      Map.of("type", "schedule", "frequency", "cron", "cron", "0 0 * * * *");

  @Test
  void two_nodes_firing_a_schedule_every_second_for_30_seconds_fire_each_slot_once()
      throws Exception {
    // This context's own ticker must not fire the slots: the two nodes below are the only ones.
    // It is held before the agent exists: the new trigger wakes it, and its first slot may be due
    // at once (that run was timed by the context's registry, not the nodes', so the count below
    // came out one short now and then).
    ticker.hold(true);
    try {
      String agentId =
          anAgent()
              .live()
              .withLimits(1000, 100_000)
              .withSteps(step("remember", Map.of("key", "k", "value", "v")))
              .withTriggers(Map.of("type", "schedule", "frequency", "cron", "cron", "* * * * * *"))
              .createIn(owner, ws);
      AgentTrigger trigger =
          agents.activeTriggers("schedule").stream()
              .filter(t -> t.agentId().toString().equals(agentId))
              .findFirst()
              .orElseThrow();
      List<ScheduleFirer> nodes = List.of(node(), node());
      var threads = java.util.concurrent.Executors.newFixedThreadPool(nodes.size());
      for (int second = 0; second < SECONDS; second++) {
        clock.advance(Duration.ofSeconds(1));
        CyclicBarrier together = new CyclicBarrier(nodes.size());
        CompletableFuture.allOf(
                nodes.stream()
                    .map(node ->
                        CompletableFuture.runAsync(
                            () -> {
                              await(together);
                              node.fire(List.of(trigger));
                            },
                            threads))
                    .toArray(CompletableFuture[]::new))
            .get(30, TimeUnit.SECONDS);
      }
      threads.shutdown();
      // Archived, so that its per-second schedule does not fill the queue of the tests after this.
      owner.delete("/api/workspaces/" + ws + "/agents/" + agentId).expect(200);

      UUID agent = UUID.fromString(agentId);
      Integer slots =
          jdbc.queryForObject(
              "select count(*) from schedule_slots where agent_id = ?", Integer.class, agent);
      Integer firedRows =
          jdbc.queryForObject(
              "select count(*) from schedule_slots where agent_id = ?"
                  + " and outcome in ('started', 'queued')",
              Integer.class,
              agent);
      Integer runs =
          jdbc.queryForObject(
              "select count(*) from executions where agent_id = ? and trigger_type = 'scheduled'",
              Integer.class,
              agent);
      Integer firedSlots =
          jdbc.queryForObject(
              "select count(distinct execution_id) from schedule_slots where agent_id = ?"
                  + " and outcome in ('started', 'queued')",
              Integer.class,
              agent);
      // (One row per slot is the primary key's work; what the nodes must get right is the runs.)
      assertThat(slots).isGreaterThanOrEqualTo(SECONDS - 1);
      assertThat(firedSlots).as("no two slots share a run").isEqualTo(firedRows);
      assertThat(runs).as("no run outside the ledger: no slot fired twice").isEqualTo(firedSlots);
      assertThat(runs + coalescedOrMissed(agent)).isEqualTo(slots);
      List<java.time.OffsetDateTime> times =
          jdbc.queryForList(
              "select slot_at from schedule_slots where agent_id = ? order by slot_at",
              java.time.OffsetDateTime.class,
              agent);
      for (int i = 1; i < times.size(); i++) {
        assertThat(Duration.between(times.get(i - 1), times.get(i)))
            .isEqualTo(Duration.ofSeconds(1));
      }
      assertThat(registry.get("switchboard.schedule.lateness").timer().count())
          .as("lateness is timed once per fired slot, not by the node whose firing rolled back")
          .isEqualTo(runs.longValue());
    } finally {
      ticker.hold(false);
    }
  }

  @Test
  void a_batch_fires_its_other_schedules_when_another_node_fired_one_of_them_first() {
    List<AgentTrigger> triggers =
        List.of(
            scheduleOf(
                anAgent().live().withSteps(REMEMBER).withTriggers(HOURLY).createIn(owner, ws)),
            scheduleOf(
                anAgent().live().withSteps(REMEMBER).withTriggers(HOURLY).createIn(owner, ws)));
    // This context's own ticker must not fire the slots: the two nodes below are the only ones.
    ticker.hold(true);
    try {
      clock.advance(Duration.ofHours(1));
      // The other node fires the first schedule after this one read the ledger, before it records.
      TransactionTemplate raced =
          new TransactionTemplate(transactions) {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
              node(tx).fire(List.of(triggers.getFirst()));
              return super.execute(action);
            }
          };
      node(raced).fire(triggers);

      // Counted while the ticker is held: let go, it would fire what this batch failed to.
      for (AgentTrigger trigger : triggers) {
        assertThat(
                jdbc.queryForObject(
                    "select count(*) from executions where agent_id = ?"
                        + " and trigger_type = 'scheduled'",
                    Integer.class,
                    trigger.agentId()))
            .as("runs of %s", trigger.agentId())
            .isEqualTo(1);
      }
      assertThat(registry.get("switchboard.schedule.lateness").timer().count())
          .as("the slot the other node fired first is not timed twice")
          .isEqualTo((long) triggers.size());
    } finally {
      ticker.hold(false);
    }
  }

  private AgentTrigger scheduleOf(String agentId) {
    return agents.activeTriggers("schedule").stream()
        .filter(t -> t.agentId().toString().equals(agentId))
        .findFirst()
        .orElseThrow();
  }

  private int coalescedOrMissed(UUID agent) {
    return jdbc.queryForObject(
        "select count(*) from schedule_slots where agent_id = ? and outcome in ('coalesced', 'skipped')",
        Integer.class,
        agent);
  }

  /** The nodes' shared meters. */
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private ScheduleFirer node() {
    return node(tx);
  }

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
        registry);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
