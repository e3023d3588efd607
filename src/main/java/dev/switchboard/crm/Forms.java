package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forms and their submissions. A submission with an email finds or creates its contact, then
 * records {@code form.submitted} in the outbox, so an agent runs with the form and the contact.
 */
@Service
class Forms {

  private static final Set<String> FIELDS = Set.of("name", "fields");
  private static final int MAX_LABEL = 200;
  private static final Set<String> FIELD_KEYS = Set.of("name", "label", "type", "required");

  /** Submission keys that fill the contact a submission creates. */
  private static final List<String> CONTACT_KEYS =
      List.of("firstName", "lastName", "title", "phone", "city");

  private final JdbcClient jdbc;
  private final Contacts contacts;
  private final ContactStore contactStore;
  private final Outbox outbox;
  private final EventSubjects subjects;
  private final CrmJson json;
  private final Clock clock;

  Forms(
      JdbcClient jdbc,
      Contacts contacts,
      ContactStore contactStore,
      Outbox outbox,
      EventSubjects subjects,
      CrmJson json,
      Clock clock) {
    this.jdbc = jdbc;
    this.contacts = contacts;
    this.contactStore = contactStore;
    this.outbox = outbox;
    this.subjects = subjects;
    this.json = json;
    this.clock = clock;
  }

  List<Map<String, Object>> list(UUID ws) {
    return jdbc.sql("select * from forms where workspace_id = ? order by name")
        .param(ws)
        .query(this::row)
        .list();
  }

  Map<String, Object> require(UUID ws, UUID id) {
    return jdbc.sql("select * from forms where workspace_id = ? and id = ?")
        .params(ws, id)
        .query(this::row)
        .optional()
        .orElseThrow(() -> ApiException.notFound("Form"));
  }

  @Transactional
  Map<String, Object> create(UUID ws, Map<String, Object> values) {
    Body body = Body.of(values, FIELDS);
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into forms (id, workspace_id, name, fields, created_at) values (?, ?, ?, ?, ?)")
        .params(
            id,
            ws,
            body.requiredText("name", 200),
            json.write(fields(body.raw("fields"))),
            Rows.utc(clock.instant()))
        .update();
    return require(ws, id);
  }

  @Transactional
  Map<String, Object> update(UUID ws, UUID id, Map<String, Object> values) {
    Map<String, Object> f = require(ws, id);
    Body body = Body.of(values, FIELDS);
    jdbc.sql("update forms set name = ?, fields = ? where workspace_id = ? and id = ?")
        .params(
            body.has("name") ? body.requiredText("name", 200) : f.get("name"),
            json.write(body.has("fields") ? fields(body.raw("fields")) : f.get("fields")),
            ws,
            id)
        .update();
    return require(ws, id);
  }

  void delete(UUID ws, UUID id) {
    require(ws, id);
    jdbc.sql("delete from forms where workspace_id = ? and id = ?").params(ws, id).update();
  }

  @Transactional
  Map<String, Object> submit(UUID ws, UUID formId, Map<String, Object> values) {
    Map<String, Object> form = require(ws, formId);
    Body body = Body.of(values, Set.of("data"));
    Map<String, Object> data = body.map("data");
    if (data == null) {
      throw ApiException.invalid("data", "Field 'data' is required");
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> fields = (List<Map<String, Object>>) form.get("fields");
    for (Map<String, Object> field : fields) {
      Object v = data.get(field.get("name"));
      if (Boolean.TRUE.equals(field.get("required"))
          && (v == null || String.valueOf(v).isBlank())) {
        throw ApiException.invalid(
            "data." + field.get("name"), "Field '" + field.get("name") + "' is required");
      }
    }
    UUID contactId = contactFor(ws, data);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    jdbc.sql(
            "insert into form_submissions (id, workspace_id, form_id, data, contact_id, created_at)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(id, ws, formId, json.write(data), contactId, Rows.utc(now))
        .update();
    Map<String, Object> submission = new LinkedHashMap<>();
    submission.put("id", id.toString());
    submission.put("formId", formId.toString());
    submission.put("formName", form.get("name"));
    submission.put("data", data);
    submission.put("contactId", Rows.str(contactId));
    submission.put("createdAt", now.toString());
    Map<String, Object> payload = new LinkedHashMap<>();
    if (contactId != null) {
      payload.putAll(subjects.ofContact(ws, contacts.require(ws, contactId)));
    }
    payload.put("form", submission);
    outbox.add(ws, CrmEvent.FORM_SUBMITTED, payload);
    return submission;
  }

  private UUID contactFor(UUID ws, Map<String, Object> data) {
    Object email = data.get("email");
    if (email == null || !Body.validEmail(String.valueOf(email).strip())) {
      return null;
    }
    String address = String.valueOf(email).strip();
    return contactStore
        .idByEmail(ws, address)
        .orElseGet(() -> {
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("email", address);
          for (String key : CONTACT_KEYS) {
            if (data.get(key) != null) {
              values.put(key, String.valueOf(data.get(key)));
            }
          }
          return contacts.create(ws, values).id();
        });
  }

  private static List<Map<String, Object>> fields(Object raw) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw ApiException.invalid(
          "fields", "fields must be a list of {name, label, type, required}");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "fields[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)
          || !(m.get("name") instanceof String name)
          || name.isBlank()) {
        throw ApiException.invalid(at + ".name", "Each field needs a name");
      }
      if (name.length() > 100) {
        throw ApiException.invalid(at + ".name", "A field name has at most 100 characters");
      }
      for (String text : List.of("label", "type")) {
        if (m.get(text) != null && (!(m.get(text) instanceof String s) || s.length() > MAX_LABEL)) {
          throw ApiException.invalid(
              at + "." + text,
              "Field '" + text + "' must be text of at most " + MAX_LABEL + " characters");
        }
      }
      Map<String, Object> f = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!FIELD_KEYS.contains(String.valueOf(e.getKey()))) {
          throw ApiException.invalid(at + "." + e.getKey(), "Unknown field '" + e.getKey() + "'");
        }
        f.put(String.valueOf(e.getKey()), e.getValue());
      }
      f.putIfAbsent("type", "string");
      f.put("required", Boolean.TRUE.equals(m.get("required")));
      out.add(f);
    }
    return out;
  }

  private Map<String, Object> row(ResultSet rs, int i) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Rows.uuid(rs, "id").toString());
    m.put("name", rs.getString("name"));
    m.put("fields", json.any(rs.getString("fields")));
    m.put("createdAt", Rows.instant(rs, "created_at").toString());
    return m;
  }
}
