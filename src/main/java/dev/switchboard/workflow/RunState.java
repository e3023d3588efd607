package dev.switchboard.workflow;

import dev.switchboard.plan.Plan;
import dev.switchboard.plan.Step;
import dev.switchboard.run.Checkpoint;
import dev.switchboard.run.Execution;
import dev.switchboard.run.TriggerContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow run's working state: the cursor, memory, the contacts found, search results, summary
 * counters and a record per top-level step. It round-trips through {@link Checkpoint#state()}.
 */
final class RunState {

  /** The trigger variables that name what the run acts on before it searches. */
  private static final List<String> SUBJECTS = List.of("contact", "deal", "company");

  private int cursor;
  private final Map<String, Object> memory;
  private List<Map<String, Object>> items;
  private Map<String, Object> search;
  private final Map<String, Integer> counters;
  private final List<Map<String, Object>> steps;
  private final Map<String, Object> base;

  private RunState(
      int cursor,
      Map<String, Object> memory,
      List<Map<String, Object>> items,
      Map<String, Object> search,
      Map<String, Integer> counters,
      List<Map<String, Object>> steps,
      Map<String, Object> base) {
    this.cursor = cursor;
    this.memory = memory;
    this.items = items;
    this.search = search;
    this.counters = counters;
    this.steps = steps;
    this.base = base;
  }

  @SuppressWarnings("unchecked")
  static RunState from(Execution execution, Plan plan) {
    Checkpoint cp = execution.checkpoint();
    Map<String, Object> s = cp.state();
    List<Map<String, Object>> steps = new ArrayList<>();
    if (cp.steps().size() == plan.size()) {
      cp.steps().forEach(step -> steps.add(new LinkedHashMap<>(step)));
    } else {
      for (int i = 0; i < plan.size(); i++) {
        steps.add(record(i, plan.steps().get(i)));
      }
    }
    Map<String, Integer> counters = new LinkedHashMap<>();
    if (s.get("counters") instanceof Map<?, ?> saved) {
      saved.forEach((k, v) -> counters.put(String.valueOf(k), ((Number) v).intValue()));
    }
    TriggerContext context = execution.triggerContext();
    Map<String, Object> base = new LinkedHashMap<>(context.variables());
    if (!context.filters().isEmpty()) {
      base.put("trigger", Map.of("filters", context.filters()));
    }
    return new RunState(
        cp.cursor(),
        s.get("memory") instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>(),
        s.get("items") instanceof List<?> l ? (List<Map<String, Object>>) l : null,
        s.get("search") instanceof Map<?, ?> r ? (Map<String, Object>) r : null,
        counters,
        steps,
        base);
  }

  private static Map<String, Object> record(int index, Step step) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("index", index + 1);
    r.put("action", StepRunner.actionName(step));
    r.put("params", step instanceof Step.Action a ? StepResult.cutBody(a.params()) : Map.of());
    r.put("status", "pending");
    r.put("warnings", new ArrayList<String>());
    return r;
  }

  int cursor() {
    return cursor;
  }

  /** Variables for one item (contact) or for the run as a whole. */
  Map<String, Object> bindings(Map<String, Object> item) {
    Map<String, Object> b = new LinkedHashMap<>(base);
    b.put("memory", memory);
    if (search != null) {
      b.put("search", search);
    }
    b.putAll(item);
    return b;
  }

  /**
   * The contacts later steps apply to. Before any search, the one item is what the run was started
   * with (an event's contact, deal and company), so {@code add_tag} and the like act on it.
   */
  List<Map<String, Object>> targets() {
    if (items != null) {
      return items;
    }
    Map<String, Object> subject = new LinkedHashMap<>();
    for (String entity : SUBJECTS) {
      if (base.get(entity) instanceof Map<?, ?> given) {
        subject.put(entity, given);
      }
    }
    return List.of(subject);
  }

  boolean searched() {
    return items != null;
  }

  void found(List<Map<String, Object>> found) {
    items = found;
  }

  void searchResults(Map<String, Object> results) {
    search = results;
  }

  void remember(String key, Object value) {
    memory.put(key, value);
  }

  void count(Map<String, Integer> more) {
    more.forEach((k, v) -> counters.merge(k, v, Integer::sum));
  }

  Map<String, Integer> counters() {
    return counters;
  }

  int processedCount() {
    if (items != null) {
      return items.size();
    }
    return base.containsKey("contact") ? 1 : 0;
  }

  void start(int index, Instant at) {
    steps.get(index).put("status", "running");
    steps.get(index).put("startedAt", at.toString());
  }

  /** A warning of the step (at most 50 kept; the log has them all). */
  @SuppressWarnings("unchecked")
  void warning(int index, String line) {
    List<Object> warnings =
        (List<Object>) steps.get(index).computeIfAbsent("warnings", k -> new ArrayList<>());
    if (warnings.size() < StepResult.LIMIT && !warnings.contains(line)) {
      warnings.add(line);
    }
  }

  void complete(
      int index, Map<String, Object> output, List<Map<String, Object>> resolvedParams, Instant at) {
    Map<String, Object> step = steps.get(index);
    step.put("status", "completed");
    step.put("completedAt", at.toString());
    step.put("resolvedParams", resolvedParams);
    step.put("result", output);
    cursor = index + 1;
  }

  void fail(int index, String message, List<Map<String, Object>> resolvedParams, Instant at) {
    Map<String, Object> step = steps.get(index);
    step.put("status", "failed");
    step.put("completedAt", at.toString());
    step.put("resolvedParams", resolvedParams);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("suggestion", Suggestions.forFailure(message));
    step.put("error", error);
    for (int i = index + 1; i < steps.size(); i++) {
      steps.get(i).put("status", "not_executed");
    }
  }

  Checkpoint checkpoint() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("memory", memory);
    if (items != null) {
      s.put("items", items);
    }
    if (search != null) {
      s.put("search", search);
    }
    s.put("counters", counters);
    return new Checkpoint(cursor, s, steps);
  }
}
