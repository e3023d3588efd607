package dev.switchboard.run;

import static dev.switchboard.run.ExecutionStore.instant;
import static dev.switchboard.run.ExecutionStore.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.RowMapper;
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

  /**
   * How far down an agent's queue a move tells runs again: the front, which moves, at a cost that
   * does not grow with the queue (a run deeper than this is told when it comes within it, and GET
   * execution always says where it stands).
   */
  static final int TOLD_DEPTH = 100;

  /**
   * How far down the queue a capacity estimate walks before it gives up (null, as unknown; the
   * position beyond it is counted). Each trigger whose turn has come walks the queue ahead of it
   * this far, so this bounds what explaining its wait costs however long the queue is: at 1,000 the
   * walk and the medians of the agents ahead took a quarter of the server's CPU under load.
   */
  static final int ESTIMATE_AHEAD = 100;

  static final Duration MEDIAN_KEPT = Duration.ofSeconds(5);
  private static final int MEDIANS_KEPT = 10_000;

  /** An agent's latest finished runs: takes the agent id and how many. */
  private static final String RECENT_RUN_TIMES =
      "select agent_id, started_at, finished_at from executions"
          + " where agent_id = ? and status in ('completed', 'failed')"
          + " and started_at is not null order by finished_at desc limit ?";

  /** How many agents one read of {@link #perAgent} covers. */
  private static final int AGENTS_PER_READ = 100;

  private final JdbcClient jdbc;
  private final RunSettings settings;
  private final Map<UUID, Median> medians = new ConcurrentHashMap<>();

  QueueReasons(JdbcClient jdbc, RunSettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  private record Queued(
      UUID id,
      UUID workspaceId,
      UUID agentId,
      UUID workOrderId,
      Instant createdAt,
      boolean head,
      Instant notBefore,
      String holdReason) {

    boolean heldAt(Instant now) {
      return notBefore != null && notBefore.isAfter(now);
    }

    Placed placed(QueueStatus status) {
      return new Placed(id, workspaceId, agentId, workOrderId, status);
    }
  }

  /** A queued run's status, with what its {@code execution:queued} event is addressed by. */
  record Placed(
      UUID executionId, UUID workspaceId, UUID agentId, UUID workOrderId, QueueStatus status) {}

  private static final String QUEUED_COLUMNS =
      "id, workspace_id, agent_id, work_order_id, created_at, head_agent_id, not_before,"
          + " hold_reason";

  private static Queued queued(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Queued(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getObject("agent_id", UUID.class),
        rs.getObject("work_order_id", UUID.class),
        instant(rs, "created_at"),
        rs.getObject("head_agent_id") != null,
        instant(rs, "not_before"),
        rs.getString("hold_reason"));
  }

  /**
   * The first {@link #TOLD_DEPTH} queued runs of each agent, and with {@code turnFrom} the runs
   * whose turn has come that were queued at or after it: what moves when the agent's slot changes
   * hands, or a run leaves or joins the runs whose turn has come. An agent's queue is read once,
   * not once per run.
   */
  List<Placed> queues(java.util.Set<UUID> agentIds, Instant turnFrom, Instant now) {
    List<Placed> placed = new ArrayList<>();
    java.util.Set<UUID> seen = new java.util.HashSet<>();
    List<Queued> turnCome = new ArrayList<>();
    Map<UUID, List<Queued>> queues = new HashMap<>();
    perAgent(
            agentIds,
            "select "
                + QUEUED_COLUMNS
                + " from executions where agent_id = ? and status = 'queued'"
                + " order by created_at, id limit ?",
            TOLD_DEPTH,
            QueueReasons::queued)
        .forEach(q -> queues.computeIfAbsent(q.agentId(), id -> new ArrayList<>()).add(q));
    Map<UUID, Head> heads = heads(queues.keySet());
    readMedians(
        queues.entrySet().stream()
            .filter(e -> e.getValue().stream().anyMatch(q -> !q.head() && !q.heldAt(now)))
            .map(Map.Entry::getKey)
            .toList(),
        now);
    for (Map.Entry<UUID, List<Queued>> entry : queues.entrySet()) {
      UUID agentId = entry.getKey();
      List<Queued> queue = entry.getValue();
      queue.sort(java.util.Comparator.comparing(Queued::createdAt).thenComparing(Queued::id));
      Optional<Head> head = Optional.ofNullable(heads.get(agentId));
      for (int ahead = 0; ahead < queue.size(); ahead++) {
        Queued q = queue.get(ahead);
        seen.add(q.id());
        if (q.heldAt(now)) {
          placed.add(q.placed(held(q, ahead)));
        } else if (q.head()) {
          turnCome.add(q);
        } else {
          Duration median = recentMedian(agentId, now).orElse(null);
          Optional<UUID> first = ahead == 0 ? Optional.empty() : Optional.of(queue.getFirst().id());
          Optional<UUID> blocking = head.map(Head::id).or(() -> first);
          placed.add(q.placed(behindHead(q, head, blocking, ahead, median, now)));
        }
      }
    }
    if (turnFrom != null) {
      jdbc
          .sql(
              "select "
                  + QUEUED_COLUMNS
                  + " from executions where status = 'queued' and head_agent_id >= ?"
                  + " and (not_before is null or not_before <= ?) and created_at >= ?"
                  + " order by created_at, id limit ?")
          .params(ExecutionStore.ANY_HEAD, utc(now), utc(turnFrom), TOLD_DEPTH)
          .query(QueueReasons::queued)
          .list()
          .stream()
          .filter(q -> seen.add(q.id()))
          .forEach(turnCome::add);
    }
    Map<UUID, QueueStatus> capacity = capacity(turnCome, now);
    turnCome.stream()
        .filter(q -> capacity.containsKey(q.id()))
        .forEach(q -> placed.add(q.placed(capacity.get(q.id()))));
    return placed;
  }

  private record Head(UUID id, Instant startedAt) {}

  /** Empty unless the run is queued. */
  Optional<QueueStatus> of(UUID executionId, Instant now) {
    return Optional.ofNullable(ofAll(List.of(executionId), now).get(executionId));
  }

  /**
   * The statuses of those of the runs that are queued, by id. The runs whose turn has come share
   * one read of the queue ahead of them and of the running runs, however many they are.
   */
  Map<UUID, QueueStatus> ofAll(Collection<UUID> executionIds, Instant now) {
    if (executionIds.isEmpty()) {
      return Map.of();
    }
    List<Queued> found =
        jdbc.sql(
                "select "
                    + QUEUED_COLUMNS
                    + " from executions where id in (:ids) and status = 'queued'")
            .param("ids", executionIds)
            .query(QueueReasons::queued)
            .list();
    Map<UUID, QueueStatus> statuses = new HashMap<>();
    List<Queued> turnCome = new ArrayList<>();
    for (Queued q : found) {
      if (q.heldAt(now)) {
        statuses.put(q.id(), held(q, agentAhead(q)));
      } else if (q.head()) {
        turnCome.add(q);
      } else {
        int ahead = agentAhead(q);
        Optional<Head> head = head(q.agentId());
        Optional<UUID> blocking = head.map(Head::id).or(() -> firstAhead(q));
        statuses.put(q.id(), behindHead(q, head, blocking, ahead, medianRunTime(q.agentId()), now));
      }
    }
    statuses.putAll(capacity(turnCome, now));
    return statuses;
  }

  private static QueueStatus held(Queued q, int ahead) {
    return QueueStatus.held(
        ahead + 1, QueueStatus.Reason.fromWireName(q.holdReason()), q.notBefore());
  }

  private static QueueStatus behindHead(
      Queued q,
      Optional<Head> head,
      Optional<UUID> blocking,
      int ahead,
      Duration median,
      Instant now) {
    if (blocking.isEmpty()) {
      // The slot was just freed and is about to be handed to this run.
      return QueueStatus.capacity(1, now, true);
    }
    return QueueStatus.agentBusy(ahead + 1, blocking.get(), estimate(head, ahead, median, now));
  }

  private record Claimable(UUID id, UUID agentId) {}

  /**
   * Runs whose turn has come wait for a worker. The workers free up as the running runs end (each
   * at its start plus its agent's median run time) and as each claimable run, in queue order, takes
   * the first free worker for its own agent's median; a run gets the first worker free when its
   * turn comes. The estimate is null when a median is unknown or more than {@link #ESTIMATE_AHEAD}
   * runs are ahead. A run a worker took meanwhile is left out. The agents' medians are read in one
   * statement.
   */
  private Map<UUID, QueueStatus> capacity(List<Queued> runs, Instant now) {
    if (runs.isEmpty()) {
      return Map.of();
    }
    Queued last =
        runs.stream()
            .max(java.util.Comparator.comparing(Queued::createdAt).thenComparing(Queued::id))
            .orElseThrow();
    List<Claimable> queue =
        jdbc.sql(
                """
                select id, agent_id from executions where status = 'queued'
                and head_agent_id >= ? and (not_before is null or not_before <= ?)
                and (created_at < ? or (created_at = ? and id <= ?))
                order by created_at, id limit ?\
                """)
            .params(
                ExecutionStore.ANY_HEAD,
                utc(now),
                utc(last.createdAt()),
                utc(last.createdAt()),
                last.id(),
                ESTIMATE_AHEAD + runs.size())
            .query((rs, i) ->
                new Claimable(rs.getObject("id", UUID.class), rs.getObject("agent_id", UUID.class)))
            .list();
    List<Running> running =
        jdbc.sql("select agent_id, started_at from executions where status = 'running'")
            .query((rs, i) ->
                new Running(rs.getObject("agent_id", UUID.class), instant(rs, "started_at")))
            .list();
    // Other nodes' runs count too: there are at least as many workers as runs running.
    java.util.Set<UUID> agents = new java.util.HashSet<>();
    running.forEach(r -> agents.add(r.agentId()));
    queue.stream().limit(ESTIMATE_AHEAD + 1).forEach(c -> agents.add(c.agentId()));
    readMedians(agents, now);
    int workers = Math.max(settings.workers(), running.size());
    boolean workerFree = running.size() < settings.workers();
    PriorityQueue<Instant> free = new PriorityQueue<>();
    boolean known = true;
    for (Running r : running) {
      Optional<Duration> runTime = recentMedian(r.agentId(), now);
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
    Map<UUID, Queued> wanted = new HashMap<>();
    runs.forEach(q -> wanted.put(q.id(), q));
    Map<UUID, QueueStatus> statuses = new HashMap<>();
    int position = 0;
    for (Claimable c : queue) {
      position++;
      known &= position <= ESTIMATE_AHEAD + 1;
      if (wanted.containsKey(c.id())) {
        statuses.put(
            c.id(), QueueStatus.capacity(position, known ? free.peek() : null, workerFree));
      }
      if (known) {
        Optional<Duration> runTime = recentMedian(c.agentId(), now);
        if (runTime.isEmpty()) {
          known = false;
        } else {
          free.add(free.poll().plus(runTime.get()));
        }
      }
    }
    // A run the read did not reach is further down when the read was cut at its limit; else it is
    // no longer queued (a worker took it meanwhile) and has nothing to be told.
    boolean cut = queue.size() == ESTIMATE_AHEAD + runs.size();
    if (cut) {
      List<Queued> deeper = runs.stream().filter(q -> !statuses.containsKey(q.id())).toList();
      positions(deeper, last, now)
          .forEach((id, place) -> statuses.put(id, QueueStatus.capacity(place, null, workerFree)));
    }
    return statuses;
  }

  /**
   * The places of runs whose turn has come among the runs whose turn has come, up to {@code last},
   * in one statement however many they are (a tell reaches up to {@link #TOLD_DEPTH} of them).
   */
  private Map<UUID, Integer> positions(List<Queued> runs, Queued last, Instant now) {
    if (runs.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Integer> positions = new HashMap<>();
    jdbc.sql(
            """
            select id, place from (select id, row_number() over (order by created_at, id) as place
            from executions where status = 'queued' and head_agent_id >= :anyHead
            and (not_before is null or not_before <= :now)
            and (created_at < :lastAt or (created_at = :lastAt and id <= :lastId))) ranked
            where id in (:ids)\
            """)
        .param("anyHead", ExecutionStore.ANY_HEAD)
        .param("now", utc(now))
        .param("lastAt", utc(last.createdAt()))
        .param("lastId", last.id())
        .param("ids", runs.stream().map(Queued::id).toList())
        .query((rs, i) -> positions.put(rs.getObject("id", UUID.class), rs.getInt("place")))
        .list();
    return positions;
  }

  private record Running(UUID agentId, Instant startedAt) {}

  private record Median(Optional<Duration> runTime, Instant readAt) {}

  /**
   * The agent's median, kept for {@link #MEDIAN_KEPT}: the queue watch asks for every watched run
   * each tick, and the runs ahead of each share their agents.
   */
  private Optional<Duration> recentMedian(UUID agentId, Instant now) {
    Median kept = kept(agentId, now);
    if (kept != null) {
      return kept.runTime();
    }
    Optional<Duration> runTime = Optional.ofNullable(medianRunTime(agentId));
    keep(agentId, runTime, now);
    return runTime;
  }

  /** Reads the medians of those of the agents not kept, in one statement, and keeps them. */
  private void readMedians(Collection<UUID> agentIds, Instant now) {
    List<UUID> missing = agentIds.stream().filter(id -> kept(id, now) == null).toList();
    Map<UUID, List<Duration>> times = new HashMap<>();
    perAgent(
            missing,
            RECENT_RUN_TIMES,
            RECENT_RUNS,
            (rs, i) -> Map.entry(rs.getObject("agent_id", UUID.class), runTime(rs)))
        .forEach(t -> times.computeIfAbsent(t.getKey(), id -> new ArrayList<>()).add(t.getValue()));
    for (UUID agentId : missing) {
      List<Duration> runTimes = times.get(agentId);
      keep(agentId, Optional.ofNullable(runTimes).map(QueueReasons::median), now);
    }
  }

  private Median kept(UUID agentId, Instant now) {
    Median kept = medians.get(agentId);
    boolean fresh =
        kept != null && !kept.readAt().isAfter(now) && kept.readAt().plus(MEDIAN_KEPT).isAfter(now);
    return fresh ? kept : null;
  }

  /**
   * An agent without history is kept too: without it, every estimate over a queue of new agents
   * read each one's runs again (up to {@link #ESTIMATE_AHEAD} agents per trigger). Its first run
   * may end any moment, so {@link #ended} forgets it when this node sees one of its runs end.
   */
  private void keep(UUID agentId, Optional<Duration> runTime, Instant now) {
    if (medians.size() > MEDIANS_KEPT) {
      medians.clear();
    }
    medians.put(agentId, new Median(runTime, now));
  }

  /**
   * A run of the agent ended on this node: a median kept as unknown is forgotten, so the next
   * estimate reads the agent's first finished run (a known median is kept for {@link
   * #MEDIAN_KEPT}).
   */
  void ended(UUID agentId) {
    Median kept = medians.get(agentId);
    if (kept != null && kept.runTime().isEmpty()) {
      medians.remove(agentId, kept);
    }
  }

  /**
   * The rows of {@code select} (which takes an agent id and a limit, in that order) for each of the
   * agents, as one statement per {@link #AGENTS_PER_READ} agents: each agent's part keeps its own
   * index walk and limit, so the cost follows the rows asked for, not the queue's length.
   */
  private <T> List<T> perAgent(
      Collection<UUID> agentIds, String select, int limit, RowMapper<T> rows) {
    List<UUID> ids = List.copyOf(agentIds);
    List<T> out = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += AGENTS_PER_READ) {
      List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + AGENTS_PER_READ));
      String sql =
          String.join(" union all ", Collections.nCopies(chunk.size(), "(" + select + ")"));
      List<Object> params = new ArrayList<>();
      chunk.forEach(id -> params.addAll(List.of(id, limit)));
      out.addAll(jdbc.sql(sql).params(params).query(rows).list());
    }
    return out;
  }

  /** The runs holding the agents' slots, by agent. */
  private Map<UUID, Head> heads(Collection<UUID> agentIds) {
    if (agentIds.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Head> heads = new HashMap<>();
    jdbc.sql("select head_agent_id, id, started_at from executions where head_agent_id in (:ids)")
        .param("ids", agentIds)
        .query((rs, i) ->
            heads.put(
                rs.getObject("head_agent_id", UUID.class),
                new Head(rs.getObject("id", UUID.class), instant(rs, "started_at"))))
        .list();
    return heads;
  }

  /** From the agent's median run time: what is ahead of this run, one median each. */
  private static Instant estimate(Optional<Head> head, int ahead, Duration median, Instant now) {
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

  /** The agent's median over its {@link #RECENT_RUNS} latest runs, read now; null without any. */
  private Duration medianRunTime(UUID agentId) {
    List<Duration> times =
        jdbc.sql(RECENT_RUN_TIMES)
            .params(agentId, RECENT_RUNS)
            .query((rs, i) -> runTime(rs))
            .list();
    return times.isEmpty() ? null : median(times);
  }

  private static Duration runTime(java.sql.ResultSet rs) throws java.sql.SQLException {
    return Duration.between(instant(rs, "started_at"), instant(rs, "finished_at"));
  }

  private static Duration median(List<Duration> times) {
    List<Duration> sorted = new ArrayList<>(times);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
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
