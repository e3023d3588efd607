package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Email templates, found by send_email through their name (unique per workspace, any case). */
@Service
class EmailTemplates {

  private static final Set<String> FIELDS = Set.of("name", "subject", "body");

  private final JdbcClient jdbc;
  private final Clock clock;

  EmailTemplates(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  List<Map<String, Object>> list(UUID ws) {
    return jdbc.sql("select * from email_templates where workspace_id = ? order by name_lower")
        .param(ws)
        .query(this::row)
        .list();
  }

  Optional<Map<String, Object>> byName(UUID ws, String name) {
    return jdbc.sql("select * from email_templates where workspace_id = ? and name_lower = ?")
        .params(ws, name.strip().toLowerCase(Locale.ROOT))
        .query(this::row)
        .optional();
  }

  Map<String, Object> require(UUID ws, UUID id) {
    return jdbc.sql("select * from email_templates where workspace_id = ? and id = ?")
        .params(ws, id)
        .query(this::row)
        .optional()
        .orElseThrow(() -> ApiException.notFound("Email template"));
  }

  @Transactional
  Map<String, Object> create(UUID ws, Map<String, Object> values) {
    Body body = Body.of(values, FIELDS);
    String name = body.requiredText("name", 200);
    refuseDuplicate(ws, name, null);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into email_templates (id, workspace_id, name, name_lower, subject, body,
              created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            id,
            ws,
            name,
            name.toLowerCase(Locale.ROOT),
            body.requiredText("subject", 1000),
            body.requiredText("body", 100_000),
            Rows.utc(now),
            Rows.utc(now))
        .update();
    return require(ws, id);
  }

  @Transactional
  Map<String, Object> update(UUID ws, UUID id, Map<String, Object> values) {
    Map<String, Object> t = require(ws, id);
    Body body = Body.of(values, FIELDS);
    String name = body.has("name") ? body.requiredText("name", 200) : (String) t.get("name");
    refuseDuplicate(ws, name, id);
    jdbc.sql(
            "update email_templates set name = ?, name_lower = ?, subject = ?, body = ?,"
                + " updated_at = ? where workspace_id = ? and id = ?")
        .params(
            name,
            name.toLowerCase(Locale.ROOT),
            body.has("subject") ? body.requiredText("subject", 1000) : t.get("subject"),
            body.has("body") ? body.requiredText("body", 100_000) : t.get("body"),
            Rows.utc(clock.instant()),
            ws,
            id)
        .update();
    return require(ws, id);
  }

  void delete(UUID ws, UUID id) {
    require(ws, id);
    jdbc.sql("delete from email_templates where workspace_id = ? and id = ?")
        .params(ws, id)
        .update();
  }

  private void refuseDuplicate(UUID ws, String name, UUID self) {
    byName(ws, name)
        .filter(t -> !t.get("id").equals(self == null ? null : self.toString()))
        .ifPresent(t -> {
          throw new ApiException(
              HttpStatus.CONFLICT,
              "DUPLICATE",
              "A template named '" + name + "' already exists",
              Map.of("field", "name"));
        });
  }

  private Map<String, Object> row(ResultSet rs, int i) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Rows.uuid(rs, "id").toString());
    m.put("name", rs.getString("name"));
    m.put("subject", rs.getString("subject"));
    m.put("body", rs.getString("body"));
    m.put("createdAt", Rows.instant(rs, "created_at").toString());
    m.put("updatedAt", Rows.instant(rs, "updated_at").toString());
    return m;
  }
}
