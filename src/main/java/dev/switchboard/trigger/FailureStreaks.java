package dev.switchboard.trigger;

import dev.switchboard.notification.Notifier;
import dev.switchboard.run.Execution;
import dev.switchboard.run.Executions;
import dev.switchboard.run.RunEvent;
import dev.switchboard.run.TriggerType;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts an agent's consecutive failed scheduled runs ({@code schedule_streaks}); the third in a
 * row tells the owners, once per streak. A failure never disables the schedule.
 */
@Component
class FailureStreaks implements RunEvent.Listener {

  static final int NOTIFY_AT = 3;

  private final JdbcClient jdbc;
  private final Executions executions;
  private final Notifier notifier;
  private final TransactionTemplate tx;

  FailureStreaks(
      JdbcClient jdbc,
      Executions executions,
      Notifier notifier,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.executions = executions;
    this.notifier = notifier;
    // Run events may come from another transaction's after-commit: counting needs its own.
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void on(RunEvent event) {
    boolean failed = event.event().equals("execution:failed");
    if (!failed && !event.event().equals("execution:completed")
        || event.triggerType() != TriggerType.SCHEDULED) {
      return; // Only scheduled runs count: the others' ends cost no read.
    }
    executions
        .findAny(event.executionId())
        .ifPresent(run -> tx.executeWithoutResult(status -> count(run, failed)));
  }

  private void count(Execution run, boolean failed) {
    if (!failed) {
      jdbc.sql("update schedule_streaks set failures = 0 where agent_id = ?")
          .params(run.agentId())
          .update();
      return;
    }
    if (increment(run.agentId()) == NOTIFY_AT) {
      notifier.notifyOwners(
          run.workspaceId(),
          "schedule_failures",
          "Agent '" + run.agentName() + "' failed 3 scheduled runs in a row",
          "/w/" + run.workspaceId() + "/agents/" + run.agentId());
    }
  }

  private int increment(UUID agentId) {
    int updated =
        jdbc.sql("update schedule_streaks set failures = failures + 1 where agent_id = ?")
            .params(agentId)
            .update();
    if (updated == 0) {
      // No race on the insert: an agent's runs finish one at a time (one may run at once).
      jdbc.sql("insert into schedule_streaks (agent_id, failures) values (?, 1)")
          .params(agentId)
          .update();
      return 1;
    }
    return jdbc.sql("select failures from schedule_streaks where agent_id = ?")
        .params(agentId)
        .query(Integer.class)
        .single();
  }
}
