package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import dev.switchboard.workspace.Member;
import dev.switchboard.workspace.WorkspaceAccess;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks for people, made by hand or by agents (create_task, handoff). Assignees are members of the
 * workspace, nobody else.
 */
@Service
public class Tasks {

  private static final Set<String> FIELDS =
      Set.of("title", "dueDate", "assigneeId", "contactId", "status");

  /** A task about to be stored. */
  public record NewTask(
      String title,
      LocalDate dueDate,
      UUID assigneeId,
      UUID contactId,
      String kind,
      UUID agentId,
      UUID executionId,
      Integer step) {}

  private final JdbcClient jdbc;
  private final ContactStore contacts;
  private final WorkspaceAccess access;
  private final Clock clock;

  Tasks(JdbcClient jdbc, ContactStore contacts, WorkspaceAccess access, Clock clock) {
    this.jdbc = jdbc;
    this.contacts = contacts;
    this.access = access;
    this.clock = clock;
  }

  public static String unknownAssignee(Object who) {
    return "Cannot assign task to user " + who + ": user not found";
  }

  List<Map<String, Object>> list(UUID ws, UUID assigneeId, String status, UUID contactId) {
    StringBuilder sql = new StringBuilder("select * from tasks where workspace_id = ?");
    List<Object> params = new ArrayList<>(List.of(ws));
    if (assigneeId != null) {
      sql.append(" and assignee_id = ?");
      params.add(assigneeId);
    }
    if (status != null && !status.isBlank()) {
      sql.append(" and status = ?");
      params.add(status);
    }
    if (contactId != null) {
      sql.append(" and contact_id = ?");
      params.add(contactId);
    }
    sql.append(" order by created_at desc, id limit 1000");
    return jdbc.sql(sql.toString()).params(params).query(this::row).list();
  }

  Optional<Map<String, Object>> find(UUID ws, UUID id) {
    return jdbc.sql("select * from tasks where workspace_id = ? and id = ?")
        .params(ws, id)
        .query(this::row)
        .optional();
  }

  Map<String, Object> require(UUID ws, UUID id) {
    return find(ws, id).orElseThrow(() -> ApiException.notFound("Task"));
  }

  @Transactional
  Map<String, Object> create(UUID ws, Map<String, Object> values) {
    Body body = Body.of(values, FIELDS);
    String title = body.requiredText("title", 500);
    UUID assignee = assignee(ws, body);
    UUID contact = contact(ws, body);
    String status = status(body, "open");
    UUID id =
        insert(
            ws,
            new NewTask(title, body.date("dueDate"), assignee, contact, "task", null, null, null));
    if ("done".equals(status)) {
      complete(ws, id);
    }
    return require(ws, id);
  }

  @Transactional
  Map<String, Object> update(UUID ws, UUID id, Map<String, Object> values) {
    Map<String, Object> t = require(ws, id);
    Body body = Body.of(values, FIELDS);
    jdbc.sql(
            "update tasks set title = ?, due_date = ?, assignee_id = ?, contact_id = ?"
                + " where workspace_id = ? and id = ?")
        .params(
            body.has("title") ? body.requiredText("title", 500) : t.get("title"),
            body.has("dueDate") ? body.date("dueDate") : date(t.get("dueDate")),
            body.has("assigneeId") ? assignee(ws, body) : uuid(t.get("assigneeId")),
            body.has("contactId") ? contact(ws, body) : uuid(t.get("contactId")),
            ws,
            id)
        .update();
    if (body.has("status")) {
      String status = status(body, "open");
      jdbc.sql("update tasks set status = ?, completed_at = ? where workspace_id = ? and id = ?")
          .params(status, "done".equals(status) ? Rows.utc(clock.instant()) : null, ws, id)
          .update();
    }
    return require(ws, id);
  }

  /** Marks a task done; answers the task as it was before (its kind and execution). */
  @Transactional
  Map<String, Object> complete(UUID ws, UUID id) {
    Map<String, Object> t = require(ws, id);
    jdbc.sql(
            "update tasks set status = 'done', completed_at = ? where workspace_id = ? and id = ?"
                + " and status <> 'done'")
        .params(Rows.utc(clock.instant()), ws, id)
        .update();
    return t;
  }

  @Transactional
  void delete(UUID ws, UUID id) {
    require(ws, id);
    jdbc.sql("delete from tasks where workspace_id = ? and id = ?").params(ws, id).update();
  }

  public UUID insert(UUID ws, NewTask t) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into tasks (id, workspace_id, title, due_date, assignee_id, contact_id, status,
              kind, created_by_agent_id, execution_id, step, created_at)
            values (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)\
            """)
        .params(
            id,
            ws,
            t.title(),
            t.dueDate(),
            t.assigneeId(),
            t.contactId(),
            t.kind(),
            t.agentId(),
            t.executionId(),
            t.step(),
            Rows.utc(clock.instant()))
        .update();
    return id;
  }

  /** The task an agent already made in this run, step and contact (a retried step). */
  public Optional<UUID> madeBy(UUID executionId, int step, UUID contactId, String title) {
    String sql =
        "select id from tasks where execution_id = ? and step = ? and title = ? and "
            + (contactId == null ? "contact_id is null" : "contact_id = ?");
    List<Object> params = new ArrayList<>(List.of(executionId, step, title));
    if (contactId != null) {
      params.add(contactId);
    }
    return jdbc.sql(sql).params(params).query(UUID.class).optional();
  }

  /**
   * A member found by id, email, name or {@code @user.name}, case-insensitive; empty when the
   * workspace has no such member.
   */
  Optional<Member> member(UUID ws, String who) {
    if (who == null || who.isBlank()) {
      return Optional.empty();
    }
    String w = who.strip();
    if (w.startsWith("@user.")) {
      w = w.substring("@user.".length());
    }
    String k = w.toLowerCase(Locale.ROOT);
    List<Member> members = access.members(ws);
    for (Member m : members) {
      if (m.userId().toString().equals(k) || m.email().equalsIgnoreCase(k)) {
        return Optional.of(m);
      }
    }
    for (Member m : members) {
      String name = m.name() == null ? "" : m.name().toLowerCase(Locale.ROOT);
      String compact = name.replace(" ", "");
      String local = m.email().substring(0, m.email().indexOf('@')).toLowerCase(Locale.ROOT);
      if (name.equals(k) || compact.equals(k.replace(" ", "")) || local.equals(k)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private UUID assignee(UUID ws, Body body) {
    Object raw = body.raw("assigneeId");
    if (raw == null) {
      return null;
    }
    return member(ws, String.valueOf(raw))
        .filter(m -> m.userId().toString().equals(String.valueOf(raw).strip()))
        .map(Member::userId)
        .orElseThrow(() -> ApiException.invalid("assigneeId", unknownAssignee(raw)));
  }

  private UUID contact(UUID ws, Body body) {
    UUID id = body.uuid("contactId");
    if (id != null && contacts.find(ws, id).isEmpty()) {
      throw ApiException.notFound("Contact");
    }
    return id;
  }

  private static String status(Body body, String fallback) {
    String s = body.text("status", 16);
    if (s == null) {
      return fallback;
    }
    if (!s.equals("open") && !s.equals("done")) {
      throw ApiException.invalid("status", "status must be open or done");
    }
    return s;
  }

  private static UUID uuid(Object s) {
    return s == null ? null : UUID.fromString((String) s);
  }

  private static LocalDate date(Object s) {
    return s == null ? null : LocalDate.parse((String) s);
  }

  Map<String, Object> row(ResultSet rs, int i) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Rows.uuid(rs, "id").toString());
    m.put("title", rs.getString("title"));
    LocalDate due = rs.getObject("due_date", LocalDate.class);
    m.put("dueDate", due == null ? null : due.toString());
    m.put("assigneeId", Rows.str(Rows.uuid(rs, "assignee_id")));
    m.put("contactId", Rows.str(Rows.uuid(rs, "contact_id")));
    m.put("status", rs.getString("status"));
    m.put("kind", rs.getString("kind"));
    m.put("createdByAgentId", Rows.str(Rows.uuid(rs, "created_by_agent_id")));
    m.put("executionId", Rows.str(Rows.uuid(rs, "execution_id")));
    m.put("createdAt", Rows.instant(rs, "created_at").toString());
    var done = Rows.instant(rs, "completed_at");
    m.put("completedAt", done == null ? null : done.toString());
    return m;
  }

  /** Tasks outlive the runs that made them: a purged run's tasks stay, no longer linked to it. */
  public void forgetRuns(UUID ws, Collection<UUID> executionIds) {
    jdbc.sql(
            "update tasks set execution_id = null where workspace_id = :ws and execution_id in (:ids)")
        .param("ws", ws)
        .param("ids", executionIds)
        .update();
  }
}
