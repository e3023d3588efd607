package dev.switchboard.workorder;

import dev.switchboard.run.Execution;
import dev.switchboard.run.ExecutionStatus;
import dev.switchboard.run.Executions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The recovery pass at start: a work order follows its run through {@link RunFollower}, in the
 * process that ran it, after the run's end was committed. A server killed in between leaves the
 * work order queued or running behind a run that has ended; here it lands where its run did
 * (review, or failed with the reason). A run still queued or running needs nothing: it resumes, and
 * its work order follows it as usual. (Create-and-start cannot leave an approved work order without
 * its run: approve and queue share one transaction.)
 */
@Component
class StuckWorkOrders {

  static final int BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(StuckWorkOrders.class);

  private final WorkOrderStore store;
  private final WorkOrders workOrders;
  private final Executions executions;
  private final TransactionTemplate tx;

  StuckWorkOrders(
      WorkOrderStore store,
      WorkOrders workOrders,
      Executions executions,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.workOrders = workOrders;
    this.executions = executions;
    this.tx = new TransactionTemplate(transactions);
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    int landed = land();
    if (landed > 0) {
      log.info("Recovered {} work orders whose run ended while the server was down", landed);
    }
  }

  /** Lands every work order whose active run has ended; how many it moved. */
  int land() {
    int landed = 0;
    UUID after = null;
    List<WorkOrder> batch;
    do {
      batch = store.withActiveRun(after, BATCH);
      for (WorkOrder order : batch) {
        after = order.id();
        if (Boolean.TRUE.equals(tx.execute(status -> land(order)))) {
          landed++;
        }
      }
    } while (batch.size() == BATCH);
    return landed;
  }

  private boolean land(WorkOrder order) {
    Optional<Execution> run = executions.findAny(order.activeRunId());
    if (run.isPresent() && !run.get().status().isTerminal()) {
      return false;
    }
    int number = order.lastRunNumber();
    boolean exited0 = run.isPresent() && run.get().status() == ExecutionStatus.COMPLETED;
    String reason =
        run.isEmpty()
            ? "Run #" + number + " is missing; recovered at start"
            : "Run #"
                + number
                + " ended ("
                + run.get().status().wireName()
                + ") while the server was down; recovered at start";
    workOrders.move(
        order,
        exited0 ? WorkOrderStatus.REVIEW : WorkOrderStatus.FAILED,
        RunFollower.ACTOR,
        number,
        null,
        reason);
    return true;
  }
}
