package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A JSON request body read field by field: each reader refuses a wrong value with a 400 that names
 * the field. Absent fields are left alone on update; a field sent as {@code null} clears it.
 */
public final class Body {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Map<String, Object> values;

  private Body(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  /** The body, refusing any field not in {@code allowed}. */
  static Body of(Map<String, Object> values, Set<String> allowed) {
    Body body = new Body(values);
    for (String key : body.values.keySet()) {
      if (!allowed.contains(key)) {
        throw ApiException.invalid(key, "Unknown field '" + key + "'");
      }
    }
    return body;
  }

  java.util.Collection<String> keys() {
    return values.keySet();
  }

  boolean has(String field) {
    return values.containsKey(field);
  }

  Object raw(String field) {
    return values.get(field);
  }

  /** A text field, trimmed; blank counts as absent. */
  String text(String field, int max) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String text)) {
      throw ApiException.invalid(field, "Field '" + field + "' must be text");
    }
    String s = text.strip();
    if (s.length() > max) {
      throw ApiException.invalid(
          field, "Field '" + field + "' is too long (at most " + max + " characters)");
    }
    return s.isEmpty() ? null : s;
  }

  String requiredText(String field, int max) {
    String s = text(field, max);
    if (s == null) {
      throw ApiException.invalid(field, "Field '" + field + "' is required");
    }
    return s;
  }

  String email(String field) {
    String s = text(field, 320);
    if (s != null && !validEmail(s)) {
      throw ApiException.invalid(field, "Invalid email address: " + s);
    }
    return s;
  }

  UUID uuid(String field) {
    Object v = values.get(field);
    if (v == null || String.valueOf(v).isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(
          field.endsWith("Id") ? field.substring(0, field.length() - 2) : field);
    }
  }

  /** A number with at most {@code digits} digits before the point, as its column can hold. */
  BigDecimal number(String field, int digits) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    BigDecimal n;
    try {
      n = new BigDecimal(String.valueOf(v).strip());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(field, "Field '" + field + "' must be a number");
    }
    if (!fits(n, digits)) {
      throw ApiException.invalid(
          field,
          "Field '" + field + "' is out of range (at most " + digits + " digits before the point)");
    }
    return n;
  }

  /** Whether {@code n} has at most {@code digits} digits before the point. */
  static boolean fits(BigDecimal n, int digits) {
    return n.abs().compareTo(BigDecimal.TEN.pow(digits)) < 0;
  }

  LocalDate date(String field) {
    String s = text(field, 40);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "Field '" + field + "' must be a date (YYYY-MM-DD)");
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String field) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw ApiException.invalid(field, "Field '" + field + "' must be an object");
    }
    return (Map<String, Object>) m;
  }

  List<String> texts(String field, int max) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw ApiException.invalid(field, "Field '" + field + "' must be a list");
    }
    List<String> out = new java.util.ArrayList<>();
    for (Object item : list) {
      if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
        throw ApiException.invalid(field, "Field '" + field + "' must be a list of names");
      }
      String s = String.valueOf(item).strip();
      if (s.isEmpty() || s.length() > max) {
        throw ApiException.invalid(
            field, "Each of '" + field + "' must be 1 to " + max + " characters");
      }
      out.add(s);
    }
    return out;
  }

  public static boolean validEmail(String s) {
    return s != null && s.length() <= 320 && EMAIL.matcher(s).matches();
  }
}
