package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deals; a change of stage records {@code deal.stage_updated} with the previous and new stage. */
@Service
public class Deals {

  private static final Set<String> FIELDS =
      Set.of("name", "value", "stage", "contactId", "companyId", "customFields");

  /** deal_value is numeric(18, 2). */
  private static final int VALUE_DIGITS = 16;

  private final JdbcClient jdbc;
  private final ContactStore contacts;
  private final Companies companies;
  private final CustomFields customFields;
  private final Outbox outbox;
  private final EventSubjects subjects;
  private final CrmJson json;
  private final Clock clock;

  Deals(
      JdbcClient jdbc,
      ContactStore contacts,
      Companies companies,
      CustomFields customFields,
      Outbox outbox,
      EventSubjects subjects,
      CrmJson json,
      Clock clock) {
    this.jdbc = jdbc;
    this.contacts = contacts;
    this.companies = companies;
    this.customFields = customFields;
    this.outbox = outbox;
    this.subjects = subjects;
    this.json = json;
    this.clock = clock;
  }

  List<Map<String, Object>> list(UUID ws, UUID contactId) {
    if (contactId != null) {
      return jdbc.sql(
              "select * from deals where workspace_id = ? and contact_id = ? order by created_at desc")
          .params(ws, contactId)
          .query(this::row)
          .list();
    }
    return jdbc.sql(
            "select * from deals where workspace_id = ? order by created_at desc limit 1000")
        .param(ws)
        .query(this::row)
        .list();
  }

  Optional<Map<String, Object>> find(UUID ws, UUID id) {
    return jdbc.sql("select * from deals where workspace_id = ? and id = ?")
        .params(ws, id)
        .query(this::row)
        .optional();
  }

  Map<String, Object> require(UUID ws, UUID id) {
    return find(ws, id).orElseThrow(() -> ApiException.notFound("Deal"));
  }

  /** The latest deal of each contact, for many contacts at once. */
  public Map<UUID, Map<String, Object>> latestOf(UUID ws, List<UUID> contactIds) {
    Map<UUID, Map<String, Object>> out = new LinkedHashMap<>();
    for (int from = 0; from < contactIds.size(); from += 500) {
      List<UUID> chunk = contactIds.subList(from, Math.min(from + 500, contactIds.size()));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      List<Object> params = new ArrayList<>();
      params.add(ws);
      params.addAll(chunk);
      jdbc.sql(
              "select * from deals where workspace_id = ? and contact_id in ("
                  + marks
                  + ") order by created_at, id")
          .params(params)
          .query(this::row)
          .list()
          .forEach(d -> out.put(UUID.fromString((String) d.get("contactId")), d));
    }
    return out;
  }

  @Transactional
  Map<String, Object> create(UUID ws, Map<String, Object> values) {
    Body body = Body.of(values, FIELDS);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    Map<String, Object> custom = customFields.checkAll(ws, "deal", body.map("customFields"));
    custom.values().removeIf(Objects::isNull);
    jdbc.sql(
            """
            insert into deals (id, workspace_id, name, deal_value, stage, contact_id, company_id,
              custom_fields, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            id,
            ws,
            body.requiredText("name", 300),
            body.number("value", VALUE_DIGITS),
            body.text("stage", 100),
            contact(ws, body),
            company(ws, body),
            custom.isEmpty() ? null : json.write(custom),
            Rows.utc(now),
            Rows.utc(now))
        .update();
    return require(ws, id);
  }

  @Transactional
  Map<String, Object> update(UUID ws, UUID id, Map<String, Object> values) {
    Map<String, Object> d = require(ws, id);
    Body body = Body.of(values, FIELDS);
    String previousStage = (String) d.get("stage");
    String stage = body.has("stage") ? body.text("stage", 100) : previousStage;
    @SuppressWarnings("unchecked")
    Map<String, Object> custom = new LinkedHashMap<>((Map<String, Object>) d.get("customFields"));
    if (body.has("customFields")) {
      customFields
          .checkAll(ws, "deal", body.map("customFields"))
          .forEach((k, v) -> {
            if (v == null) {
              custom.remove(k);
            } else {
              custom.put(k, v);
            }
          });
    }
    jdbc.sql(
            """
            update deals set name = ?, deal_value = ?, stage = ?, contact_id = ?, company_id = ?,
              custom_fields = ?, updated_at = ? where workspace_id = ? and id = ?\
            """)
        .params(
            body.has("name") ? body.requiredText("name", 300) : d.get("name"),
            body.has("value") ? body.number("value", VALUE_DIGITS) : d.get("value"),
            stage,
            body.has("contactId") ? contact(ws, body) : uuid(d.get("contactId")),
            body.has("companyId") ? company(ws, body) : uuid(d.get("companyId")),
            custom.isEmpty() ? null : json.write(custom),
            Rows.utc(clock.instant()),
            ws,
            id)
        .update();
    Map<String, Object> saved = require(ws, id);
    if (!Objects.equals(previousStage, stage)) {
      stageChanged(ws, saved, previousStage);
    }
    return saved;
  }

  /** Sets one field of a deal (update_field); a stage change emits its event like the API. */
  @Transactional
  public void set(UUID ws, UUID id, String column, Object value) {
    Map<String, Object> d = require(ws, id);
    jdbc.sql(
            "update deals set " + column + " = ?, updated_at = ? where workspace_id = ? and id = ?")
        .params(value, Rows.utc(clock.instant()), ws, id)
        .update();
    if ("stage".equals(column) && !Objects.equals(d.get("stage"), value)) {
      stageChanged(ws, require(ws, id), (String) d.get("stage"));
    }
  }

  @Transactional
  void delete(UUID ws, UUID id) {
    require(ws, id);
    jdbc.sql("delete from deals where workspace_id = ? and id = ?").params(ws, id).update();
  }

  private void stageChanged(UUID ws, Map<String, Object> deal, String previousStage) {
    Map<String, Object> payload = new LinkedHashMap<>(subjects.ofDeal(ws, deal));
    payload.put("previousStage", previousStage);
    payload.put("newStage", deal.get("stage"));
    outbox.add(ws, CrmEvent.DEAL_STAGE_UPDATED, payload);
  }

  private UUID contact(UUID ws, Body body) {
    UUID id = body.uuid("contactId");
    if (id != null && contacts.find(ws, id).isEmpty()) {
      throw ApiException.notFound("Contact");
    }
    return id;
  }

  private UUID company(UUID ws, Body body) {
    UUID id = body.uuid("companyId");
    if (id != null) {
      companies.require(ws, id);
    }
    return id;
  }

  /** Whole amounts as integers, others as decimals: {@code 50000}, not {@code 5E+4}. */
  public static Number plain(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal v = value.stripTrailingZeros();
    return v.scale() <= 0 ? (Number) v.longValue() : (Number) v.doubleValue();
  }

  private static UUID uuid(Object s) {
    return s == null ? null : UUID.fromString((String) s);
  }

  /** A deal as the API answers it and as {@code @deal.*} sees it. */
  Map<String, Object> row(ResultSet rs, int i) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Rows.uuid(rs, "id").toString());
    m.put("name", rs.getString("name"));
    BigDecimal value = rs.getBigDecimal("deal_value");
    m.put("value", plain(value));
    m.put("stage", rs.getString("stage"));
    m.put("contactId", Rows.str(Rows.uuid(rs, "contact_id")));
    m.put("companyId", Rows.str(Rows.uuid(rs, "company_id")));
    m.put("customFields", json.map(rs.getString("custom_fields")));
    m.put("createdAt", Rows.instant(rs, "created_at").toString());
    m.put("updatedAt", Rows.instant(rs, "updated_at").toString());
    return m;
  }
}
