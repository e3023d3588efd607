package dev.switchboard.integration.actions;

import dev.switchboard.integration.CaughtEmails;
import dev.switchboard.integration.SendLedger;
import dev.switchboard.run.ExecutionsPurged;
import java.time.ZoneOffset;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The send ledgers and the Outbox let go of runs the retention purge deletes. */
@Component
class PurgedRunSends {

  private final SendLedger ledger;
  private final CaughtEmails caught;

  PurgedRunSends(SendLedger ledger, CaughtEmails caught) {
    this.ledger = ledger;
    this.caught = caught;
  }

  @EventListener
  void on(ExecutionsPurged purged) {
    ledger.forgetRuns(
        purged.workspaceId(),
        purged.executionIds(),
        purged.before().atOffset(ZoneOffset.UTC).toLocalDate());
    caught.forgetRuns(purged.workspaceId(), purged.executionIds());
  }
}
