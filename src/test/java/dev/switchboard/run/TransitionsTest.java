package dev.switchboard.run;

import static dev.switchboard.run.ExecutionStatus.CANCELED;
import static dev.switchboard.run.ExecutionStatus.COMPLETED;
import static dev.switchboard.run.ExecutionStatus.FAILED;
import static dev.switchboard.run.ExecutionStatus.QUEUED;
import static dev.switchboard.run.ExecutionStatus.RUNNING;
import static dev.switchboard.run.ExecutionStatus.SKIPPED;
import static dev.switchboard.run.ExecutionStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransitionsTest {

  @Test
  void queued_runs_start_or_are_canceled_or_skipped() {
    assertThat(Transitions.allowedFrom(QUEUED))
        .containsExactlyInAnyOrder(RUNNING, CANCELED, SKIPPED);
  }

  @Test
  void running_runs_finish_wait_or_go_back_to_the_queue_when_their_node_dies() {
    assertThat(Transitions.allowedFrom(RUNNING))
        .containsExactlyInAnyOrder(COMPLETED, FAILED, CANCELED, WAITING, QUEUED);
  }

  @Test
  void waiting_runs_are_queued_again_or_canceled() {
    assertThat(Transitions.allowedFrom(WAITING)).containsExactlyInAnyOrder(QUEUED, CANCELED);
  }

  @ParameterizedTest
  @EnumSource(
      value = ExecutionStatus.class,
      names = {"COMPLETED", "FAILED", "CANCELED", "SKIPPED"})
  void nothing_leaves_a_terminal_status(ExecutionStatus terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    assertThat(Transitions.allowedFrom(terminal)).isEmpty();
    assertThatThrownBy(() -> Transitions.check(terminal, RUNNING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot go from " + terminal.wireName());
  }

  @Test
  void only_queued_and_running_are_active() {
    EnumSet<ExecutionStatus> active = EnumSet.noneOf(ExecutionStatus.class);
    for (ExecutionStatus s : ExecutionStatus.values()) {
      if (s.isActive()) {
        active.add(s);
      }
    }
    assertThat(active).containsExactlyInAnyOrder(QUEUED, RUNNING);
  }

  @Test
  void a_queued_run_cannot_complete_without_running() {
    assertThat(Transitions.allowed(QUEUED, COMPLETED)).isFalse();
  }
}
