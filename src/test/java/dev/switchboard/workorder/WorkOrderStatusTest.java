package dev.switchboard.workorder;

import static dev.switchboard.workorder.WorkOrderStatus.APPROVED;
import static dev.switchboard.workorder.WorkOrderStatus.CANCELLED;
import static dev.switchboard.workorder.WorkOrderStatus.DRAFT;
import static dev.switchboard.workorder.WorkOrderStatus.FAILED;
import static dev.switchboard.workorder.WorkOrderStatus.QUEUED;
import static dev.switchboard.workorder.WorkOrderStatus.REVIEW;
import static dev.switchboard.workorder.WorkOrderStatus.RUNNING;
import static dev.switchboard.workorder.WorkOrderStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkOrderStatusTest {

  @Test
  void a_draft_is_approved_or_cancelled_and_never_runs() {
    assertThat(WorkOrderStatus.allowedFrom(DRAFT)).containsExactlyInAnyOrder(APPROVED, CANCELLED);
  }

  @Test
  void an_approved_work_order_starts_its_first_run() {
    assertThat(WorkOrderStatus.allowedFrom(APPROVED))
        .containsExactlyInAnyOrder(QUEUED, RUNNING, CANCELLED);
  }

  @Test
  void a_queued_run_starts_or_ends_before_starting() {
    assertThat(WorkOrderStatus.allowedFrom(QUEUED))
        .containsExactlyInAnyOrder(RUNNING, REVIEW, FAILED, CANCELLED);
  }

  @Test
  void a_running_run_ends_in_review_or_failed() {
    assertThat(WorkOrderStatus.allowedFrom(RUNNING))
        .containsExactlyInAnyOrder(REVIEW, FAILED, CANCELLED);
  }

  @Test
  void review_is_accepted_or_given_another_run() {
    assertThat(WorkOrderStatus.allowedFrom(REVIEW))
        .containsExactlyInAnyOrder(QUEUED, RUNNING, SUCCEEDED, CANCELLED);
  }

  @Test
  void a_failed_work_order_may_run_again_but_not_be_accepted() {
    assertThat(WorkOrderStatus.allowedFrom(FAILED))
        .containsExactlyInAnyOrder(QUEUED, RUNNING, CANCELLED);
  }

  @Test
  void succeeded_and_cancelled_are_terminal_with_no_way_out() {
    assertThat(WorkOrderStatus.allowedFrom(SUCCEEDED)).isEmpty();
    assertThat(WorkOrderStatus.allowedFrom(CANCELLED)).isEmpty();
    assertThat(SUCCEEDED.isTerminal()).isTrue();
    assertThat(CANCELLED.isTerminal()).isTrue();
    assertThat(FAILED.isTerminal()).isFalse();
    assertThat(REVIEW.isTerminal()).isFalse();
  }

  @Test
  void only_queued_and_running_have_an_active_run() {
    for (WorkOrderStatus s : WorkOrderStatus.values()) {
      assertThat(s.hasActiveRun()).as(s.name()).isEqualTo(s == QUEUED || s == RUNNING);
    }
  }

  @Test
  void only_approved_review_and_failed_accept_a_new_run() {
    for (WorkOrderStatus s : WorkOrderStatus.values()) {
      assertThat(s.acceptsRuns())
          .as(s.name())
          .isEqualTo(s == APPROVED || s == REVIEW || s == FAILED);
    }
  }
}
