package dev.switchboard.crm;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Contacts in the database; every query is scoped by workspace. */
@Repository
public class ContactStore {

  static final String COLUMNS =
      "c.id, c.workspace_id, c.first_name, c.last_name, c.email, c.title, c.phone, c.city,"
          + " c.status, c.linkedin_url, c.company_id, c.replied, c.custom_fields, c.created_at,"
          + " c.updated_at";
  static final String INSERT =
      """
      insert into contacts (id, workspace_id, first_name, last_name, email, email_lower, title,
        phone, city, status, linkedin_url, company_id, replied, custom_fields, created_at,
        updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final CrmJson json;
  private final Tags tags;

  ContactStore(JdbcClient jdbc, JdbcTemplate template, CrmJson json, Tags tags) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
    this.tags = tags;
  }

  Optional<Contact> find(UUID ws, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from contacts c where c.workspace_id = ? and c.id = ?")
        .params(ws, id)
        .query(this::row)
        .optional()
        .map(c -> c.withTags(tags.of(List.of(c.id())).getOrDefault(c.id(), List.of())));
  }

  Optional<UUID> idByEmail(UUID ws, String email) {
    return jdbc.sql("select id from contacts where workspace_id = ? and email_lower = ?")
        .params(ws, email.toLowerCase(Locale.ROOT))
        .query(UUID.class)
        .optional();
  }

  /** Contacts matching a WHERE built from whitelisted parts, with their tags, in pages. */
  public List<Contact> select(String where, List<Object> params, String orderAndLimit) {
    List<Contact> rows =
        jdbc.sql("select " + COLUMNS + " from contacts c where " + where + " " + orderAndLimit)
            .params(params)
            .query(this::row)
            .list();
    return withTags(rows);
  }

  long count(String where, List<Object> params) {
    return jdbc.sql("select count(*) from contacts c where " + where)
        .params(params)
        .query(Long.class)
        .single();
  }

  List<Contact> withTags(List<Contact> rows) {
    Map<UUID, List<String>> names = tags.of(rows.stream().map(Contact::id).toList());
    return rows.stream().map(c -> c.withTags(names.getOrDefault(c.id(), List.of()))).toList();
  }

  void insert(Contact c) {
    template.update(INSERT, insertArgs(c));
    writeCustomValues(c.id(), c.customFields(), true);
  }

  /** Inserts many contacts in one batch (no custom values: imports carry none). */
  void insertAll(List<Contact> contacts) {
    Rows.batch(template, INSERT, contacts.stream().map(this::insertArgs).toList());
  }

  Object[] insertArgs(Contact c) {
    return new Object[] {
      c.id(),
      c.workspaceId(),
      c.firstName(),
      c.lastName(),
      c.email(),
      c.email().toLowerCase(Locale.ROOT),
      c.title(),
      c.phone(),
      c.city(),
      c.status(),
      c.linkedinUrl(),
      c.companyId(),
      c.replied(),
      json.write(c.customFields() == null || c.customFields().isEmpty() ? null : c.customFields()),
      Rows.utc(c.createdAt()),
      Rows.utc(c.updatedAt())
    };
  }

  void update(Contact c) {
    jdbc.sql(
            """
            update contacts set first_name = ?, last_name = ?, email = ?, email_lower = ?,
              title = ?, phone = ?, city = ?, status = ?, linkedin_url = ?, company_id = ?,
              replied = ?, custom_fields = ?, updated_at = ?
            where workspace_id = ? and id = ?\
            """)
        .params(
            c.firstName(),
            c.lastName(),
            c.email(),
            c.email().toLowerCase(Locale.ROOT),
            c.title(),
            c.phone(),
            c.city(),
            c.status(),
            c.linkedinUrl(),
            c.companyId(),
            c.replied(),
            json.write(
                c.customFields() == null || c.customFields().isEmpty() ? null : c.customFields()),
            Rows.utc(c.updatedAt()),
            c.workspaceId(),
            c.id())
        .update();
  }

  boolean delete(UUID ws, UUID id) {
    return jdbc.sql("delete from contacts where workspace_id = ? and id = ?")
            .params(ws, id)
            .update()
        == 1;
  }

  /** Mirrors custom values into the side table search_contacts filters on. */
  void writeCustomValues(UUID contactId, Map<String, Object> values, boolean fresh) {
    if (!fresh) {
      jdbc.sql("delete from contact_field_values where contact_id = ?").param(contactId).update();
    }
    if (values == null) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    values.forEach((name, value) -> {
      if (value != null) {
        rows.add(new Object[] {contactId, name, text(value), number(value)});
      }
    });
    if (!rows.isEmpty()) {
      template.batchUpdate(
          "insert into contact_field_values (contact_id, name, value_text, value_number)"
              + " values (?, ?, ?, ?)",
          rows);
    }
  }

  /** Sets one custom value in both places; the JSON copy is read and written in one row lock. */
  public void setCustomValue(
      UUID ws, UUID contactId, String name, Object value, java.time.Instant at) {
    String current =
        jdbc.sql("select custom_fields from contacts where workspace_id = ? and id = ? for update")
            .params(ws, contactId)
            .query(String.class)
            .optional()
            .orElse(null);
    Map<String, Object> values = json.map(current);
    if (value == null) {
      values.remove(name);
    } else {
      values.put(name, value);
    }
    jdbc.sql(
            "update contacts set custom_fields = ?, updated_at = ? where workspace_id = ? and id = ?")
        .params(values.isEmpty() ? null : json.write(values), Rows.utc(at), ws, contactId)
        .update();
    jdbc.sql("delete from contact_field_values where contact_id = ? and name = ?")
        .params(contactId, name)
        .update();
    if (value != null) {
      jdbc.sql(
              "insert into contact_field_values (contact_id, name, value_text, value_number)"
                  + " values (?, ?, ?, ?)")
          .params(contactId, name, text(value), number(value))
          .update();
    }
  }

  private static String text(Object value) {
    String s =
        value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
    return s.length() > 2000 ? s.substring(0, 2000) : s;
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    return null;
  }

  Contact row(ResultSet rs, int i) throws SQLException {
    return new Contact(
        Rows.uuid(rs, "id"),
        Rows.uuid(rs, "workspace_id"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("email"),
        rs.getString("title"),
        rs.getString("phone"),
        rs.getString("city"),
        rs.getString("status"),
        rs.getString("linkedin_url"),
        Rows.uuid(rs, "company_id"),
        rs.getBoolean("replied"),
        List.of(),
        json.map(rs.getString("custom_fields")),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
