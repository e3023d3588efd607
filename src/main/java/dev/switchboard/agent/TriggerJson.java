package dev.switchboard.agent;

import dev.switchboard.agent.TriggerDefinition.Schedule.Frequency;
import dev.switchboard.api.ApiException;
import dev.switchboard.plan.Condition;
import dev.switchboard.plan.InvalidPlanException;
import dev.switchboard.plan.PlanJson;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.scheduling.support.CronExpression;

/**
 * Reads an agent's {@code triggers} from the JSON tree of a request (maps and lists), refusing a
 * bad one with a 400 that names the field ({@code triggers[1].cron}), and writes them back.
 */
final class TriggerJson {

  static final int MAX_TRIGGERS = 20;

  private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
  private static final Set<String> COMPUTED = Set.of("nextRunAt", "nextRuns", "url");
  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "manual", Set.of("filters"),
          "schedule", Set.of("frequency", "time", "dayOfWeek", "dayOfMonth", "cron", "timezone"),
          "event", Set.of("event", "formId", "condition"),
          "webhook", Set.of());

  private TriggerJson() {}

  /**
   * The triggers of a request. An item may carry the {@code id} of one of {@code current} (of the
   * same type) to keep it, and with it its webhook secret and schedule history; items without one
   * are new.
   */
  static List<TriggerDefinition> read(Object tree, List<TriggerDefinition> current) {
    if (!(tree instanceof List<?> items)) {
      throw ApiException.invalid("triggers", "triggers must be a list");
    }
    if (items.size() > MAX_TRIGGERS) {
      throw ApiException.invalid("triggers", "An agent has at most " + MAX_TRIGGERS + " triggers");
    }
    List<TriggerDefinition> out = new ArrayList<>();
    Set<UUID> seen = new java.util.HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "triggers[" + i + "]";
      Map<String, Object> node = object(items.get(i), path);
      String type = type(node, path);
      UUID id = id(node, type, current, path);
      if (!seen.add(id)) {
        throw ApiException.invalid(path + ".id", "The same trigger id appears twice");
      }
      out.add(read(node, type, id, path));
    }
    return out;
  }

  /** A stored definition ({@link #write} output without the id). */
  static TriggerDefinition stored(UUID id, Object tree) {
    Map<String, Object> node = object(tree, "trigger");
    return read(node, type(node, "trigger"), id, "trigger");
  }

  /** The definition in the SPEC's shape, without computed fields. */
  static Map<String, Object> write(TriggerDefinition trigger) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", trigger.id());
    out.put("type", trigger.type());
    switch (trigger) {
      case TriggerDefinition.Manual m ->
          out.put("filters", m.filters().stream().map(PlanJson::writeCondition).toList());
      case TriggerDefinition.Schedule s -> {
        out.put("frequency", s.frequency().wireName());
        if (s.frequency() == Frequency.CRON) {
          out.put("cron", s.cron());
        } else {
          out.put("time", s.time().toString());
        }
        if (s.frequency() == Frequency.WEEKLY) {
          out.put("dayOfWeek", s.dayOfWeek().name());
        }
        if (s.frequency() == Frequency.MONTHLY) {
          out.put("dayOfMonth", s.dayOfMonth());
        }
        out.put("timezone", s.timezone().getId());
      }
      case TriggerDefinition.Event e -> {
        out.put("event", e.event());
        if (e.formId() != null) {
          out.put("formId", e.formId());
        }
        if (e.condition() != null) {
          out.put("condition", PlanJson.writeCondition(e.condition()));
        }
      }
      case TriggerDefinition.Webhook w -> {}
    }
    return out;
  }

  /** The definition plus what GET computes: the next fire times of a schedule. */
  static Map<String, Object> view(TriggerDefinition trigger, Instant now, WebhookSecrets urls) {
    Map<String, Object> out = write(trigger);
    switch (trigger) {
      case TriggerDefinition.Schedule s -> out.putAll(fireTimes(s, now));
      case TriggerDefinition.Webhook w -> out.put("url", urls.url(w.id()));
      default -> {}
    }
    return out;
  }

  /**
   * {@code nextRunAt} and {@code nextRuns}: the next 5 fire times after {@code now}, ISO-8601 with
   * the schedule's own offset.
   */
  static Map<String, Object> fireTimes(TriggerDefinition.Schedule schedule, Instant now) {
    List<String> next =
        schedule.nextRuns(now, 5).stream()
            .map(at -> at.atZone(schedule.timezone()).toOffsetDateTime().toString())
            .toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nextRunAt", next.isEmpty() ? null : next.getFirst());
    out.put("nextRuns", next);
    return out;
  }

  private static TriggerDefinition read(
      Map<String, Object> node, String type, UUID id, String path) {
    for (String key : node.keySet()) {
      if (!key.equals("id")
          && !key.equals("type")
          && !COMPUTED.contains(key)
          && !FIELDS.get(type).contains(key)) {
        throw ApiException.invalid(
            path + "." + key, "A " + type + " trigger has no field '" + key + "'");
      }
    }
    return switch (type) {
      case "manual" -> new TriggerDefinition.Manual(id, filters(node.get("filters"), path));
      case "schedule" -> schedule(node, id, path);
      case "event" -> event(node, id, path);
      default -> new TriggerDefinition.Webhook(id);
    };
  }

  private static List<Condition.Compare> filters(Object tree, String path) {
    if (tree == null) {
      return List.of();
    }
    if (!(tree instanceof List<?> items)) {
      throw ApiException.invalid(path + ".filters", "filters must be a list");
    }
    List<Condition.Compare> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      String at = path + ".filters[" + i + "]";
      out.add(plan(() -> PlanJson.readFilter(item, at)));
    }
    return out;
  }

  private static TriggerDefinition.Schedule schedule(
      Map<String, Object> node, UUID id, String path) {
    String name = text(node, "frequency", path);
    Frequency frequency =
        java.util.Arrays.stream(Frequency.values())
            .filter(f -> f.wireName().equals(name))
            .findFirst()
            .orElseThrow(() ->
                ApiException.invalid(
                    path + ".frequency", "frequency must be daily, weekly, monthly or cron"));
    ZoneId zone = zone(node.get("timezone"), path + ".timezone");
    LocalTime time = null;
    DayOfWeek day = null;
    Integer dayOfMonth = null;
    String cron = null;
    if (frequency == Frequency.CRON) {
      cron = cron(text(node, "cron", path), path + ".cron");
    } else {
      time = time(text(node, "time", path), path + ".time");
    }
    if (frequency == Frequency.WEEKLY) {
      day = dayOfWeek(text(node, "dayOfWeek", path), path + ".dayOfWeek");
    }
    if (frequency == Frequency.MONTHLY) {
      dayOfMonth = dayOfMonth(node.get("dayOfMonth"), path + ".dayOfMonth");
    }
    TriggerDefinition.Schedule schedule =
        new TriggerDefinition.Schedule(id, frequency, time, day, dayOfMonth, cron, zone);
    if (schedule.nextAfter(Instant.EPOCH).isEmpty()) {
      throw ApiException.invalid(path + ".cron", "This cron expression never fires");
    }
    return schedule;
  }

  private static TriggerDefinition.Event event(Map<String, Object> node, UUID id, String path) {
    String event = text(node, "event", path);
    if (!TriggerDefinition.Event.NAMES.contains(event)) {
      throw ApiException.invalid(
          path + ".event",
          "Unknown event '" + event + "' (one of " + TriggerDefinition.Event.NAMES + ")");
    }
    UUID formId = null;
    if (node.get("formId") != null) {
      if (!event.equals("form.submitted")) {
        throw ApiException.invalid(path + ".formId", "formId belongs to form.submitted only");
      }
      formId = uuid(node.get("formId"), path + ".formId");
    }
    Object condition = node.get("condition");
    return new TriggerDefinition.Event(
        id,
        event,
        formId,
        condition == null
            ? null
            : plan(() -> PlanJson.readCondition(condition, path + ".condition")));
  }

  private static String cron(String text, String field) {
    int fields = text.strip().split("\\s+").length;
    if (fields != 5 && fields != 6) {
      throw ApiException.invalid(field, "cron must have 5 fields, or 6 with seconds first");
    }
    try {
      CronExpression.parse(TriggerDefinition.Schedule.sixFields(text));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, "Invalid cron expression '" + text + "'");
    }
    return text.strip();
  }

  private static LocalTime time(String text, String field) {
    if (!TIME.matcher(text).matches()) {
      throw ApiException.invalid(field, "time must be HH:MM (00:00 to 23:59)");
    }
    return LocalTime.parse(text);
  }

  private static DayOfWeek dayOfWeek(String text, String field) {
    try {
      return DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, "dayOfWeek must be MONDAY to SUNDAY");
    }
  }

  private static int dayOfMonth(Object value, String field) {
    if (!(value instanceof Integer day) || day < 1 || day > 31) {
      throw ApiException.invalid(field, "dayOfMonth must be a whole number from 1 to 31");
    }
    return day;
  }

  private static ZoneId zone(Object value, String field) {
    if (value == null) {
      return ZoneId.of("UTC");
    }
    if (!(value instanceof String name) || !ZoneId.getAvailableZoneIds().contains(name)) {
      throw ApiException.invalid(field, "timezone must be an IANA time zone such as Europe/Berlin");
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw ApiException.invalid(field, "timezone must be an IANA time zone such as Europe/Berlin");
    }
  }

  private static String type(Map<String, Object> node, String path) {
    Object type = node.get("type");
    if (!(type instanceof String name) || !FIELDS.containsKey(name)) {
      throw ApiException.invalid(path + ".type", "type must be manual, schedule, event or webhook");
    }
    return name;
  }

  private static UUID id(
      Map<String, Object> node, String type, List<TriggerDefinition> current, String path) {
    if (node.get("id") == null) {
      return UUID.randomUUID();
    }
    UUID id = uuid(node.get("id"), path + ".id");
    boolean known = current.stream().anyMatch(t -> t.id().equals(id) && t.type().equals(type));
    if (!known) {
      throw ApiException.invalid(path + ".id", "No " + type + " trigger of this agent has this id");
    }
    return id;
  }

  private static UUID uuid(Object value, String field) {
    try {
      return UUID.fromString(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, field + " must be an id");
    }
  }

  private static String text(Map<String, Object> node, String key, String path) {
    if (!(node.get(key) instanceof String text) || text.isBlank()) {
      throw ApiException.invalid(path + "." + key, key + " is required");
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object tree, String path) {
    if (!(tree instanceof Map<?, ?> map)) {
      throw ApiException.invalid(path, "Each trigger must be an object");
    }
    return (Map<String, Object>) map;
  }

  private static <T> T plan(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidPlanException e) {
      throw ApiException.invalid(e.path(), e.getMessage());
    }
  }
}
