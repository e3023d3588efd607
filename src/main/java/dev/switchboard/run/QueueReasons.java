package dev.switchboard.run;

import static dev.switchboard.run.ExecutionStore.instant;
import static dev.switchboard.run.ExecutionStore.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
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
      String holdReason,
      int agentAhead) {}

  private record Head(UUID id, Instant startedAt) {}

  /** Empty unless the run is queued. */
  Optional<QueueStatus> of(UUID executionId, Instant now) {
    return Optional.ofNullable(of(List.of(executionId), now).get(executionId));
  }

  /**
   * Why each of these runs waits, for the ones that are queued, worked out together: one read of
   * the runs with their places behind their agents, one of their agents' heads, one walk down the
   * claimable queue for those whose turn has come (a history page asks for up to 50).
   */
  Map<UUID, QueueStatus> of(Collection<UUID> executionIds, Instant now) {
    if (executionIds.isEmpty()) {
      return Map.of();
    }
    List<Queued> queued =
        jdbc.sql(
                """
                select q.id, q.agent_id, q.created_at, q.head_agent_id, q.not_before,
                q.hold_reason, (select count(*) from executions x where x.agent_id = q.agent_id
                  and x.status = 'queued' and (x.created_at < q.created_at
                  or (x.created_at = q.created_at and x.id < q.id))) as agent_ahead
                from executions q where q.id in (:ids) and q.status = 'queued'\
                """)
            .param("ids", executionIds)
            .query((rs, i) ->
                new Queued(
                    rs.getObject("id", UUID.class),
                    rs.getObject("agent_id", UUID.class),
                    instant(rs, "created_at"),
                    rs.getObject("head_agent_id") != null,
                    instant(rs, "not_before"),
                    rs.getString("hold_reason"),
                    rs.getInt("agent_ahead")))
            .list();
    Map<UUID, QueueStatus> out = new HashMap<>();
    List<Queued> turnCome = new ArrayList<>();
    List<Queued> behind = new ArrayList<>();
    for (Queued q : queued) {
      if (q.notBefore() != null && q.notBefore().isAfter(now)) {
        out.put(
            q.id(),
            QueueStatus.held(
                q.agentAhead() + 1,
                QueueStatus.Reason.fromWireName(q.holdReason()),
                q.notBefore()));
      } else if (q.head()) {
        turnCome.add(q);
      } else {
        behind.add(q);
      }
    }
    out.putAll(capacity(turnCome, now));
    out.putAll(agentBusy(behind, now));
    return out;
  }

  /** Runs behind another of their agent's: it holds the slot, or is about to take it. */
  private Map<UUID, QueueStatus> agentBusy(List<Queued> behind, Instant now) {
    if (behind.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Head> heads = new HashMap<>();
    jdbc.sql("select id, head_agent_id, started_at from executions where head_agent_id in (:ids)")
        .param("ids", behind.stream().map(Queued::agentId).distinct().toList())
        .query((rs, i) ->
            Map.entry(
                rs.getObject("head_agent_id", UUID.class),
                new Head(rs.getObject("id", UUID.class), instant(rs, "started_at"))))
        .list()
        .forEach(head -> heads.put(head.getKey(), head.getValue()));
    Map<UUID, Optional<Duration>> medians = new HashMap<>();
    Map<UUID, QueueStatus> out = new HashMap<>();
    for (Queued q : behind) {
      Optional<Head> head = Optional.ofNullable(heads.get(q.agentId()));
      Optional<UUID> blocking = head.map(Head::id).or(() -> firstAhead(q));
      if (blocking.isEmpty()) {
        // The slot was just freed and is about to be handed to this run.
        out.put(q.id(), QueueStatus.capacity(1, now, true));
        continue;
      }
      Duration median =
          medians
              .computeIfAbsent(q.agentId(), id -> Optional.ofNullable(medianRunTime(id)))
              .orElse(null);
      out.put(
          q.id(),
          QueueStatus.agentBusy(
              q.agentAhead() + 1, blocking.get(), estimate(median, head, q.agentAhead(), now)));
    }
    return out;
  }

  /**
   * Runs whose turn has come wait for a worker. The workers free up as the running runs end (each
   * at its start plus its agent's median run time) and as each claimable run, in queue order, takes
   * the first free worker for its own agent's median; one walk down the queue gives each of these
   * runs the worker it gets. An estimate is null when a median on the way is unknown or the queue
   * ahead is longer than {@link #ESTIMATE_AHEAD}.
   */
  private Map<UUID, QueueStatus> capacity(List<Queued> turnCome, Instant now) {
    if (turnCome.isEmpty()) {
      return Map.of();
    }
    Instant last = turnCome.stream().map(Queued::createdAt).max(Comparator.naturalOrder()).get();
    List<Claimable> queue = claimableUpTo(last, now);
    List<Running> running =
        jdbc.sql("select agent_id, started_at from executions where status = 'running'")
            .query((rs, i) ->
                new Running(rs.getObject("agent_id", UUID.class), instant(rs, "started_at")))
            .list();
    // Other nodes' runs count too: there are at least as many workers as runs running.
    int workers = Math.max(settings.workers(), running.size());
    boolean workerFree = running.size() < settings.workers();
    Map<UUID, Optional<Duration>> medians = new HashMap<>();
    Function<UUID, Optional<Duration>> median = id -> recentMedian(id, now);
    PriorityQueue<Instant> free = new PriorityQueue<>();
    boolean known = true;
    for (Running r : running) {
      Optional<Duration> runTime = medians.computeIfAbsent(r.agentId(), median);
      if (runTime.isEmpty() || r.startedAt() == null) {
        known = false;
        break;
      }
      Instant end = r.startedAt().plus(runTime.get());
      free.add(end.isAfter(now) ? end : now);
    }
    while (free.size() < workers) {
      free.add(now);
    }
    Set<UUID> wanted = new HashSet<>();
    turnCome.forEach(q -> wanted.add(q.id()));
    Map<UUID, QueueStatus> out = new HashMap<>();
    for (int i = 0; i < queue.size() && i < ESTIMATE_AHEAD && out.size() < wanted.size(); i++) {
      Claimable c = queue.get(i);
      if (wanted.contains(c.id())) {
        out.put(c.id(), QueueStatus.capacity(i + 1, known ? free.peek() : null, workerFree));
      }
      Optional<Duration> runTime = known ? medians.computeIfAbsent(c.agentId(), median) : null;
      if (runTime == null || runTime.isEmpty()) {
        known = false;
      } else {
        free.add(free.poll().plus(runTime.get()));
      }
    }
    for (Queued q : turnCome) {
      if (!out.containsKey(q.id())) {
        out.put(q.id(), QueueStatus.capacity(claimableCount(q, now) + 1, null, workerFree));
      }
    }
    return out;
  }

  private record Claimable(UUID id, UUID agentId) {}

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
  private static Instant estimate(Duration median, Optional<Head> head, int ahead, Instant now) {
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

  /**
   * The claimable runs a worker takes up to those created at {@code last}, in the order it takes
   * them, at most {@link #ESTIMATE_AHEAD} + 1.
   */
  private List<Claimable> claimableUpTo(Instant last, Instant now) {
    return jdbc.sql(
            """
            select id, agent_id from executions where status = 'queued'
            and head_agent_id is not null and (not_before is null or not_before <= ?)
            and created_at <= ? order by created_at, id limit ?\
            """)
        .params(utc(now), utc(last), ESTIMATE_AHEAD + 1)
        .query((rs, i) ->
            new Claimable(rs.getObject("id", UUID.class), rs.getObject("agent_id", UUID.class)))
        .list();
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
