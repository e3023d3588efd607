package dev.switchboard.run;

import dev.switchboard.api.ApiException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run starts with: target filters ANDed onto its first {@code search_contacts}, the
 * variables it is given by name ({@code contact}, {@code deal}, {@code form}, {@code payload} or a
 * person's own context), and the prompt of a command agent.
 *
 * @param filters {@code {field, operator, value}} items; empty when none
 * @param variables top-level names the run's steps see as {@code @name.*}; empty when none
 * @param prompt null for the agent's default
 */
public record TriggerContext(
    List<Map<String, Object>> filters, Map<String, Object> variables, String prompt) {

  public static final TriggerContext EMPTY = new TriggerContext(List.of(), Map.of(), null);

  static final int MAX_PROMPT = 100_000;

  public TriggerContext {
    filters = filters == null ? List.of() : List.copyOf(filters);
    variables = variables == null ? Map.of() : unmodifiableCopy(variables);
  }

  /** A person's trigger request, its prompt checked (400 naming {@code prompt}). */
  public static TriggerContext of(TriggerRequest request) {
    if (request.prompt() != null && request.prompt().length() > MAX_PROMPT) {
      throw ApiException.invalid("prompt", "prompt is too long (at most 100000 characters)");
    }
    List<Map<String, Object>> filters = request.filters();
    for (int i = 0; filters != null && i < filters.size(); i++) {
      if (filters.get(i) == null) {
        throw ApiException.invalid(
            "filters[" + i + "]", "filters[" + i + "] must be a {field, operator, value} object");
      }
    }
    return new TriggerContext(filters, request.context(), request.prompt());
  }

  /** The given variables, e.g. {@code ofVariables(Map.of("payload", body))}. */
  public static TriggerContext ofVariables(Map<String, Object> variables) {
    return new TriggerContext(List.of(), variables, null);
  }

  public TriggerContext withPrompt(String next) {
    return new TriggerContext(filters, variables, next);
  }

  /** The stored and API form: {@code {filters?, context?}} (the prompt has its own column). */
  Map<String, Object> wire() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!filters.isEmpty()) {
      out.put("filters", filters);
    }
    if (!variables.isEmpty()) {
      out.put("context", variables);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static TriggerContext fromWire(Map<String, Object> wire, String prompt) {
    if (wire == null) {
      return new TriggerContext(List.of(), Map.of(), prompt);
    }
    return new TriggerContext(
        wire.get("filters") instanceof List<?> f ? (List<Map<String, Object>>) f : null,
        wire.get("context") instanceof Map<?, ?> c ? (Map<String, Object>) c : null,
        prompt);
  }

  // Map.copyOf refuses null values, which a person's context may hold.
  private static Map<String, Object> unmodifiableCopy(Map<String, Object> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
