package dev.switchboard.run;

import static dev.switchboard.run.ExecutionStore.instant;
import static dev.switchboard.run.ExecutionStore.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Works out a queued run's {@link QueueStatus} from the queue as it is now. Runs are ordered as the
 * queue takes them: by creation time, then id.
 */
@Component
class QueueReasons {

  /** How many of an agent's latest runs the start estimate is based on. */
  static final int RECENT_RUNS = 20;

  private final JdbcClient jdbc;

  QueueReasons(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private record Queued(
      UUID id,
      UUID agentId,
      Instant createdAt,
      boolean head,
      Instant notBefore,
      String holdReason) {}

  private record Head(UUID id, Instant startedAt) {}

  /** Empty unless the run is queued. */
  Optional<QueueStatus> of(UUID executionId, Instant now) {
    Optional<Queued> found =
        jdbc.sql(
                """
                select id, agent_id, created_at, head_agent_id, not_before, hold_reason
                from executions where id = ? and status = 'queued'\
                """)
            .param(executionId)
            .query((rs, i) ->
                new Queued(
                    rs.getObject("id", UUID.class),
                    rs.getObject("agent_id", UUID.class),
                    instant(rs, "created_at"),
                    rs.getObject("head_agent_id") != null,
                    instant(rs, "not_before"),
                    rs.getString("hold_reason")))
            .optional();
    return found.map(q -> statusOf(q, now));
  }

  private QueueStatus statusOf(Queued q, Instant now) {
    if (q.notBefore() != null && q.notBefore().isAfter(now)) {
      return QueueStatus.held(
          agentAhead(q) + 1, QueueStatus.Reason.fromWireName(q.holdReason()), q.notBefore());
    }
    if (q.head()) {
      return QueueStatus.capacity(claimableAhead(q, now) + 1);
    }
    int ahead = agentAhead(q);
    Optional<Head> head = head(q.agentId());
    Optional<UUID> blocking = head.map(Head::id).or(() -> firstAhead(q));
    if (blocking.isEmpty()) {
      // The slot was just freed and is about to be handed to this run.
      return QueueStatus.capacity(1);
    }
    return QueueStatus.agentBusy(ahead + 1, blocking.get(), estimate(q, head, ahead, now));
  }

  /** From the agent's median run time: what is ahead of this run, one median each. */
  private Instant estimate(Queued q, Optional<Head> head, int ahead, Instant now) {
    Duration median = medianRunTime(q.agentId());
    if (median == null) {
      return null;
    }
    Instant headEnds =
        head.map(Head::startedAt)
            .map(started -> started.plus(median))
            .filter(end -> end.isAfter(now))
            .orElse(now);
    return headEnds.plus(median.multipliedBy(ahead));
  }

  Duration medianRunTime(UUID agentId) {
    List<Duration> times =
        new ArrayList<>(
            jdbc.sql(
                    """
                    select started_at, finished_at from executions
                    where agent_id = ? and status in ('completed', 'failed')
                    and started_at is not null order by finished_at desc limit ?\
                    """)
                .params(agentId, RECENT_RUNS)
                .query((rs, i) ->
                    Duration.between(instant(rs, "started_at"), instant(rs, "finished_at")))
                .list());
    if (times.isEmpty()) {
      return null;
    }
    times.sort(null);
    return times.get(times.size() / 2);
  }

  private int agentAhead(Queued q) {
    return jdbc.sql(
            """
            select count(*) from executions where agent_id = ? and status = 'queued'
            and (created_at < ? or (created_at = ? and id < ?))\
            """)
        .params(q.agentId(), utc(q.createdAt()), utc(q.createdAt()), q.id())
        .query(Integer.class)
        .single();
  }

  private int claimableAhead(Queued q, Instant now) {
    return jdbc.sql(
            """
            select count(*) from executions where status = 'queued'
            and head_agent_id is not null and (not_before is null or not_before <= ?)
            and (created_at < ? or (created_at = ? and id < ?))\
            """)
        .params(utc(now), utc(q.createdAt()), utc(q.createdAt()), q.id())
        .query(Integer.class)
        .single();
  }

  private Optional<Head> head(UUID agentId) {
    return jdbc.sql("select id, started_at from executions where head_agent_id = ?")
        .param(agentId)
        .query((rs, i) -> new Head(rs.getObject("id", UUID.class), instant(rs, "started_at")))
        .optional();
  }

  private Optional<UUID> firstAhead(Queued q) {
    return jdbc.sql(
            """
            select id from executions where agent_id = ? and status = 'queued'
            and (created_at < ? or (created_at = ? and id < ?)) order by created_at, id limit 1\
            """)
        .params(q.agentId(), utc(q.createdAt()), utc(q.createdAt()), q.id())
        .query(UUID.class)
        .optional();
  }
}
