package dev.switchboard.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes plans in the SPEC's JSON shape, as plain maps and lists (what any JSON library
 * produces), validating everything on the way in so a bad plan is refused with the step named.
 */
public final class PlanJson {

  /** The longest durable wait a plan may ask for. */
  public static final Duration MAX_WAIT = Duration.ofDays(90);

  private static final Set<String> MATCH_MODES = Set.of("all", "any");
  private static final Set<String> ENTITIES = Set.of("contact", "deal", "company");

  private PlanJson() {}

  /** Parses a plan tree ({@code {"steps": [...]}}); throws {@link InvalidPlanException}. */
  public static Plan read(Object tree) {
    Map<String, Object> root = object(tree, "plan");
    for (String key : root.keySet()) {
      if (!key.equals("steps")) {
        throw new InvalidPlanException("plan." + key, "unknown field");
      }
    }
    return new Plan(steps(root.get("steps"), "plan.steps"));
  }

  /** Writes a plan as maps and lists in the SPEC's shape. */
  public static Map<String, Object> write(Plan plan) {
    return Map.of("steps", writeSteps(plan.steps()));
  }

  /** Parses one condition found at {@code path}; throws {@link InvalidPlanException}. */
  public static Condition readCondition(Object tree, String path) {
    return condition(tree, path);
  }

  /** Parses one {@code {field, operator, value}} filter found at {@code path}. */
  public static Condition.Compare readFilter(Object tree, String path) {
    return compare(tree, path);
  }

  /** Validates a duration parameter of a {@code wait} step. */
  public static Duration waitDuration(Object value, String path) {
    if (!(value instanceof String text)) {
      throw new InvalidPlanException(path, "must be an ISO-8601 duration such as P5D or PT2H");
    }
    Duration duration;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidPlanException(
          path, "'" + text + "' is not an ISO-8601 duration (P5D, PT2H)");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new InvalidPlanException(path, "must be longer than zero");
    }
    if (duration.compareTo(MAX_WAIT) > 0) {
      throw new InvalidPlanException(path, "waits are limited to 90 days");
    }
    return duration;
  }

  private static List<Step> steps(Object tree, String path) {
    if (tree == null) {
      throw new InvalidPlanException(path, "is required");
    }
    if (!(tree instanceof List<?> items)) {
      throw new InvalidPlanException(path, "must be a list of steps");
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      steps.add(step(items.get(i), path + "[" + i + "]"));
    }
    return steps;
  }

  private static Step step(Object tree, String path) {
    Map<String, Object> node = object(tree, path);
    if (!(node.get("type") instanceof String type)) {
      throw new InvalidPlanException(path + ".type", "is required");
    }
    if (type.equals("if")) {
      allowOnly(node, Set.of("type", "condition", "then", "else"), path);
      Condition condition = condition(node.get("condition"), path + ".condition");
      List<Step> then = steps(node.get("then"), path + ".then");
      List<Step> otherwise =
          node.get("else") == null ? List.of() : steps(node.get("else"), path + ".else");
      return new Step.If(condition, then, otherwise);
    }
    ActionType action =
        ActionType.fromWireName(type)
            .orElseThrow(
                () -> new InvalidPlanException(path + ".type", "unknown step type '" + type + "'"));
    allowOnly(node, Set.of("type", "params"), path);
    Map<String, Object> params =
        node.get("params") == null ? Map.of() : object(node.get("params"), path + ".params");
    checkParams(action, params, path + ".params");
    return new Step.Action(action, frozen(params));
  }

  /**
   * The parameters as unmodifiable maps and lists all the way down: a plan read here is immutable
   * and may be shared (the agents' store keeps the plans it parsed, for the claims of many runs).
   */
  private static Map<String, Object> frozen(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), frozenValue(v)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object frozenValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return frozen(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(frozenValue(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  private static void checkParams(ActionType action, Map<String, Object> params, String path) {
    for (String key : params.keySet()) {
      if (!action.allowedParams().contains(key)) {
        throw new InvalidPlanException(
            path + "." + key, "unknown parameter for " + action.wireName());
      }
    }
    for (String key : action.requiredParams()) {
      if (params.get(key) == null) {
        throw new InvalidPlanException(path + "." + key, "is required for " + action.wireName());
      }
    }
    switch (action) {
      case SEARCH_CONTACTS -> checkSearch(params, path);
      case SEND_EMAIL -> {
        if (params.get("template") == null
            && (params.get("subject") == null || params.get("body") == null)) {
          throw new InvalidPlanException(path, "send_email needs a template or a subject and body");
        }
      }
      case ADD_TAG, REMOVE_TAG -> {
        if (!(params.get("tags") instanceof List<?> tags)
            || tags.isEmpty()
            || !tags.stream().allMatch(String.class::isInstance)) {
          throw new InvalidPlanException(path + ".tags", "must be a non-empty list of tag names");
        }
      }
      case UPDATE_FIELD -> {
        if (!ENTITIES.contains(String.valueOf(params.get("entity")))) {
          throw new InvalidPlanException(path + ".entity", "must be contact, deal or company");
        }
      }
      case WAIT -> waitDuration(params.get("duration"), path + ".duration");
      case WEB_SEARCH -> {
        Object max = params.get("maxResults");
        if (max != null && !(max instanceof Number n && n.intValue() > 0 && n.intValue() <= 50)) {
          throw new InvalidPlanException(path + ".maxResults", "must be a number from 1 to 50");
        }
      }
      case CREATE_TASK -> {
        Object due = params.get("dueInDays");
        if (due != null && !(due instanceof Number n && n.intValue() >= 0)) {
          throw new InvalidPlanException(path + ".dueInDays", "must be a number of days");
        }
      }
      default -> {}
    }
  }

  private static void checkSearch(Map<String, Object> params, String path) {
    Object match = params.get("match");
    if (match != null && !MATCH_MODES.contains(match)) {
      throw new InvalidPlanException(path + ".match", "must be all or any");
    }
    Object filters = params.get("filters");
    if (filters == null) {
      return;
    }
    if (!(filters instanceof List<?> list)) {
      throw new InvalidPlanException(path + ".filters", "must be a list");
    }
    for (int i = 0; i < list.size(); i++) {
      compare(list.get(i), path + ".filters[" + i + "]");
    }
  }

  private static Condition condition(Object tree, String path) {
    Map<String, Object> node = object(tree, path);
    if (node.containsKey("all")) {
      allowOnly(node, Set.of("all"), path);
      return new Condition.All(conditions(node.get("all"), path + ".all"));
    }
    if (node.containsKey("any")) {
      allowOnly(node, Set.of("any"), path);
      return new Condition.Any(conditions(node.get("any"), path + ".any"));
    }
    if (node.containsKey("not")) {
      allowOnly(node, Set.of("not"), path);
      return new Condition.Not(condition(node.get("not"), path + ".not"));
    }
    return compare(node, path);
  }

  private static List<Condition> conditions(Object tree, String path) {
    if (!(tree instanceof List<?> items) || items.isEmpty()) {
      throw new InvalidPlanException(path, "must be a non-empty list of conditions");
    }
    List<Condition> parts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      parts.add(condition(items.get(i), path + "[" + i + "]"));
    }
    return parts;
  }

  private static Condition.Compare compare(Object tree, String path) {
    Map<String, Object> node = object(tree, path);
    allowOnly(node, Set.of("field", "operator", "value"), path);
    if (!(node.get("field") instanceof String field) || field.isBlank()) {
      throw new InvalidPlanException(path + ".field", "is required");
    }
    String symbol = String.valueOf(node.get("operator"));
    Operator operator =
        Operator.fromSymbol(symbol)
            .orElseThrow(() ->
                new InvalidPlanException(
                    path + ".operator",
                    "unknown operator '" + symbol + "' (== != > < >= <= contains exists)"));
    if (!node.containsKey("value")) {
      throw new InvalidPlanException(path + ".value", "is required");
    }
    Object value = node.get("value");
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new InvalidPlanException(path + ".value", "must be a string, number or boolean");
    }
    return new Condition.Compare(field, operator, value);
  }

  private static void allowOnly(Map<String, Object> node, Set<String> allowed, String path) {
    for (String key : node.keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidPlanException(path + "." + key, "unknown field");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object tree, String path) {
    if (!(tree instanceof Map<?, ?> map)) {
      throw new InvalidPlanException(path, "must be an object");
    }
    return (Map<String, Object>) map;
  }

  private static List<Object> writeSteps(List<Step> steps) {
    List<Object> out = new ArrayList<>();
    for (Step step : steps) {
      out.add(writeStep(step));
    }
    return out;
  }

  private static Map<String, Object> writeStep(Step step) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (step) {
      case Step.Action action -> {
        out.put("type", action.type().wireName());
        out.put("params", action.params());
      }
      case Step.If branch -> {
        out.put("type", "if");
        out.put("condition", writeCondition(branch.condition()));
        out.put("then", writeSteps(branch.then()));
        if (!branch.otherwise().isEmpty()) {
          out.put("else", writeSteps(branch.otherwise()));
        }
      }
    }
    return out;
  }

  /** Writes one condition in the SPEC's shape. */
  public static Map<String, Object> writeCondition(Condition condition) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (condition) {
      case Condition.Compare c -> {
        out.put("field", c.field());
        out.put("operator", c.operator().symbol());
        out.put("value", c.value());
      }
      case Condition.All all ->
          out.put("all", all.parts().stream().map(PlanJson::writeCondition).toList());
      case Condition.Any any ->
          out.put("any", any.parts().stream().map(PlanJson::writeCondition).toList());
      case Condition.Not not -> out.put("not", writeCondition(not.part()));
    }
    return out;
  }
}
