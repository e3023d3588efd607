package dev.switchboard.run;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.workspace.WorkspaceSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily purge of finished runs older than their workspace's retention, with their logs,
 * transitions and search terms; other modules forget them on {@link ExecutionsPurged}. It runs on
 * one node at a time (the claimed "retention" job row) and deletes in small batches, each its own
 * short transaction, so triggers and workers never wait long. Only runs already added to {@link
 * DailyTotals} go, so dashboards keep counting them.
 */
@Component
class Retention {

  static final String JOB = "retention";

  /** Runs deleted per transaction. */
  static final int BATCH = 200;

  private static final Duration DAILY = Duration.ofDays(1);
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final HousekeepingJobs jobs;
  private final DailyTotals totals;
  private final WorkspaceSettings workspaces;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;
  private final String node;

  Retention(
      JdbcClient jdbc,
      TransactionTemplate tx,
      HousekeepingJobs jobs,
      DailyTotals totals,
      WorkspaceSettings workspaces,
      ApplicationEventPublisher publisher,
      Clock clock,
      ClusterBus bus) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.jobs = jobs;
    this.totals = totals;
    this.workspaces = workspaces;
    this.publisher = publisher;
    this.clock = clock;
    this.node = bus.nodeId();
  }

  /** The daily purge, when a day has passed since the last one. */
  int purgeIfDue() {
    return purge(DAILY);
  }

  /**
   * Purges when {@code every} has passed since the last purge and no other node is at it; how many
   * runs it deleted (0 when it did not run). Runs finished since the last fold are folded first.
   */
  int purge(Duration every) {
    if (!jobs.claim(JOB, node, clock.instant(), LEASE, every)) {
      return 0;
    }
    totals.fold(Integer.MAX_VALUE);
    int purged = 0;
    for (WorkspaceSettings.Retention retention : workspaces.retentions()) {
      Instant cutoff = clock.instant().minus(Duration.ofDays(retention.days()));
      int batch;
      do {
        if (!jobs.renew(JOB, node, clock.instant(), LEASE)) {
          return purged;
        }
        batch = tx.execute(status -> purgeBatch(retention.workspaceId(), cutoff));
        purged += batch;
      } while (batch == BATCH);
    }
    jobs.done(JOB, node, clock.instant());
    return purged;
  }

  private int purgeBatch(UUID workspaceId, Instant cutoff) {
    List<UUID> ids =
        jdbc.sql(
                """
                select id from executions where workspace_id = ? and created_at < ?
                and finished_at < ? and totals_folded = true
                limit ? for update skip locked\
                """)
            .params(workspaceId, ExecutionStore.utc(cutoff), ExecutionStore.utc(cutoff), BATCH)
            .query((rs, i) -> rs.getObject(1, UUID.class))
            .list();
    if (!ids.isEmpty()) {
      publisher.publishEvent(new ExecutionsPurged(workspaceId, ids, cutoff));
      for (String table :
          List.of("execution_logs", "execution_transitions", "execution_search_terms")) {
        jdbc.sql("delete from " + table + " where execution_id in (:ids)")
            .param("ids", ids)
            .update();
      }
      jdbc.sql("delete from executions where id in (:ids)").param("ids", ids).update();
    }
    return ids.size();
  }
}
