package dev.switchboard.instruction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The corpus scoring rule (shared/corpus/README.md): a parsed plan is correct when it equals the
 * expected plan after normalisation. Step order and types must match; params compare key by key;
 * strings case-insensitively after trimming and collapsing spaces; numbers numerically; omitted
 * optional params equal their defaults (match "all", maxResults 5, provider "apollo", to
 * "@contact.email"); an empty "else" equals an absent one; tag lists compare as sets.
 */
final class PlanScore {

  private static final Map<String, Map<String, Object>> DEFAULTS =
      Map.of(
          "search_contacts", Map.of("match", "all"),
          "web_search", Map.of("maxResults", 5),
          "enrich_contact", Map.of("provider", "apollo"),
          "send_email", Map.of("to", "@contact.email"));

  private PlanScore() {}

  /** Whether two plan trees ({@code {"steps": [...]}}) are equal under the scoring rule. */
  static boolean same(Object expected, Object actual) {
    return normalPlan(expected).equals(normalPlan(actual));
  }

  static Object normalPlan(Object plan) {
    if (!(plan instanceof Map<?, ?> map)) {
      return plan;
    }
    return steps(map.get("steps"));
  }

  private static List<Object> steps(Object steps) {
    List<Object> out = new ArrayList<>();
    if (steps instanceof List<?> list) {
      for (Object step : list) {
        out.add(step(step));
      }
    }
    return out;
  }

  private static Object step(Object tree) {
    if (!(tree instanceof Map<?, ?> step)) {
      return tree;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Object type = step.get("type");
    out.put("type", type);
    if ("if".equals(type)) {
      out.put("condition", value(step.get("condition")));
      out.put("then", steps(step.get("then")));
      out.put("else", steps(step.get("else")));
      return out;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    DEFAULTS
        .getOrDefault(String.valueOf(type), Map.of())
        .forEach((key, value) -> params.put(key, value(value)));
    if (step.get("params") instanceof Map<?, ?> given) {
      given.forEach((key, value) -> params.put(String.valueOf(key), param(key, value)));
    }
    out.put("params", params);
    return out;
  }

  private static Object param(Object key, Object value) {
    if ("tags".equals(key) && value instanceof List<?> tags) {
      Set<Object> set = new HashSet<>();
      tags.forEach(tag -> set.add(value(tag)));
      return set;
    }
    return value(value);
  }

  private static Object value(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      case Number n -> new BigDecimal(n.toString()).stripTrailingZeros();
      case List<?> list -> list.stream().map(PlanScore::value).toList();
      case Map<?, ?> map -> {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
        yield out;
      }
      default -> value;
    };
  }
}
