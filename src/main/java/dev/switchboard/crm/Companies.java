package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import dev.switchboard.sql.Like;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Companies: contacts and deals link to them; {@code @company.*} resolves through them. */
@Service
public class Companies {

  private static final Set<String> FIELDS =
      Set.of("name", "domain", "industry", "size", "customFields");

  private final JdbcClient jdbc;
  private final CustomFields customFields;
  private final CrmJson json;
  private final Clock clock;

  Companies(JdbcClient jdbc, CustomFields customFields, CrmJson json, Clock clock) {
    this.jdbc = jdbc;
    this.customFields = customFields;
    this.json = json;
    this.clock = clock;
  }

  List<Map<String, Object>> list(UUID ws, String search) {
    if (search == null || search.isBlank()) {
      return jdbc.sql("select * from companies where workspace_id = ? order by name limit 1000")
          .param(ws)
          .query(this::row)
          .list();
    }
    return jdbc.sql(
            "select * from companies where workspace_id = ? and lower(name) like ? order by name"
                + " limit 1000")
        .params(ws, Like.contains(search))
        .query(this::row)
        .list();
  }

  Optional<Map<String, Object>> find(UUID ws, UUID id) {
    if (id == null) {
      return Optional.empty();
    }
    return jdbc.sql("select * from companies where workspace_id = ? and id = ?")
        .params(ws, id)
        .query(this::row)
        .optional();
  }

  Map<String, Object> require(UUID ws, UUID id) {
    return find(ws, id).orElseThrow(() -> ApiException.notFound("Company"));
  }

  /** The company of that name (case-insensitive), created when missing. */
  UUID findOrCreate(UUID ws, String name) {
    Optional<UUID> found =
        jdbc.sql(
                "select id from companies where workspace_id = ? and lower(name) = ? order by"
                    + " created_at limit 1")
            .params(ws, name.strip().toLowerCase(java.util.Locale.ROOT))
            .query(UUID.class)
            .optional();
    return found.orElseGet(() -> insert(ws, name.strip(), null, null, null, Map.of()));
  }

  @Transactional
  Map<String, Object> create(UUID ws, Map<String, Object> values) {
    Body body = Body.of(values, FIELDS);
    UUID id =
        insert(
            ws,
            body.requiredText("name", 300),
            body.text("domain", 300),
            body.text("industry", 200),
            body.text("size", 50),
            customFields.checkAll(ws, "company", body.map("customFields")));
    return require(ws, id);
  }

  @Transactional
  Map<String, Object> update(UUID ws, UUID id, Map<String, Object> values) {
    Map<String, Object> current = require(ws, id);
    Body body = Body.of(values, FIELDS);
    String name = body.has("name") ? body.requiredText("name", 300) : (String) current.get("name");
    String domain = body.has("domain") ? body.text("domain", 300) : (String) current.get("domain");
    String industry =
        body.has("industry") ? body.text("industry", 200) : (String) current.get("industry");
    String size = body.has("size") ? body.text("size", 50) : (String) current.get("size");
    @SuppressWarnings("unchecked")
    Map<String, Object> custom =
        new LinkedHashMap<>((Map<String, Object>) current.get("customFields"));
    if (body.has("customFields")) {
      customFields
          .checkAll(ws, "company", body.map("customFields"))
          .forEach((k, v) -> {
            if (v == null) {
              custom.remove(k);
            } else {
              custom.put(k, v);
            }
          });
    }
    jdbc.sql(
            "update companies set name = ?, domain = ?, industry = ?, size = ?, custom_fields = ?,"
                + " updated_at = ? where workspace_id = ? and id = ?")
        .params(
            name,
            domain,
            industry,
            size,
            custom.isEmpty() ? null : json.write(custom),
            Rows.utc(clock.instant()),
            ws,
            id)
        .update();
    return require(ws, id);
  }

  @Transactional
  void delete(UUID ws, UUID id) {
    require(ws, id);
    jdbc.sql("update contacts set company_id = null where workspace_id = ? and company_id = ?")
        .params(ws, id)
        .update();
    try {
      jdbc.sql("delete from companies where workspace_id = ? and id = ?").params(ws, id).update();
    } catch (DataIntegrityViolationException e) {
      throw ApiException.invalid("id", "The company is still in use");
    }
  }

  private UUID insert(
      UUID ws,
      String name,
      String domain,
      String industry,
      String size,
      Map<String, Object> custom) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into companies (id, workspace_id, name, domain, industry, size, custom_fields,
              created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            id,
            ws,
            name,
            domain,
            industry,
            size,
            custom == null || custom.isEmpty() ? null : json.write(custom),
            Rows.utc(now),
            Rows.utc(now))
        .update();
    return id;
  }

  /** A company as the API answers it and as {@code @company.*} sees it. */
  public Map<String, Object> row(ResultSet rs, int i) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Rows.uuid(rs, "id").toString());
    m.put("name", rs.getString("name"));
    m.put("domain", rs.getString("domain"));
    m.put("industry", rs.getString("industry"));
    m.put("size", rs.getString("size"));
    m.put("customFields", json.map(rs.getString("custom_fields")));
    m.put("createdAt", Rows.instant(rs, "created_at").toString());
    m.put("updatedAt", Rows.instant(rs, "updated_at").toString());
    return m;
  }
}
