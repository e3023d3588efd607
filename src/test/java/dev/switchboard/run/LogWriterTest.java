package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sql.MultiRowInsert;
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
 * Log lines are stored for the turn of the run that owns it now and for no other: lines of several
 * runs go in together, and those of a turn that was taken over are dropped, alone or in a batch.
 * The runs here are held in the queue, so no worker takes them.
 */
@Tag("db")
class LogWriterTest extends SwitchboardTestBase {

  @Autowired LogWriter logs;
  @Autowired RunMoves moves;
  @Autowired TransactionTemplate transactions;

  @Test
  void lines_of_several_runs_written_together_are_all_stored_in_order_across_statements() {
    Execution first = heldRun();
    Execution second = heldRun();
    int many = MultiRowInsert.ROWS_PER_STATEMENT + 7;

    write(lines(first, 1, many), lines(second, 1, 3));

    assertThat(seqs(first)).hasSize(many).isSorted().startsWith(1L).endsWith((long) many);
    assertThat(seqs(second)).containsExactly(1L, 2L, 3L);
    assertThat(
            jdbc.queryForObject(
                "select line from execution_logs where execution_id = ? and seq = 2",
                String.class,
                second.id()))
        .isEqualTo("line 2");
  }

  @Test
  void a_taken_over_turns_lines_are_refused_while_the_current_turns_in_the_same_batch_are_kept() {
    Execution current = heldRun();
    Execution takenOver = heldRun();
    // Another worker claimed it since this turn began: its attempt moved on.
    jdbc.update("update executions set attempt = attempt + 1 where id = ?", takenOver.id());

    write(
        lines(current, 1, 2),
        lines(takenOver, 1, MultiRowInsert.ROWS_PER_STATEMENT + 1),
        lines(current, 3, 1));

    assertThat(seqs(current)).containsExactly(1L, 2L, 3L);
    assertThat(seqs(takenOver)).isEmpty();
  }

  private void write(LogWriter.Lines... runs) {
    transactions.executeWithoutResult(tx -> logs.insert(List.of(runs)));
  }

  private LogWriter.Lines lines(Execution run, long fromSeq, int count) {
    List<LogLine> lines = new ArrayList<>();
    for (long seq = fromSeq; seq < fromSeq + count; seq++) {
      lines.add(new LogLine(seq, "system", "line " + seq, clock.instant()));
    }
    return new LogWriter.Lines(run, lines);
  }

  private List<Long> seqs(Execution run) {
    return jdbc.queryForList(
        "select seq from execution_logs where execution_id = ? order by seq", Long.class, run.id());
  }

  /** A queued run at the head of a new agent, held for a day. */
  private Execution heldRun() {
    UUID agent =
        UUID.fromString(
            anAgent()
                .live()
                .withSteps(step("remember", Map.of("key", "k", "value", "v")))
                .createIn(owner, ws));
    Execution run =
        TestRuns.aScheduledRun(
            UUID.fromString(ws), agent, clock.instant(), ExecutionStatus.QUEUED, null, null);
    Instant held = clock.instant().plus(Duration.ofDays(1));
    moves.enqueue(run, true, new RunMoves.Hold(held, QueueStatus.Reason.NOT_BEFORE));
    return run;
  }
}
