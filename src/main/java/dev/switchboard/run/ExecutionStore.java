package dev.switchboard.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executions table, which is the queue. Writes that a run's owner makes are fenced by {@code
 * lease_owner}: a node whose lease was taken over can no longer change the run. Writes by id test
 * the status as {@code (status = 'running') is true} for the reason given on {@link RunMoves}.
 */
@Repository
class ExecutionStore {

  /**
   * The lowest id: {@code head_agent_id >= ANY_HEAD} says "is a head" as an index range, which H2
   * reads as one (it does not for {@code is not null}), so reading the queued heads costs the heads
   * only, however many runs wait behind them (V23).
   */
  static final UUID ANY_HEAD = new UUID(0, 0);

  static final String COLUMNS =
      """
      id, workspace_id, agent_id, agent_name, trigger_type, triggered_by, trigger_context, prompt,
      status, created_at, started_at, finished_at, resume_at, attempt, cancel_requested,
      canceled_by, step_cursor, state, steps, summary, processed_count, error, log_lines,
      work_order_id, run_number, retry_of, reason\
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final JsonMapper json;
  private final boolean postgres;

  /**
   * How a run about to queue behind an agent's head locks it ({@link #lockHeads}). On PostgreSQL
   * {@code for key share}: it waits only for the head's end, which clears {@code head_agent_id} (a
   * unique column, so that update takes the row's key lock), and neither for the checkpoints and
   * lease renewals the running head writes nor for other runs queuing behind it at the same time
   * ({@code for update} made event admissions wait in line behind both). H2 has only {@code for
   * update}.
   */
  private final String headLock;

  ExecutionStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
    this.postgres =
        "PostgreSQL"
            .equals(
                template.execute(
                    (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    this.headLock = postgres ? " for key share" : " for update";
  }

  /** True on PostgreSQL, false on H2: for the few statements written for one of them only. */
  boolean postgres() {
    return postgres;
  }

  /** The run holding the agent's slot (queued next or running), if any. */
  Optional<Execution> head(UUID agentId) {
    return jdbc.sql("select " + COLUMNS + " from executions where head_agent_id = ?")
        .param(agentId)
        .query(this::row)
        .optional();
  }

  Optional<Execution> find(UUID workspaceId, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from executions where workspace_id = ? and id = ?")
        .params(workspaceId, id)
        .query(this::row)
        .optional();
  }

  List<Execution> forWorkOrder(UUID workspaceId, UUID workOrderId) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from executions where workspace_id = ? and work_order_id = ?"
                + " order by run_number desc")
        .params(workspaceId, workOrderId)
        .query(this::row)
        .list();
  }

  Optional<Execution> findAny(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from executions where id = ?")
        .param(id)
        .query(this::row)
        .optional();
  }

  /**
   * An agent's runs of the last minute and of today, in one query; skipped runs never ran and do
   * not count. A run held by the rate counts in the minute it is held until, so a backlog of held
   * runs fills the following minutes.
   */
  record RecentRuns(long lastMinute, long today) {}

  /** {@link RecentRuns} of each of the agents, in one query; an agent without runs has none. */
  Map<UUID, RecentRuns> recentRuns(
      Collection<UUID> agentIds, Instant minuteAgo, Instant startOfDay) {
    Map<UUID, RecentRuns> recent = new HashMap<>();
    jdbc.sql(
            """
            select agent_id,
                   sum(case when coalesce(not_before, created_at) > :minuteAgo then 1 else 0 end),
                   sum(case when created_at >= :startOfDay then 1 else 0 end)
            from executions where agent_id in (:agents) and status <> 'skipped'
            and (created_at >= :since or not_before > :minuteAgo) group by agent_id\
            """)
        .param("minuteAgo", utc(minuteAgo))
        .param("startOfDay", utc(startOfDay))
        .param("agents", agentIds)
        .param("since", utc(earlier(minuteAgo, startOfDay)))
        .query(rs -> {
          recent.put(rs.getObject(1, UUID.class), new RecentRuns(rs.getLong(2), rs.getLong(3)));
        });
    return recent;
  }

  /**
   * The first {@code limit} times the agent's runs count at in the rate window (their start, or the
   * end of their hold), oldest first: the run that must leave the window before the next one fits
   * is among them.
   */
  List<Instant> countedInWindow(UUID agentId, Instant minuteAgo, long limit) {
    return jdbc.sql(
            """
            select coalesce(not_before, created_at) as counted_at from executions
            where agent_id = ? and status <> 'skipped' and coalesce(not_before, created_at) > ?
            order by counted_at limit ?\
            """)
        .params(agentId, utc(minuteAgo), limit)
        .query((rs, i) -> instant(rs, "counted_at"))
        .list();
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * The claimable runs, {@code limit} of them locked: queued heads whose hold (if any) is over, the
   * oldest first; parameters the head bound ({@link #ANY_HEAD}), now, the limit.
   */
  static final String CLAIMABLE =
      """
       from executions where status = 'queued' and head_agent_id >= ?
      and (not_before is null or not_before <= ?)
      order by created_at limit ? for update skip locked\
      """;

  /**
   * Queued heads whose hold (if any) is over, in order, locked with SKIP LOCKED so nodes never take
   * the same run; read whole, so the claim needs no second read.
   */
  List<Execution> lockClaimable(int limit, Instant now) {
    return jdbc.sql("select " + COLUMNS + CLAIMABLE)
        .params(ANY_HEAD, utc(now), limit)
        .query(this::row)
        .list();
  }

  /**
   * Extends this node's leases row by row, by id: on H2 an update that scanned the table would wait
   * for rows other transactions hold locked (claims, admissions) and time out under load.
   */
  void renewLeases(String node, Collection<UUID> ids, Instant leaseUntil) {
    for (UUID id : ids) {
      jdbc.sql(
              "update executions set lease_until = ? where id = ? and lease_owner = ?"
                  + " and (status = 'running') is true")
          .params(utc(leaseUntil), id, node)
          .update();
    }
  }

  /** Ids of this node's running runs that a person asked to cancel (from any node). */
  List<UUID> cancelRequestedOn(String node) {
    return jdbc.sql(
            "select id from executions where lease_owner = ? and status = 'running' and cancel_requested")
        .param(node)
        .query((rs, i) -> rs.getObject(1, UUID.class))
        .list();
  }

  List<UUID> lockExpired(Instant now) {
    return jdbc.sql(
            """
            select id from executions where status = 'running' and lease_until < ?
            order by lease_until limit 100 for update skip locked\
            """)
        .param(utc(now))
        .query((rs, i) -> rs.getObject(1, UUID.class))
        .list();
  }

  /** Waiting runs whose time has come, of agents that are not paused. */
  List<UUID> lockDue(Instant now) {
    return jdbc.sql(
            """
            select e.id from executions e where e.status = 'waiting' and e.resume_at <= ?
            and exists (select 1 from agents a where a.id = e.agent_id and a.status <> 'paused')
            order by e.resume_at limit 100 for update skip locked\
            """)
        .param(utc(now))
        .query((rs, i) -> rs.getObject(1, UUID.class))
        .list();
  }

  boolean slotFree(UUID agentId) {
    return jdbc.sql("select count(*) from executions where head_agent_id = ?")
            .param(agentId)
            .query(Long.class)
            .single()
        == 0;
  }

  /** Stores a checkpoint while this node still owns the run; false when it lost it. */
  boolean checkpoint(UUID id, String node, Checkpoint cp, long logLines) {
    return jdbc.sql(
                """
                update executions set step_cursor = ?, state = ?, steps = ?, log_lines = ?
                where id = ? and lease_owner = ? and (status = 'running') is true\
                """)
            .params(cp.cursor(), text(cp.state()), text(cp.steps()), logLines, id, node)
            .update()
        == 1;
  }

  static Map<String, Object> errorOf(Outcome.Failed f) {
    Map<String, Object> error = new java.util.LinkedHashMap<>();
    error.put("message", f.message());
    error.put("step", f.step());
    error.put("details", f.details());
    return error;
  }

  /** Gives the agent's slot to the oldest run queued behind, if the slot is free. */
  void promoteNext(UUID agentId) {
    promoteNext(List.of(agentId));
  }

  /** The same for several agents, in one round trip. */
  void promoteNext(Collection<UUID> agentIds) {
    template.batchUpdate(
        """
        update executions set head_agent_id = agent_id where id = (
          select id from executions where agent_id = ? and status = 'queued'
          and head_agent_id is null order by created_at, id limit 1)
        and not exists (select 1 from executions where head_agent_id = ?)\
        """,
        agentIds.stream().map(id -> new Object[] {id, id}).toList());
  }

  /**
   * Locks the agent's head run, if there is one. A run about to queue behind it takes this lock so
   * that the head cannot end unseen: if it ends first, there is no head left to lock; if it ends
   * later, its promotion sees the committed run behind.
   */
  boolean lockHead(UUID agentId) {
    return jdbc.sql("select id from executions where head_agent_id = ?" + headLock)
        .param(agentId)
        .query(UUID.class)
        .optional()
        .isPresent();
  }

  /**
   * {@link #lockHead} for many agents in one statement, in the order of their ids (so batches that
   * share agents lock them in the same order): answers the agents that have a head.
   */
  Set<UUID> lockHeads(Collection<UUID> agentIds) {
    return new HashSet<>(
        jdbc.sql(
                "select head_agent_id from executions where head_agent_id in (:agents)"
                    + " order by head_agent_id"
                    + headLock)
            .param("agents", agentIds)
            .query(UUID.class)
            .list());
  }

  void requestCancel(UUID id, String by) {
    jdbc.sql(
            "update executions set cancel_requested = true, canceled_by = ? where id = ?"
                + " and (status = 'running') is true")
        .params(by, id)
        .update();
  }

  List<Map<String, Object>> transitions(UUID id) {
    return jdbc.sql(
            "select from_status, to_status, at, actor, reason from execution_transitions where execution_id = ? order by id")
        .param(id)
        .query((rs, i) -> {
          Map<String, Object> t = new java.util.LinkedHashMap<>();
          t.put("from", rs.getString(1));
          t.put("to", rs.getString(2));
          t.put("at", rs.getObject(3, OffsetDateTime.class).toInstant());
          t.put("by", rs.getString(4));
          t.put("reason", rs.getString(5));
          return t;
        })
        .list();
  }

  QueuedRuns queued() {
    return jdbc.sql(
            "select count(*), min(created_at) as oldest from executions where status = 'queued'")
        .query((rs, i) -> new QueuedRuns(rs.getLong(1), instant(rs, "oldest")))
        .single();
  }

  /** How many claimable runs were queued before this one (for "position N in queue"). */
  long queueAhead(Instant createdAt) {
    return jdbc.sql("select count(*) from executions where status = 'queued' and created_at < ?")
        .param(utc(createdAt))
        .query(Long.class)
        .single();
  }

  long maxLogSeq(UUID id) {
    return jdbc.sql("select coalesce(max(seq), 0) from execution_logs where execution_id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  Execution row(ResultSet rs, int rowNum) throws SQLException {
    return new Execution(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getObject("agent_id", UUID.class),
        rs.getString("agent_name"),
        TriggerType.fromWireName(rs.getString("trigger_type")),
        rs.getString("triggered_by"),
        TriggerContext.fromWire(object(rs.getString("trigger_context")), rs.getString("prompt")),
        ExecutionStatus.fromWireName(rs.getString("status")).orElseThrow(),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        instant(rs, "resume_at"),
        rs.getInt("attempt"),
        rs.getBoolean("cancel_requested"),
        rs.getString("canceled_by"),
        new Checkpoint(
            rs.getInt("step_cursor"), object(rs.getString("state")), list(rs.getString("steps"))),
        object(rs.getString("summary")),
        rs.getInt("processed_count"),
        object(rs.getString("error")),
        rs.getLong("log_lines"),
        rs.getObject("work_order_id", UUID.class),
        rs.getObject("run_number", Integer.class),
        rs.getObject("retry_of", UUID.class),
        rs.getString("reason"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  String text(Object value) {
    return value == null ? null : json.writeValueAsString(value);
  }

  private Map<String, Object> object(String text) {
    return text == null ? null : json.readValue(text, new TypeReference<Map<String, Object>>() {});
  }

  private List<Map<String, Object>> list(String text) {
    return text == null
        ? List.of()
        : json.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
  }
}
