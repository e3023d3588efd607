package dev.switchboard.crm.actions;

import dev.switchboard.api.ApiException;
import dev.switchboard.crm.HandoffTaskDone;
import dev.switchboard.run.ExecutionStatus;
import dev.switchboard.run.Executions;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Resumes the run a completed handoff task held, when it still waits for it. */
@Component
class HandoffResume {

  private final Executions executions;

  HandoffResume(Executions executions) {
    this.executions = executions;
  }

  @EventListener
  void on(HandoffTaskDone done) {
    boolean waiting =
        executions
            .find(done.by().workspaceId(), done.executionId())
            .map(e -> e.status() == ExecutionStatus.WAITING)
            .orElse(false);
    if (!waiting) {
      return;
    }
    try {
      executions.resume(done.by(), done.executionId());
    } catch (ApiException raced) {
      // Resumed by someone else, or by its timeout, a moment ago.
    }
  }
}
