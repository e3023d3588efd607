package dev.switchboard.agent;

import dev.switchboard.plan.Plan;
import dev.switchboard.plan.PlanJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Agents in the database; every query is scoped by workspace. */
@Repository
class AgentStore {

  private static final String COLUMNS =
      """
      id, workspace_id, name, goal, kind, status, instructions, plan, plan_version, command,
      working_directory, timeout_seconds, run_permission, max_per_minute, max_per_day,
      max_emails_per_day, created_by, created_at, updated_at\
      """;

  /** Parsed plans kept at most; when full the store starts again from none. */
  static final int PLANS_KEPT = 1000;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  /**
   * Plans parsed before, by their stored text: each claim reads its runs' agents, and the same text
   * always parses to the same plan (an immutable value, see {@link PlanJson#read}), so a changed
   * plan is a new text and parsed anew.
   */
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();

  AgentStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * By its key alone, the workspace checked on the row: with both in the condition PostgreSQL may
   * plan the lookup on {@code agents_workspace} (workspace, name) and read every agent of the
   * workspace, as it did on tables without statistics yet.
   */
  Optional<Agent> find(UUID workspaceId, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from agents where id = ?")
        .params(id)
        .query(this::map)
        .optional()
        .filter(agent -> agent.workspaceId().equals(workspaceId));
  }

  /** The agents with these ids, wherever they are, in one query; missing ones are left out. */
  List<Agent> findAll(java.util.Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select " + COLUMNS + " from agents where id in (:ids)")
        .param("ids", ids)
        .query(this::map)
        .list();
  }

  List<Agent> list(UUID workspaceId, boolean includeArchived) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from agents where workspace_id = ? and (? or status <> 'archived') order by name")
        .params(workspaceId, includeArchived)
        .query(this::map)
        .list();
  }

  void insert(Agent a) {
    jdbc.sql(
            "insert into agents ("
                + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            a.id(),
            a.workspaceId(),
            a.name(),
            a.goal(),
            a.kind().wireName(),
            a.status().wireName(),
            a.instructions(),
            planText(a.plan()),
            a.planVersion(),
            commandText(a.command()),
            a.workingDirectory(),
            a.timeoutSeconds(),
            a.adminsOnly() ? "admins" : "members",
            a.restrictions().maxExecutionsPerMinute(),
            a.restrictions().maxExecutionsPerDay(),
            a.restrictions().maxEmailsPerDay(),
            a.createdBy(),
            utc(a.createdAt()),
            utc(a.updatedAt()))
        .update();
  }

  void update(Agent a) {
    jdbc.sql(
            """
            update agents set name = ?, goal = ?, status = ?, instructions = ?, plan = ?,
            plan_version = ?, command = ?, working_directory = ?, timeout_seconds = ?,
            run_permission = ?, max_per_minute = ?, max_per_day = ?, max_emails_per_day = ?,
            updated_at = ?, version = version + 1 where workspace_id = ? and id = ?\
            """)
        .params(
            a.name(),
            a.goal(),
            a.status().wireName(),
            a.instructions(),
            planText(a.plan()),
            a.planVersion(),
            commandText(a.command()),
            a.workingDirectory(),
            a.timeoutSeconds(),
            a.adminsOnly() ? "admins" : "members",
            a.restrictions().maxExecutionsPerMinute(),
            a.restrictions().maxExecutionsPerDay(),
            a.restrictions().maxEmailsPerDay(),
            utc(a.updatedAt()),
            a.workspaceId(),
            a.id())
        .update();
  }

  /** Sets the status unless it already is {@code status}; true when the row changed. */
  boolean changeStatus(UUID workspaceId, UUID id, AgentStatus status, java.time.Instant at) {
    return jdbc.sql(
                "update agents set status = ?, updated_at = ?, version = version + 1"
                    + " where workspace_id = ? and id = ? and status <> ?")
            .params(status.wireName(), utc(at), workspaceId, id, status.wireName())
            .update()
        == 1;
  }

  private Agent map(ResultSet rs, int row) throws SQLException {
    String planText = rs.getString("plan");
    String commandText = rs.getString("command");
    return new Agent(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("name"),
        rs.getString("goal"),
        AgentKind.fromWireName(rs.getString("kind")).orElseThrow(),
        AgentStatus.fromWireName(rs.getString("status")).orElseThrow(),
        rs.getString("instructions"),
        planText == null ? null : plan(planText),
        rs.getInt("plan_version"),
        commandText == null
            ? null
            : json.readValue(commandText, new TypeReference<List<String>>() {}),
        rs.getString("working_directory"),
        rs.getObject("timeout_seconds", Integer.class),
        "admins".equals(rs.getString("run_permission")),
        new Restrictions(
            rs.getInt("max_per_minute"), rs.getInt("max_per_day"), rs.getInt("max_emails_per_day")),
        rs.getObject("created_by", UUID.class),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private Plan plan(String text) {
    Plan known = plans.get(text);
    if (known != null) {
      return known;
    }
    Plan plan = PlanJson.read(json.readValue(text, Object.class));
    if (plans.size() >= PLANS_KEPT) {
      plans.clear();
    }
    plans.put(text, plan);
    return plan;
  }

  private String planText(Plan plan) {
    return plan == null ? null : json.writeValueAsString(PlanJson.write(plan));
  }

  private String commandText(List<String> command) {
    return command == null ? null : json.writeValueAsString(command);
  }

  private static OffsetDateTime utc(java.time.Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
