package dev.switchboard.run;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Cluster-wide jobs that one node at a time may run: a node claims a job's row with a lease (one
 * conditional UPDATE, no lock held while the job runs) and marks it done, so the next claim waits
 * until the job is due again.
 */
@Repository
class HousekeepingJobs {

  private final JdbcClient jdbc;

  HousekeepingJobs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Whether {@code node} now holds {@code job} until {@code now + lease}: nobody else holds it and
   * it was last done at least {@code every} ago.
   */
  boolean claim(String job, String node, Instant now, Duration lease, Duration every) {
    return jdbc.sql(
                """
                update housekeeping_jobs set lease_owner = ?, lease_until = ?
                where name = ? and (lease_until is null or lease_until < ?)
                and (done_at is null or done_at <= ?)\
                """)
            .params(
                node,
                ExecutionStore.utc(now.plus(lease)),
                job,
                ExecutionStore.utc(now),
                ExecutionStore.utc(now.minus(every)))
            .update()
        == 1;
  }

  /** Whether {@code node} still holds {@code job}, extending its lease. */
  boolean renew(String job, String node, Instant now, Duration lease) {
    return jdbc.sql(
                "update housekeeping_jobs set lease_until = ? where name = ? and lease_owner = ?")
            .params(ExecutionStore.utc(now.plus(lease)), job, node)
            .update()
        == 1;
  }

  void done(String job, String node, Instant now) {
    jdbc.sql(
            """
            update housekeeping_jobs set lease_owner = null, lease_until = null, done_at = ?
            where name = ? and lease_owner = ?\
            """)
        .params(ExecutionStore.utc(now), job, node)
        .update();
  }
}
