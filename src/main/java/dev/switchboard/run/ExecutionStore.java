package dev.switchboard.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executions table, which is the queue. Writes that a run's owner makes are fenced by {@code
 * lease_owner}: a node whose lease was taken over can no longer change the run.
 */
@Repository
class ExecutionStore {

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

  ExecutionStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
  }

  /**
   * Inserts a new run (queued, or skipped); as head it takes the agent's slot (unique: a second one
   * fails).
   */
  void insert(Execution e, boolean head) {
    jdbc.sql(
            """
            insert into executions (id, workspace_id, agent_id, agent_name, trigger_type,
            triggered_by, trigger_context, prompt, status, head_agent_id, created_at, finished_at,
            work_order_id, run_number, retry_of, reason)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            e.id(),
            e.workspaceId(),
            e.agentId(),
            e.agentName(),
            e.triggerType().wireName(),
            e.triggeredBy(),
            text(e.triggerContext().wire()),
            e.prompt(),
            e.status().wireName(),
            head ? e.agentId() : null,
            utc(e.createdAt()),
            utc(e.finishedAt()),
            e.workOrderId(),
            e.runNumber(),
            e.retryOf(),
            e.reason())
        .update();
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
   * An agent's runs created in the last minute and since the start of the day, in one query;
   * skipped runs never ran and do not count.
   */
  record RecentRuns(long lastMinute, long today) {}

  RecentRuns recentRuns(UUID agentId, Instant minuteAgo, Instant startOfDay) {
    Instant from = minuteAgo.isBefore(startOfDay) ? minuteAgo : startOfDay;
    return jdbc.sql(
            """
            select coalesce(sum(case when created_at >= ? then 1 else 0 end), 0),
                   coalesce(sum(case when created_at >= ? then 1 else 0 end), 0)
            from executions where agent_id = ? and created_at >= ? and status <> 'skipped'\
            """)
        .params(utc(minuteAgo), utc(startOfDay), agentId, utc(from))
        .query((rs, i) -> new RecentRuns(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  /** Queued heads in order, locked with SKIP LOCKED so nodes never take the same run. */
  List<UUID> lockClaimable(int limit) {
    return jdbc.sql(
            """
            select id from executions where status = 'queued' and head_agent_id is not null
            order by created_at limit ? for update skip locked\
            """)
        .param(limit)
        .query((rs, i) -> rs.getObject(1, UUID.class))
        .list();
  }

  void markRunning(List<UUID> ids, String node, Instant now, Instant leaseUntil) {
    List<Object[]> rows = new ArrayList<>();
    for (UUID id : ids) {
      rows.add(new Object[] {utc(now), node, utc(leaseUntil), id});
    }
    template.batchUpdate(
        """
        update executions set status = 'running', started_at = coalesce(started_at, ?),
        lease_owner = ?, lease_until = ?, attempt = attempt + 1 where id = ?\
        """,
        rows);
  }

  List<Execution> findAll(List<UUID> ids) {
    List<Execution> out = new ArrayList<>();
    for (UUID id : ids) {
      findAny(id).ifPresent(out::add);
    }
    return out;
  }

  int renewLeases(String node, Instant leaseUntil) {
    return jdbc.sql(
            "update executions set lease_until = ? where lease_owner = ? and status = 'running'")
        .params(utc(leaseUntil), node)
        .update();
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

  /** Hands a run this node holds back to the queue (graceful shutdown); fenced by owner. */
  boolean release(UUID id, String node) {
    return jdbc.sql(
                """
                update executions set status = 'queued', lease_owner = null, lease_until = null
                where id = ? and lease_owner = ? and status = 'running'\
                """)
            .params(id, node)
            .update()
        == 1;
  }

  /**
   * Puts a running run whose node died back in the queue, keeping its slot and checkpoint; false
   * when it has been taken over {@code max} times already.
   */
  boolean requeue(UUID id, int max) {
    return jdbc.sql(
                """
                update executions set status = 'queued', lease_owner = null, lease_until = null,
                recoveries = recoveries + 1 where id = ? and recoveries < ?\
                """)
            .params(id, max)
            .update()
        == 1;
  }

  /** Fails a run that kept losing its node. */
  void abandon(UUID id, Instant now, String reason) {
    jdbc.sql(
            """
            update executions set status = 'failed', finished_at = ?, lease_owner = null,
            lease_until = null, head_agent_id = null, error = ? where id = ?\
            """)
        .params(utc(now), text(java.util.Map.of("message", reason)), id)
        .update();
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

  /** Moves a waiting run back to the queue, as head when its agent's slot is free. */
  void wake(UUID id, boolean head) {
    jdbc.sql(
            """
            update executions set status = 'queued', resume_at = null,
            head_agent_id = case when ? then agent_id else null end where id = ?\
            """)
        .params(head, id)
        .update();
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
                where id = ? and lease_owner = ? and status = 'running'\
                """)
            .params(cp.cursor(), text(cp.state()), text(cp.steps()), logLines, id, node)
            .update()
        == 1;
  }

  /** The fenced final write of a run's turn. */
  boolean finish(
      UUID id,
      String node,
      ExecutionStatus status,
      Instant now,
      Checkpoint cp,
      long logLines,
      Outcome outcome) {
    boolean terminal = status.isTerminal();
    Integer processed = null;
    String summary = null;
    String error = null;
    Instant resumeAt = null;
    switch (outcome) {
      case Outcome.Completed c -> {
        processed = c.processedCount();
        summary = text(c.summary());
      }
      case Outcome.Failed f -> error = text(errorOf(f));
      case Outcome.Waiting w -> resumeAt = w.resumeAt();
      case Outcome.Canceled c -> {}
    }
    return jdbc.sql(
                """
                update executions set status = ?, finished_at = ?, resume_at = ?,
                lease_owner = null, lease_until = null, head_agent_id = null, step_cursor = ?,
                state = ?, steps = ?, log_lines = ?, processed_count = coalesce(?, processed_count),
                summary = coalesce(?, summary), error = coalesce(?, error)
                where id = ? and lease_owner = ? and status = 'running'\
                """)
            .params(
                status.wireName(),
                terminal ? utc(now) : null,
                resumeAt == null ? null : utc(resumeAt),
                cp.cursor(),
                text(cp.state()),
                text(cp.steps()),
                logLines,
                processed,
                summary,
                error,
                id,
                node)
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
    jdbc.sql(
            """
            update executions set head_agent_id = agent_id where id = (
              select id from executions where agent_id = ? and status = 'queued'
              and head_agent_id is null order by created_at limit 1)
            and not exists (select 1 from executions where head_agent_id = ?)\
            """)
        .params(agentId, agentId)
        .update();
  }

  /** Agents with runs queued behind a slot; the slot may have been freed meanwhile. */
  List<UUID> agentsWithRunsBehind() {
    return jdbc.sql(
            "select distinct agent_id from executions where status = 'queued' and head_agent_id is null")
        .query((rs, i) -> rs.getObject(1, UUID.class))
        .list();
  }

  /** Cancels a run that no worker holds (queued or waiting); true when it changed. */
  boolean cancelIdle(UUID id, ExecutionStatus from, String by, Instant now) {
    return jdbc.sql(
                """
                update executions set status = 'canceled', canceled_by = ?, finished_at = ?,
                head_agent_id = null, resume_at = null where id = ? and status = ?\
                """)
            .params(by, utc(now), id, from.wireName())
            .update()
        == 1;
  }

  void requestCancel(UUID id, String by) {
    jdbc.sql(
            "update executions set cancel_requested = true, canceled_by = ? where id = ? and status = 'running'")
        .params(by, id)
        .update();
  }

  void recordTransition(
      UUID id, ExecutionStatus from, ExecutionStatus to, Instant at, String actor, String reason) {
    if (from != null) {
      Transitions.check(from, to);
    }
    jdbc.sql(
            """
            insert into execution_transitions (execution_id, from_status, to_status, at, actor, reason)
            values (?, ?, ?, ?, ?, ?)\
            """)
        .params(
            id,
            from == null ? null : from.wireName(),
            to.wireName(),
            utc(at),
            actor,
            reason == null ? null : reason.substring(0, Math.min(reason.length(), 1000)))
        .update();
  }

  void recordTransitions(
      List<UUID> ids, ExecutionStatus from, ExecutionStatus to, Instant at, String actor) {
    Transitions.check(from, to);
    List<Object[]> rows = new ArrayList<>();
    for (UUID id : ids) {
      rows.add(new Object[] {id, from.wireName(), to.wireName(), utc(at), actor});
    }
    template.batchUpdate(
        "insert into execution_transitions (execution_id, from_status, to_status, at, actor) values (?, ?, ?, ?, ?)",
        rows);
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
