package dev.switchboard.run;

import static dev.switchboard.run.ExecutionStore.instant;
import static dev.switchboard.run.ExecutionStore.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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

  /** How far down the queue a capacity estimate walks before it gives up (null). */
  static final int ESTIMATE_AHEAD = 1000;

  static final Duration MEDIAN_KEPT = Duration.ofSeconds(5);
  private static final int MEDIANS_KEPT = 10_000;

  private final JdbcClient jdbc;
  private final RunSettings settings;
  private final Map<UUID, Median> medians = new ConcurrentHashMap<>();

  QueueReasons(JdbcClient jdbc, RunSettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
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
      return capacity(q, now);
    }
    int ahead = agentAhead(q);
    Optional<Head> head = head(q.agentId());
    Optional<UUID> blocking = head.map(Head::id).or(() -> firstAhead(q));
    if (blocking.isEmpty()) {
      // The slot was just freed and is about to be handed to this run.
      return QueueStatus.capacity(1, now, true);
    }
    return QueueStatus.agentBusy(ahead + 1, blocking.get(), estimate(q, head, ahead, now));
  }

  /**
   * A run whose turn has come waits for a worker. The workers free up as the running runs end (each
   * at its start plus its agent's median run time) and as each claimable run ahead of it, in queue
   * order, takes the first free worker for its own agent's median; this run gets the next one. The
   * estimate is null when a median is unknown or the queue ahead is longer than {@link
   * #ESTIMATE_AHEAD}.
   */
  private QueueStatus capacity(Queued q, Instant now) {
    List<UUID> ahead = claimableAhead(q, now);
    List<Running> running =
        jdbc.sql("select agent_id, started_at from executions where status = 'running'")
            .query((rs, i) ->
                new Running(rs.getObject("agent_id", UUID.class), instant(rs, "started_at")))
            .list();
    // Other nodes' runs count too: there are at least as many workers as runs running.
    int workers = Math.max(settings.workers(), running.size());
    boolean workerFree = running.size() < settings.workers();
    if (ahead.size() >= ESTIMATE_AHEAD) {
      return QueueStatus.capacity(claimableCount(q, now) + 1, null, workerFree);
    }
    int position = ahead.size() + 1;
    Map<UUID, Optional<Duration>> medians = new HashMap<>();
    Function<UUID, Optional<Duration>> median = id -> recentMedian(id, now);
    PriorityQueue<Instant> free = new PriorityQueue<>();
    for (Running r : running) {
      Optional<Duration> runTime = medians.computeIfAbsent(r.agentId(), median);
      if (runTime.isEmpty() || r.startedAt() == null) {
        return QueueStatus.capacity(position, null, workerFree);
      }
      Instant end = r.startedAt().plus(runTime.get());
      free.add(end.isAfter(now) ? end : now);
    }
    while (free.size() < workers) {
      free.add(now);
    }
    for (UUID agentId : ahead) {
      Optional<Duration> runTime = medians.computeIfAbsent(agentId, median);
      if (runTime.isEmpty()) {
        return QueueStatus.capacity(position, null, workerFree);
      }
      free.add(free.poll().plus(runTime.get()));
    }
    return QueueStatus.capacity(position, free.poll(), workerFree);
  }

  private record Running(UUID agentId, Instant startedAt) {}

  private record Median(Optional<Duration> runTime, Instant readAt) {}

  /**
   * The agent's median, kept for {@link #MEDIAN_KEPT}: the queue watch asks for every watched run
   * each tick, and the runs ahead of each share their agents.
   */
  private Optional<Duration> recentMedian(UUID agentId, Instant now) {
    Median kept = medians.get(agentId);
    if (kept != null
        && !kept.readAt().isAfter(now)
        && kept.readAt().plus(MEDIAN_KEPT).isAfter(now)) {
      return kept.runTime();
    }
    if (medians.size() > MEDIANS_KEPT) {
      medians.clear();
    }
    Optional<Duration> runTime = Optional.ofNullable(medianRunTime(agentId));
    // An agent without history is asked again next time: its first run may end any moment.
    runTime.ifPresent(d -> medians.put(agentId, new Median(runTime, now)));
    return runTime;
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

  private int claimableCount(Queued q, Instant now) {
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

  /** The agents of the runs a worker takes before this one, in the order it takes them. */
  private List<UUID> claimableAhead(Queued q, Instant now) {
    return jdbc.sql(
            """
            select agent_id from executions where status = 'queued'
            and head_agent_id is not null and (not_before is null or not_before <= ?)
            and (created_at < ? or (created_at = ? and id < ?))
            order by created_at, id limit ?\
            """)
        .params(utc(now), utc(q.createdAt()), utc(q.createdAt()), q.id(), ESTIMATE_AHEAD)
        .query(UUID.class)
        .list();
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
