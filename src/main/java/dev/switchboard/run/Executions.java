package dev.switchboard.run;

import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import dev.switchboard.workspace.Membership;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reading runs (history, detail, logs) and the person-driven changes: cancel, stop, resume. */
@Service
public class Executions {

  private static final int LOG_PAGE = 1000;

  private final ExecutionStore store;
  private final RunMoves moves;
  private final RunEvents events;
  private final QueueReasons queue;
  private final JdbcClient jdbc;
  private final RunWorkers workers;
  private final Agents agents;
  private final Clock clock;

  Executions(
      ExecutionStore store,
      RunMoves moves,
      RunEvents events,
      QueueReasons queue,
      JdbcClient jdbc,
      RunWorkers workers,
      Agents agents,
      Clock clock) {
    this.store = store;
    this.moves = moves;
    this.events = events;
    this.queue = queue;
    this.jdbc = jdbc;
    this.workers = workers;
    this.agents = agents;
    this.clock = clock;
  }

  public Optional<Execution> find(UUID workspaceId, UUID id) {
    return store.find(workspaceId, id);
  }

  /** Any workspace's run: only for callers that check membership of its workspace themselves. */
  public Optional<Execution> findAny(UUID id) {
    return store.findAny(id);
  }

  /** The runs waiting for a worker across all workspaces, for the queue gauges. */
  public QueuedRuns queued() {
    return store.queued();
  }

  public Execution require(UUID workspaceId, UUID id) {
    return find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Execution"));
  }

  /** Why a queued run waits; empty when it is not queued. */
  public Optional<QueueStatus> queueStatus(UUID executionId) {
    return queue.of(executionId, clock.instant());
  }

  /** The runs of a work order, newest first, in the list form. */
  public List<Map<String, Object>> forWorkOrder(UUID workspaceId, UUID workOrderId) {
    return store.forWorkOrder(workspaceId, workOrderId).stream()
        .map(e -> ExecutionView.summary(e, agentDeleted(e.agentId())))
        .toList();
  }

  /**
   * The detail view as {@code by} may see it (owners and admins in full, others the summary), with
   * the state changes and, while queued, why it waits.
   */
  public Map<String, Object> detail(Execution e, Membership by) {
    return detail(e, seesEverything(by));
  }

  /** Owners and admins see a run's params, results and full log; members and viewers do not. */
  public static boolean seesEverything(Membership by) {
    return by.role().canManage();
  }

  /** The detail view, in full or as the summary members and viewers get. */
  public Map<String, Object> detail(Execution e, boolean full) {
    Map<String, Object> out =
        ExecutionView.detail(e, agentDeleted(e.agentId()), store.transitions(e.id()), full);
    queue.of(e.id(), clock.instant()).ifPresent(status -> out.putAll(status.fields()));
    return out;
  }

  public boolean agentDeleted(UUID agentId) {
    return "archived"
        .equals(
            jdbc.sql("select status from agents where id = ?")
                .param(agentId)
                .query(String.class)
                .optional()
                .orElse("archived"));
  }

  /** A history list counts its rows up to here and then says "10,000+". */
  static final int COUNTED = 10_000;

  private record Listed(Execution run, boolean agentDeleted) {}

  /**
   * One page of an agent's history (or the workspace's when agentId is null), newest first. The
   * total is exact up to {@link #COUNTED} and then capped ({@code totalCapped}): counting a million
   * rows for a page of 50 would cost more than the page. Queued rows carry why they wait, worked
   * out for the whole page at once.
   */
  public Map<String, Object> history(UUID workspaceId, UUID agentId, HistoryQuery q) {
    HistoryQuery.Where filter = q.where(jdbc, workspaceId, agentId);
    String where = filter.clause();
    List<Object> params = filter.params();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(HistoryQuery.PAGE_SIZE);
    pageParams.add((q.page() - 1) * HistoryQuery.PAGE_SIZE);
    // A bounded search's rows are all read for the page anyway (by key and among the newest runs,
    // then sorted), so the same query counts them: its text is matched once, not once more for a
    // count (at 1M runs that second pass was half a search's time). Unbounded filters walk the
    // range newest first and stop at the page, so they count apart, capped.
    AtomicLong matched = new AtomicLong(-1);
    List<Listed> rows =
        jdbc.sql(
                "select "
                    + ExecutionStore.COLUMNS
                    + ", (select a.status from agents a where a.id = e.agent_id) as agent_status"
                    + (filter.bounded() ? ", count(*) over () as matched" : "")
                    + " from executions e"
                    + where
                    + " order by e.created_at desc, e.id limit ? offset ?")
            .params(pageParams)
            .query((rs, i) -> {
              if (filter.bounded()) {
                matched.set(rs.getLong("matched"));
              }
              return new Listed(store.row(rs, i), "archived".equals(rs.getString("agent_status")));
            })
            .list();
    long counted =
        matched.get() >= 0
            ? matched.get()
            : q.page() == 1 && rows.size() < HistoryQuery.PAGE_SIZE
                ? rows.size()
                : count(where, params);
    boolean capped = counted > COUNTED;
    long total = Math.min(counted, COUNTED);
    Map<UUID, QueueStatus> queued =
        queue.ofAll(
            rows.stream()
                .map(Listed::run)
                .filter(e -> e.status() == ExecutionStatus.QUEUED)
                .map(Execution::id)
                .toList(),
            clock.instant());
    List<Map<String, Object>> items = new ArrayList<>();
    for (Listed row : rows) {
      Map<String, Object> item = ExecutionView.summary(row.run(), row.agentDeleted());
      QueueStatus status = queued.get(row.run().id());
      if (status != null) {
        item.putAll(status.fields());
      }
      items.add(item);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    out.put("page", q.page());
    out.put("pageSize", HistoryQuery.PAGE_SIZE);
    out.put("total", total);
    out.put("totalCapped", capped);
    out.put("pages", (total + HistoryQuery.PAGE_SIZE - 1) / HistoryQuery.PAGE_SIZE);
    return out;
  }

  /** How many rows a history filter selects, up to one more than {@link #COUNTED}. */
  private long count(String where, List<Object> params) {
    List<Object> countParams = new ArrayList<>(params);
    countParams.add(COUNTED + 1);
    return jdbc.sql("select count(*) from (select 1 from executions e" + where + " limit ?) c")
        .params(countParams)
        .query(Long.class)
        .single();
  }

  /**
   * Log lines after {@code after}, in order, a page at a time; members and viewers get the system
   * lines only (the run's own output may hold anything it read).
   */
  public Map<String, Object> logs(Execution e, Membership by, long after, int limit) {
    int size = Math.min(Math.max(limit, 1), LOG_PAGE);
    List<LogLine> lines =
        jdbc.sql(
                "select seq, stream, line, ts from execution_logs where execution_id = ? and seq > ?"
                    + (seesEverything(by) ? "" : " and stream = 'system'")
                    + " order by seq limit ?")
            .params(e.id(), after, size)
            .query((rs, i) ->
                new LogLine(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    ExecutionStore.instant(rs, "ts")))
            .list();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executionId", e.id());
    out.put("lines", lines);
    out.put("nextAfter", lines.isEmpty() ? after : lines.getLast().seq());
    out.put("hasMore", lines.size() == size);
    return out;
  }

  /** The last {@code count} lines (for snapshots); without {@code fullLog} the system ones. */
  public List<LogLine> tail(UUID executionId, int count, boolean fullLog) {
    List<LogLine> lines =
        new ArrayList<>(
            jdbc.sql(
                    "select seq, stream, line, ts from execution_logs where execution_id = ?"
                        + (fullLog ? "" : " and stream = 'system'")
                        + " order by seq desc limit ?")
                .params(executionId, count)
                .query((rs, i) ->
                    new LogLine(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        ExecutionStore.instant(rs, "ts")))
                .list());
    java.util.Collections.reverse(lines);
    return lines;
  }

  /** Cancels a queued, waiting or running run (a running one stops at once, its process killed). */
  public Execution cancel(Membership by, UUID id) {
    Execution e = require(by.workspaceId(), id);
    requireMayChange(by, e, "stop");
    Instant now = clock.instant();
    switch (e.status()) {
      case QUEUED, WAITING -> {
        if (!moves.cancel(e, e.status(), by.actor(), now)) {
          return cancel(by, id);
        }
        events.publish(e, "execution:canceled", Map.of("executionId", id, "success", false));
        workers.wake();
      }
      case RUNNING -> {
        store.requestCancel(id, by.actor());
        workers.cancelLocal(id);
      }
      default ->
          throw new ApiException(
              HttpStatus.CONFLICT,
              "EXECUTION_FINISHED",
              "This execution already ended (" + e.status().wireName() + ")");
    }
    return require(by.workspaceId(), id);
  }

  /** Resumes a waiting run now, even if its agent was paused. */
  public Execution resume(Membership by, UUID id) {
    Execution e = require(by.workspaceId(), id);
    requireMayChange(by, e, "resume");
    if (e.status() != ExecutionStatus.WAITING) {
      throw new ApiException(
          HttpStatus.CONFLICT, "NOT_WAITING", "Only a waiting execution can be resumed");
    }
    Instant now = clock.instant();
    moves.wake(id, e.agentId(), now, by.actor(), "Resumed by hand");
    workers.wake();
    return require(by.workspaceId(), id);
  }

  /**
   * The one check behind stopping or resuming a run, however it is asked for (the API, chat's
   * {@code /stop}, a work order's cancel): viewers never; members only for an agent open to them,
   * as for trigger and retry.
   */
  public void requireMayChange(Membership by, Execution run, String verb) {
    requireWriter(by);
    if (agents
        .find(run.workspaceId(), run.agentId())
        .filter(a -> !a.runnableBy(by.role()))
        .isPresent()) {
      throw ApiException.forbidden(
          "Only workspace owners and admins can " + verb + " this agent's runs");
    }
  }

  private static void requireWriter(Membership by) {
    if (!by.role().canWrite()) {
      throw ApiException.forbidden("Viewers cannot change runs");
    }
  }
}
