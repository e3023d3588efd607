package dev.switchboard.workorder;

import dev.switchboard.run.ExecutionsPurged;
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
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Work orders and their transitions in the database; every query is scoped by workspace. */
@Repository
class WorkOrderStore {

  private static final String COLUMNS =
      """
      id, workspace_id, title, prompt, agent_id, profile, status, metadata, last_run_number,
      active_run_id, created_by, created_at, updated_at\
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  WorkOrderStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(WorkOrder w) {
    jdbc.sql(
            "insert into work_orders ("
                + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            w.id(),
            w.workspaceId(),
            w.title(),
            w.prompt(),
            w.agentId(),
            w.profile(),
            w.status().wireName(),
            w.metadata() == null ? null : json.writeValueAsString(w.metadata()),
            w.lastRunNumber(),
            w.activeRunId(),
            w.createdBy(),
            utc(w.createdAt()),
            utc(w.updatedAt()))
        .update();
  }

  Optional<WorkOrder> find(UUID workspaceId, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from work_orders where workspace_id = ? and id = ?")
        .params(workspaceId, id)
        .query(this::map)
        .optional();
  }

  /** Reads the row under its lock, so concurrent triggers of one work order take turns. */
  Optional<WorkOrder> lock(UUID workspaceId, UUID id) {
    return jdbc.sql(
            "select " + COLUMNS + " from work_orders where workspace_id = ? and id = ? for update")
        .params(workspaceId, id)
        .query(this::map)
        .optional();
  }

  Optional<UUID> workspaceOf(UUID id) {
    return jdbc.sql("select workspace_id from work_orders where id = ?")
        .param(id)
        .query(UUID.class)
        .optional();
  }

  Optional<WorkOrder> findByRun(UUID executionId) {
    return jdbc.sql("select " + COLUMNS + " from work_orders where active_run_id = ?")
        .param(executionId)
        .query(this::map)
        .optional();
  }

  /**
   * Every workspace's work orders with a run queued or running, a page at a time by id after {@code
   * after} (null for the first page): only for the recovery pass at start, which acts as the
   * server, not as a member.
   */
  List<WorkOrder> withActiveRun(UUID after, int limit) {
    String from = after == null ? "" : " and id > ?";
    List<Object> params = new ArrayList<>();
    if (after != null) {
      params.add(after);
    }
    params.add(limit);
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from work_orders where status in ('queued', 'running')"
                + from
                + " order by id fetch first ? rows only")
        .params(params)
        .query(this::map)
        .list();
  }

  long count(UUID workspaceId, WorkOrderStatus status) {
    return jdbc.sql("select count(*) from work_orders" + where(status))
        .params(filter(workspaceId, status))
        .query(Long.class)
        .single();
  }

  List<WorkOrder> page(UUID workspaceId, WorkOrderStatus status, int offset, int limit) {
    List<Object> params = new ArrayList<>(filter(workspaceId, status));
    params.add(offset);
    params.add(limit);
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from work_orders"
                + where(status)
                + " order by created_at desc, id offset ? rows fetch next ? rows only")
        .params(params)
        .query(this::map)
        .list();
  }

  private static String where(WorkOrderStatus status) {
    return status == null ? " where workspace_id = ?" : " where workspace_id = ? and status = ?";
  }

  private static List<Object> filter(UUID workspaceId, WorkOrderStatus status) {
    return status == null ? List.of(workspaceId) : List.of(workspaceId, status.wireName());
  }

  /**
   * Moves the work order from {@code from} to {@code to} and records who did it; false when it was
   * no longer in {@code from} (somebody else moved it first).
   */
  boolean move(
      WorkOrder w,
      WorkOrderStatus to,
      Instant at,
      String actor,
      Integer runNumber,
      UUID activeRunId,
      String reason) {
    boolean moved =
        jdbc.sql(
                    """
                    update work_orders set status = ?, last_run_number = ?, active_run_id = ?,
                    updated_at = ?, version = version + 1
                    where workspace_id = ? and id = ? and status = ?\
                    """)
                .params(
                    to.wireName(),
                    runNumber == null ? w.lastRunNumber() : Math.max(runNumber, w.lastRunNumber()),
                    activeRunId,
                    utc(at),
                    w.workspaceId(),
                    w.id(),
                    w.status().wireName())
                .update()
            == 1;
    if (moved) {
      record(w.id(), w.status(), to, at, actor, runNumber, reason);
    }
    return moved;
  }

  void record(
      UUID workOrderId,
      WorkOrderStatus from,
      WorkOrderStatus to,
      Instant at,
      String actor,
      Integer runNumber,
      String reason) {
    jdbc.sql(
            """
            insert into work_order_transitions (work_order_id, from_status, to_status, at, actor,
            run_number, reason) values (?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(workOrderId, wire(from), to.wireName(), utc(at), actor, runNumber, reason)
        .update();
  }

  List<WorkOrderTransition> transitions(UUID workOrderId) {
    return jdbc.sql(
            """
            select from_status, to_status, at, actor, run_number, reason
            from work_order_transitions where work_order_id = ? order by id\
            """)
        .param(workOrderId)
        .query((rs, i) ->
            new WorkOrderTransition(
                rs.getString(1),
                rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getObject(5, Integer.class),
                rs.getString(6)))
        .list();
  }

  private WorkOrder map(ResultSet rs, int row) throws SQLException {
    String metadata = rs.getString("metadata");
    return new WorkOrder(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("title"),
        rs.getString("prompt"),
        rs.getObject("agent_id", UUID.class),
        rs.getString("profile"),
        WorkOrderStatus.fromWireName(rs.getString("status")).orElseThrow(),
        metadata == null
            ? null
            : json.readValue(metadata, new TypeReference<Map<String, Object>>() {}),
        rs.getInt("last_run_number"),
        rs.getObject("active_run_id", UUID.class),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private static String wire(WorkOrderStatus status) {
    return status == null ? null : status.wireName();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  /** A work order whose latest run was purged no longer points at it (its history stays). */
  @EventListener
  void on(ExecutionsPurged purged) {
    jdbc.sql(
            "update work_orders set active_run_id = null where workspace_id = :ws"
                + " and active_run_id in (:ids)")
        .param("ws", purged.workspaceId())
        .param("ids", purged.executionIds())
        .update();
  }
}
