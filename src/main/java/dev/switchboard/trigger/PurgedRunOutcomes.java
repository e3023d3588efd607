package dev.switchboard.trigger;

import dev.switchboard.run.ExecutionsPurged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The slot and event ledgers keep their rows for runs the retention purge deletes, unlinked: a row
 * is what makes a slot fire and an event start a run once, so it must outlive the run.
 */
@Component
class PurgedRunOutcomes {

  private final JdbcClient jdbc;

  PurgedRunOutcomes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  void on(ExecutionsPurged purged) {
    for (String ledger : java.util.List.of("schedule_slots", "event_outcomes")) {
      jdbc.sql(
              "update "
                  + ledger
                  + " set execution_id = null where workspace_id = :ws and execution_id in (:ids)")
          .param("ws", purged.workspaceId())
          .param("ids", purged.executionIds())
          .update();
    }
  }
}
