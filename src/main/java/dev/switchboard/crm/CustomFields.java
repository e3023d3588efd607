package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

/** Custom field definitions and the one place values are checked against their type. */
@Service
public class CustomFields {

  /** contact_field_values.value_number is numeric(30, 6). */
  private static final int NUMBER_DIGITS = 24;

  public static final Set<String> ENTITIES = Set.of("contact", "deal", "company");
  static final Set<String> TYPES = Set.of("string", "number", "date", "boolean", "choice");

  public record Definition(
      UUID id, String entity, String name, String type, List<String> options, Instant createdAt) {

    Map<String, Object> view() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id.toString());
      m.put("entity", entity);
      m.put("name", name);
      m.put("type", type);
      m.put("options", options);
      m.put("createdAt", createdAt.toString());
      return m;
    }
  }

  /** A value that does not fit its field, with the message the user reads. */
  public static final class BadValue extends RuntimeException {
    BadValue(String message) {
      super(message);
    }
  }

  private final JdbcClient jdbc;
  private final CrmJson json;
  private final Clock clock;

  CustomFields(JdbcClient jdbc, CrmJson json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  public static String notFound(String name) {
    return "Custom field '" + name + "' not found. Create field first.";
  }

  public List<Definition> list(UUID ws, String entity) {
    if (entity == null) {
      return jdbc.sql("select * from custom_fields where workspace_id = ? order by entity, name")
          .param(ws)
          .query((rs, i) -> map(rs))
          .list();
    }
    return jdbc.sql(
            "select * from custom_fields where workspace_id = ? and entity = ? order by name")
        .params(ws, entity)
        .query((rs, i) -> map(rs))
        .list();
  }

  public Optional<Definition> find(UUID ws, String entity, String name) {
    return jdbc.sql(
            "select * from custom_fields where workspace_id = ? and entity = ? and name = ?")
        .params(ws, entity, name)
        .query((rs, i) -> map(rs))
        .optional();
  }

  Definition require(UUID ws, UUID id) {
    return jdbc.sql("select * from custom_fields where workspace_id = ? and id = ?")
        .params(ws, id)
        .query((rs, i) -> map(rs))
        .optional()
        .orElseThrow(() -> ApiException.notFound("Custom field"));
  }

  Definition create(UUID ws, Map<String, Object> values) {
    Body body = Body.of(values, Set.of("entity", "name", "type", "options"));
    String entity = body.text("entity", 16);
    entity = entity == null ? "contact" : entity.toLowerCase(Locale.ROOT);
    if (!ENTITIES.contains(entity)) {
      throw ApiException.invalid("entity", "entity must be contact, deal or company");
    }
    String name = body.requiredText("name", 100);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw ApiException.invalid(
          "name", "name must start with a letter and hold only letters, digits and _");
    }
    if (Fields.isStandard(entity, name)) {
      throw ApiException.invalid("name", "'" + name + "' is a standard field of " + entity);
    }
    String type = body.requiredText("type", 16).toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw ApiException.invalid("type", "type must be string, number, date, boolean or choice");
    }
    List<String> options = body.texts("options", 200);
    if ("choice".equals(type) && (options == null || options.isEmpty())) {
      throw ApiException.invalid("options", "A choice field needs options");
    }
    if (!"choice".equals(type)) {
      options = null;
    }
    if (find(ws, entity, name).isPresent()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "DUPLICATE",
          "Custom field '" + name + "' already exists",
          Map.of("field", "name"));
    }
    Definition d = new Definition(UUID.randomUUID(), entity, name, type, options, clock.instant());
    jdbc.sql(
            "insert into custom_fields (id, workspace_id, entity, name, type, options, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(d.id(), ws, entity, name, type, json.write(options), Rows.utc(d.createdAt()))
        .update();
    return d;
  }

  void delete(UUID ws, UUID id) {
    require(ws, id);
    jdbc.sql("delete from custom_fields where workspace_id = ? and id = ?").params(ws, id).update();
  }

  /**
   * Checks every value against its definition; answers the values normalised (numbers as numbers,
   * booleans as booleans). Refuses with a 400 naming {@code customFields.NAME}.
   */
  Map<String, Object> checkAll(UUID ws, String entity, Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (values == null || values.isEmpty()) {
      return out;
    }
    Map<String, Definition> defs = new LinkedHashMap<>();
    list(ws, entity).forEach(d -> defs.put(d.name(), d));
    values.forEach((name, value) -> {
      String field = "customFields." + name;
      Definition d = defs.get(name);
      if (d == null) {
        throw ApiException.invalid(field, notFound(name));
      }
      try {
        out.put(name, value == null ? null : coerce(d, value));
      } catch (BadValue e) {
        throw ApiException.invalid(field, e.getMessage());
      }
    });
    return out;
  }

  /** The value in its field's type, or {@link BadValue}. */
  public static Object coerce(Definition d, Object value) {
    String prefix = "Custom field '" + d.name() + "' must be ";
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new BadValue(prefix + "a single " + d.type());
    }
    String text = String.valueOf(value).strip();
    return switch (d.type()) {
      case "number" -> {
        BigDecimal n;
        try {
          n = new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw new BadValue(prefix + "a number");
        }
        if (!Body.fits(n, NUMBER_DIGITS)) {
          throw new BadValue(
              prefix + "a number of at most " + NUMBER_DIGITS + " digits before the point");
        }
        yield value instanceof Number given ? given : n;
      }
      case "date" -> {
        try {
          yield LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
          throw new BadValue(prefix + "a date (YYYY-MM-DD)");
        }
      }
      case "boolean" -> {
        if (value instanceof Boolean b) {
          yield b;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          yield Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        throw new BadValue(prefix + "true or false");
      }
      case "choice" ->
          d.options().stream()
              .filter(o -> o.equalsIgnoreCase(text))
              .findFirst()
              .orElseThrow(
                  () -> new BadValue(prefix + "one of: " + String.join(", ", d.options())));
      default -> {
        if (text.length() > 2000) {
          throw new BadValue(prefix + "at most 2000 characters");
        }
        yield text;
      }
    };
  }

  @SuppressWarnings("unchecked")
  private Definition map(java.sql.ResultSet rs) throws java.sql.SQLException {
    Object options = json.any(rs.getString("options"));
    return new Definition(
        Rows.uuid(rs, "id"),
        rs.getString("entity"),
        rs.getString("name"),
        rs.getString("type"),
        options instanceof List<?> l ? (List<String>) l : null,
        Rows.instant(rs, "created_at"));
  }
}
