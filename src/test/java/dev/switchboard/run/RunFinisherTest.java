package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A group of run ends hands the worker places its runs leave to a {@link RunFinisher.Refill}: the
 * refill claims in the group's transaction and hands its claims over after the commit; when the
 * transaction fails, the places are freed and nothing of the group is kept.
 */
@Tag("db")
class RunFinisherTest extends SwitchboardTestBase {

  @Autowired RunFinisher finisher;
  @Autowired ExecutionStore store;

  /** Records what the finisher asked of it. */
  private static final class Recording implements RunFinisher.Refill {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> handedOver = new CompletableFuture<>();
    final RuntimeException failure;

    Recording(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public Runnable fill(int places) {
      calls.add(
          "fill "
              + places
              + " in tx "
              + TransactionSynchronizationManager.isActualTransactionActive());
      if (failure != null) {
        throw failure;
      }
      return () -> {
        calls.add("handed over");
        handedOver.complete(null);
      };
    }

    @Override
    public void free(int places) {
      calls.add("free " + places);
    }
  }

  @Test
  void the_place_an_end_leaves_is_filled_in_its_transaction_and_handed_over_after_the_commit() {
    Execution done = finishedRun();
    Recording refill = new Recording(null);

    CompletableFuture<Boolean> end =
        finisher.handIn(leave(done), new LogWriter.Lines(done, List.of()), refill);

    // The run had already ended on its own: this second end is fenced off, the place still filled.
    assertThat(end.join()).isFalse();
    refill.handedOver.join();
    assertThat(refill.calls).containsExactly("fill 1 in tx true", "handed over");
    assertThat(store.findAny(done.id()).orElseThrow().status())
        .isEqualTo(ExecutionStatus.COMPLETED);
  }

  @Test
  void a_group_whose_transaction_fails_frees_its_place_and_answers_the_failure() {
    Execution done = finishedRun();
    Recording refill = new Recording(new IllegalStateException("claim failed"));

    CompletableFuture<Boolean> end =
        finisher.handIn(leave(done), new LogWriter.Lines(done, List.of()), refill);

    assertThatThrownBy(end::join)
        .isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("claim failed");
    assertThat(refill.calls).containsExactly("fill 1 in tx true", "free 1");
  }

  private Execution finishedRun() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    String id = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, id, "completed");
    return store.findAny(UUID.fromString(id)).orElseThrow();
  }

  private RunMoves.Leave leave(Execution run) {
    return new RunMoves.Leave(
        run,
        "node-test",
        new Outcome.Completed(0, null),
        clock.instant(),
        Checkpoint.START,
        0,
        "x");
  }
}
