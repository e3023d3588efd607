package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.support.TestRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each move changes a run only from the status it starts from and writes exactly one transition row
 * when it does. The runs here never hold their agent's slot, so no worker takes them.
 */
@Tag("db")
class RunMovesTest extends SwitchboardTestBase {

  @Autowired RunMoves moves;
  @Autowired ExecutionStore store;
  @Autowired TransactionTemplate transactions;

  @Test
  void cancel_moves_a_queued_run_once_and_a_second_cancel_changes_nothing() {
    Execution run = queuedBehind();

    assertThat(moves.cancel(run, ExecutionStatus.QUEUED, "owner@test.local", clock.instant()))
        .isTrue();
    assertThat(moves.cancel(run, ExecutionStatus.QUEUED, "owner@test.local", clock.instant()))
        .isFalse();

    assertThat(status(run)).isEqualTo(ExecutionStatus.CANCELED);
    assertThat(changes(run)).containsExactly("queued", "canceled");
  }

  @Test
  void a_move_the_transition_function_forbids_throws_before_touching_the_row() {
    Execution run = queuedBehind();
    moves.cancel(run, ExecutionStatus.QUEUED, "owner@test.local", clock.instant());

    assertThatThrownBy(
            () -> moves.cancel(run, ExecutionStatus.CANCELED, "owner@test.local", clock.instant()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A run cannot go from canceled to canceled");
    assertThat(changes(run)).containsExactly("queued", "canceled");
  }

  @Test
  void moves_from_running_or_waiting_leave_a_queued_run_alone() {
    Execution run = queuedBehind();
    Instant now = clock.instant();

    assertThat(moves.wake(run.id(), run.agentId(), now, "scheduler", "Wait is over")).isFalse();
    assertThat(moves.requeue(run.id(), 5, now, "Lease expired")).isFalse();
    assertThat(moves.abandon(run.id(), run.agentId(), now, "Run abandoned")).isFalse();
    assertThat(moves.release(run.id(), "node-a", now)).isFalse();
    assertThat(
            moves.finish(
                run, "node-a", Outcome.failed("boom", null, null), now, Checkpoint.START, 0, "x"))
        .isFalse();
    assertThat(
            moves.wait(
                run,
                "node-a",
                new Outcome.Waiting(now.plusSeconds(60), "Waiting"),
                now,
                Checkpoint.START,
                0))
        .isFalse();

    assertThat(status(run)).isEqualTo(ExecutionStatus.QUEUED);
    assertThat(changes(run)).containsExactly("queued");
  }

  @Test
  void skip_records_a_run_that_never_runs_with_its_reason() {
    Execution run =
        TestRuns.aScheduledRun(
            UUID.fromString(ws),
            newAgent(),
            clock.instant(),
            ExecutionStatus.SKIPPED,
            "Skipped: Agent paused",
            clock.instant());

    moves.skip(run);

    Execution stored = store.findAny(run.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(ExecutionStatus.SKIPPED);
    assertThat(stored.reason()).isEqualTo("Skipped: Agent paused");
    assertThat(store.transitions(run.id()))
        .singleElement()
        .satisfies(t -> {
          assertThat(t.get("from")).isNull();
          assertThat(t.get("to")).isEqualTo("skipped");
          assertThat(t.get("reason")).isEqualTo("Skipped: Agent paused");
        });
  }

  @Test
  void an_abandoned_scheduled_run_is_published_failed_and_counts_in_its_failure_streak() {
    UUID agent = newAgent();
    Execution run =
        TestRuns.aScheduledRun(
            UUID.fromString(ws), agent, clock.instant(), ExecutionStatus.QUEUED, null, null);
    moves.enqueue(
        run,
        true,
        new RunMoves.Hold(clock.instant().plus(Duration.ofDays(1)), QueueStatus.Reason.NOT_BEFORE));
    // As if a node had taken it and then died: the hold keeps every worker of this test away.
    jdbc.update("update executions set status = 'running' where id = ?", run.id());

    assertThat(moves.abandon(run.id(), agent, clock.instant(), "Run abandoned")).isTrue();

    assertThat(status(run)).isEqualTo(ExecutionStatus.FAILED);
    assertThat(
            jdbc.queryForObject(
                "select failures from schedule_streaks where agent_id = ?", Integer.class, agent))
        .isEqualTo(1);
  }

  @Test
  void the_claim_takes_every_agents_head_in_order_and_none_of_the_runs_behind_them() {
    // Eight agents: random ids on both sides of the lowest id's half, so a signed id order fails.
    Instant held = clock.instant().plus(Duration.ofDays(1));
    List<UUID> heads = new ArrayList<>();
    List<UUID> behind = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      UUID agent = newAgent();
      Execution head =
          TestRuns.aScheduledRun(
              UUID.fromString(ws), agent, clock.instant(), ExecutionStatus.QUEUED, null, null);
      moves.enqueue(head, true, new RunMoves.Hold(held, QueueStatus.Reason.NOT_BEFORE));
      heads.add(head.id());
      for (int j = 0; j < 3; j++) {
        clock.advance(Duration.ofMillis(1));
        Execution next =
            TestRuns.aScheduledRun(
                UUID.fromString(ws), agent, clock.instant(), ExecutionStatus.QUEUED, null, null);
        moves.enqueue(next, false, null);
        behind.add(next.id());
      }
    }

    List<UUID> claimable =
        transactions.execute(tx -> {
          tx.setRollbackOnly();
          return store.lockClaimable(10_000, held.plusSeconds(1)).stream()
              .map(Execution::id)
              .toList();
        });

    assertThat(claimable).doesNotContainAnyElementsOf(behind);
    assertThat(claimable.stream().filter(heads::contains).toList()).isEqualTo(heads);
  }

  @Test
  void runs_claimed_and_left_together_each_move_once_with_their_own_transition_rows() {
    Instant held = clock.instant().plus(Duration.ofDays(1));
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Execution head =
          TestRuns.aScheduledRun(
              UUID.fromString(ws), newAgent(), clock.instant(), ExecutionStatus.QUEUED, null, null);
      moves.enqueue(head, true, new RunMoves.Hold(held, QueueStatus.Reason.NOT_BEFORE));
      ids.add(head.id());
    }
    Instant at = held.plusSeconds(1);

    // Rolled back at the end: no worker of this context is left with these runs or others.
    transactions.executeWithoutResult(tx -> {
      tx.setRollbackOnly();
      List<Execution> ours =
          moves.claim(10_000, "node-a", at, at.plusSeconds(60)).stream()
              .filter(e -> ids.contains(e.id()))
              .toList();
      assertThat(ours).extracting(Execution::id).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(ours).allSatisfy(e -> assertThat(e.attempt()).isEqualTo(1));
      List<RunMoves.Leave> leaves = new ArrayList<>();
      for (int i = 0; i < ours.size(); i++) {
        Outcome outcome =
            i == 0 ? Outcome.failed("boom", 1, null) : Outcome.completed(i, Map.of("n", i));
        leaves.add(
            new RunMoves.Leave(ours.get(i), "node-a", outcome, at, Checkpoint.START, 2, "worker"));
      }
      assertThat(moves.leave(leaves)).containsExactly(true, true, true);

      for (Execution e : ours) {
        Execution stored = store.findAny(e.id()).orElseThrow();
        String end = e == ours.getFirst() ? "failed" : "completed";
        assertThat(stored.status().wireName()).isEqualTo(end);
        assertThat(stored.attempt()).isEqualTo(1);
        assertThat(changes(e)).containsExactly("queued", "running", end);
      }
      assertThat(store.transitions(ours.getFirst().id()).getLast().get("reason")).isEqualTo("boom");
    });
  }

  private Execution queuedBehind() {
    UUID agent = newAgent();
    Execution blocker =
        TestRuns.aScheduledRun(
            UUID.fromString(ws), agent, clock.instant(), ExecutionStatus.QUEUED, null, null);
    moves.enqueue(
        blocker,
        true,
        new RunMoves.Hold(clock.instant().plus(Duration.ofDays(1)), QueueStatus.Reason.NOT_BEFORE));
    Execution run =
        TestRuns.aScheduledRun(
            UUID.fromString(ws), agent, clock.instant(), ExecutionStatus.QUEUED, null, null);
    moves.enqueue(run, false, null);
    return run;
  }

  private UUID newAgent() {
    return UUID.fromString(
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws));
  }

  private ExecutionStatus status(Execution run) {
    return store.findAny(run.id()).orElseThrow().status();
  }

  private List<Object> changes(Execution run) {
    return store.transitions(run.id()).stream().map(t -> t.get("to")).toList();
  }
}
