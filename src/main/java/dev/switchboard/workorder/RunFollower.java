package dev.switchboard.workorder;

import dev.switchboard.run.RunEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a work order as its active run moves: started → running, exit 0 → review, a failure or a
 * cancel → failed. Follows the engine's run events; a run that is no longer its work order's active
 * one (the work order was cancelled) changes nothing.
 */
@Component
class RunFollower implements RunEvent.Listener {

  static final String ACTOR = "switchboard";
  private static final Logger log = LoggerFactory.getLogger(RunFollower.class);

  private final WorkOrderStore store;
  private final WorkOrders workOrders;
  private final TransactionTemplate tx;

  RunFollower(
      WorkOrderStore store, WorkOrders workOrders, PlatformTransactionManager transactions) {
    this.store = store;
    this.workOrders = workOrders;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void on(RunEvent e) {
    if (e.workOrderId() == null) {
      return;
    }
    WorkOrderStatus next =
        switch (e.event()) {
          case "execution:started" -> WorkOrderStatus.RUNNING;
          case "execution:completed" -> WorkOrderStatus.REVIEW;
          case "execution:failed", "execution:canceled", "execution:skipped" ->
              WorkOrderStatus.FAILED;
          default -> null;
        };
    if (next == null) {
      return;
    }
    try {
      tx.executeWithoutResult(status -> follow(e, next));
    } catch (RuntimeException failure) {
      // The run itself must not suffer for its work order's bookkeeping.
      log.warn("Work order {} did not follow its run: {}", e.workOrderId(), failure.toString());
    }
  }

  private void follow(RunEvent e, WorkOrderStatus next) {
    store
        .findByRun(e.executionId())
        .filter(order -> order.status().canMoveTo(next))
        .ifPresent(order -> {
          int number = order.lastRunNumber();
          boolean ended = next != WorkOrderStatus.RUNNING;
          workOrders.move(
              order,
              next,
              ACTOR,
              number,
              ended ? null : e.executionId(),
              reason(e.event(), number));
        });
  }

  private static String reason(String event, int number) {
    return switch (event) {
      case "execution:started" -> "Run #" + number + " started";
      case "execution:completed" -> "Run #" + number + " exited 0";
      case "execution:canceled" -> "Run #" + number + " was canceled";
      case "execution:skipped" -> "Run #" + number + " was skipped";
      default -> "Run #" + number + " failed";
    };
  }
}
