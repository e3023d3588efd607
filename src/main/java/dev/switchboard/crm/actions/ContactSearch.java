package dev.switchboard.crm.actions;

import dev.switchboard.crm.CustomFields;
import dev.switchboard.crm.Fields;
import dev.switchboard.crm.Tags;
import dev.switchboard.plan.Operator;
import dev.switchboard.sql.Like;
import dev.switchboard.workflow.ActionFailure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns search_contacts filters ({@code {field, operator, value}}) into one parameterised WHERE
 * clause over {@code contacts c}. Field names only ever pick a column from {@link Fields}; values
 * only ever travel as parameters. Custom fields go through {@code contact_field_values}, tags
 * through {@code contact_tags}, {@code company.*} through the linked company, as is a bare field
 * that only the company has ({@code industry}).
 */
final class ContactSearch {

  private static final Pattern RELATIVE =
      Pattern.compile("^(today|now)(?:\\s*([+-])\\s*(\\d+)\\s*([dhwm]?))?$");

  /** A WHERE clause and its parameters, in order. */
  record Where(String sql, List<Object> params) {}

  private final Map<String, CustomFields.Definition> custom;
  private final Instant now;
  private final Consumer<String> warn;

  ContactSearch(Map<String, CustomFields.Definition> custom, Instant now, Consumer<String> warn) {
    this.custom = custom;
    this.now = now;
    this.warn = warn;
  }

  /** {@code filters} joined by {@code match} (all | any); empty filters match every contact. */
  Where where(List<?> filters, String match) {
    if (filters == null || filters.isEmpty()) {
      return new Where("1 = 1", List.of());
    }
    String joiner = "any".equalsIgnoreCase(match) ? " or " : " and ";
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (Object f : filters) {
      if (!(f instanceof Map<?, ?> filter)) {
        throw new ActionFailure("Each filter must be {field, operator, value}");
      }
      Where one = one(filter);
      parts.add("(" + one.sql() + ")");
      params.addAll(one.params());
    }
    return new Where(String.join(joiner, parts), params);
  }

  private Where one(Map<?, ?> filter) {
    String field = String.valueOf(filter.get("field"));
    if (field.startsWith("contact.")) {
      field = field.substring("contact.".length());
    }
    String symbol = String.valueOf(filter.get("operator"));
    Operator op =
        Operator.fromSymbol(symbol)
            .orElseThrow(() -> new ActionFailure("Unknown operator '" + symbol + "'"));
    Object value = filter.get("value");
    if (field.equals("tags") || field.equals("tag")) {
      return tags(op, value);
    }
    if (field.startsWith("company.")) {
      Where company = company(field.substring("company.".length()), op, value);
      if (company != null) {
        return company;
      }
    }
    String column = Fields.CONTACT.get(field);
    if (column != null) {
      return switch (column) {
        case "created_at", "updated_at" -> time(op, "c." + column, value, field);
        case "replied" -> bool(op, "c.replied", value);
        case "id", "company_id" -> id(op, "c." + column, value);
        default -> column(op, "c." + column, value, false);
      };
    }
    CustomFields.Definition d = custom.get(field);
    if (d != null) {
      return customField(op, d, value);
    }
    Where company = field.equals("name") ? null : company(field, op, value);
    if (company != null) {
      return company; // "industry": a field the contact lacks, read on its company
    }
    warn.accept("Field '" + field + "' not found. Defaulting to false.");
    return new Where("1 = 0", List.of());
  }

  /** A field of the contact's company ({@code industry}, {@code size}); null for no such field. */
  private static Where company(String field, Operator op, Object value) {
    String column = Fields.COMPANY.get(field);
    if (column == null || column.equals("id")) {
      return null;
    }
    Where inner = column(op, "co." + column, value, false);
    return new Where(
        "exists (select 1 from companies co where co.id = c.company_id and " + inner.sql() + ")",
        inner.params());
  }

  /** A text column, compared without regard to case. */
  private static Where column(Operator op, String col, Object value, boolean numeric) {
    String v = value == null ? "" : String.valueOf(value);
    String lower = v.toLowerCase(Locale.ROOT);
    return switch (op) {
      case EQ -> new Where("lower(" + col + ") = ?", List.of(lower));
      case NE -> new Where("(" + col + " is null or lower(" + col + ") <> ?)", List.of(lower));
      case CONTAINS -> new Where("lower(" + col + ") like ?", List.of(Like.contains(v)));
      case EXISTS ->
          new Where(
              isFalse(value)
                  ? "(" + col + " is null or " + col + " = '')"
                  : "(" + col + " is not null and " + col + " <> '')",
              List.of());
      case GT, LT, GE, LE -> new Where(col + " " + op.symbol() + " ?", List.of(v));
    };
  }

  private Where time(Operator op, String col, Object value, String field) {
    if (op == Operator.EXISTS) {
      return new Where(isFalse(value) ? "1 = 0" : "1 = 1", List.of());
    }
    Instant at = instant(value, field);
    OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
    return switch (op) {
      case EQ -> new Where(col + " >= ? and " + col + " < ?", List.of(t, t.plusDays(1)));
      case NE -> new Where("(" + col + " < ? or " + col + " >= ?)", List.of(t, t.plusDays(1)));
      case GT, LT, GE, LE -> new Where(col + " " + op.symbol() + " ?", List.of(t));
      default ->
          throw new ActionFailure("Operator '" + op.symbol() + "' does not apply to " + field);
    };
  }

  private static Where bool(Operator op, String col, Object value) {
    boolean b = value instanceof Boolean x ? x : Boolean.parseBoolean(String.valueOf(value));
    return switch (op) {
      case EQ -> new Where(col + " = ?", List.of(b));
      case NE -> new Where(col + " <> ?", List.of(b));
      case EXISTS -> new Where(isFalse(value) ? "1 = 0" : "1 = 1", List.of());
      default ->
          throw new ActionFailure("Operator '" + op.symbol() + "' does not apply to replied");
    };
  }

  private static Where id(Operator op, String col, Object value) {
    String v = value == null ? "" : String.valueOf(value);
    return switch (op) {
      case EQ -> new Where("cast(" + col + " as varchar(36)) = ?", List.of(v.toLowerCase()));
      case NE ->
          new Where(
              "(" + col + " is null or cast(" + col + " as varchar(36)) <> ?)",
              List.of(v.toLowerCase()));
      case EXISTS -> new Where(isFalse(value) ? col + " is null" : col + " is not null", List.of());
      default -> throw new ActionFailure("Operator '" + op.symbol() + "' does not apply to ids");
    };
  }

  private static Where tags(Operator op, Object value) {
    String any =
        "exists (select 1 from contact_tags ct join tags t on t.id = ct.tag_id"
            + " where ct.contact_id = c.id";
    String v = value == null ? "" : Tags.key(String.valueOf(value));
    return switch (op) {
      case EQ, CONTAINS -> new Where(any + " and t.name_lower = ?)", List.of(v));
      case NE -> new Where("not " + any + " and t.name_lower = ?)", List.of(v));
      case EXISTS -> new Where((isFalse(value) ? "not " : "") + any + ")", List.of());
      default -> throw new ActionFailure("Operator '" + op.symbol() + "' does not apply to tags");
    };
  }

  private static Where customField(Operator op, CustomFields.Definition d, Object value) {
    String has =
        "exists (select 1 from contact_field_values v where v.contact_id = c.id and v.name = ?";
    String v = value == null ? "" : String.valueOf(value);
    boolean numeric = "number".equals(d.type());
    return switch (op) {
      case EQ ->
          numeric && number(value) != null
              ? new Where(has + " and v.value_number = ?)", List.of(d.name(), number(value)))
              : new Where(
                  has + " and lower(v.value_text) = ?)",
                  List.of(d.name(), v.toLowerCase(Locale.ROOT)));
      case NE ->
          new Where(
              "not " + has + " and lower(v.value_text) = ?)",
              List.of(
                  d.name(),
                  numeric && number(value) != null
                      ? number(value).stripTrailingZeros().toPlainString()
                      : v.toLowerCase(Locale.ROOT)));
      case CONTAINS ->
          new Where(has + " and lower(v.value_text) like ?)", List.of(d.name(), Like.contains(v)));
      case EXISTS -> new Where((isFalse(value) ? "not " : "") + has + ")", List.of(d.name()));
      case GT, LT, GE, LE -> {
        if (numeric) {
          BigDecimal n = number(value);
          if (n == null) {
            throw new ActionFailure("Custom field '" + d.name() + "' compares with numbers");
          }
          yield new Where(has + " and v.value_number " + op.symbol() + " ?)", List.of(d.name(), n));
        }
        yield new Where(has + " and v.value_text " + op.symbol() + " ?)", List.of(d.name(), v));
      }
    };
  }

  /** "today", "today-7d", "now-2h", a date or an instant, against the injected clock. */
  Instant instant(Object value, String field) {
    String v = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
    Matcher m = RELATIVE.matcher(v);
    if (m.matches()) {
      Instant base =
          m.group(1).equals("today")
              ? LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant()
              : now;
      if (m.group(2) == null) {
        return base;
      }
      long amount = Long.parseLong(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
      return switch (m.group(4)) {
        case "h" -> base.plus(amount, ChronoUnit.HOURS);
        case "w" -> base.plus(amount * 7, ChronoUnit.DAYS);
        case "m" -> base.atOffset(ZoneOffset.UTC).plusMonths(amount).toInstant();
        default -> base.plus(amount, ChronoUnit.DAYS);
      };
    }
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(String.valueOf(value).strip());
    } catch (DateTimeParseException e) {
      throw new ActionFailure(
          "Cannot compare " + field + " with '" + value + "': use a date, today or today-7d");
    }
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    try {
      return new BigDecimal(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isFalse(Object value) {
    return Boolean.FALSE.equals(value) || "false".equalsIgnoreCase(String.valueOf(value));
  }
}
