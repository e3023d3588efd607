package dev.switchboard.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as the API shows it. Owners and admins see it in full; members and viewers see the summary
 * (story 3.13): steps without their params and results, no trigger context, no error details.
 */
public final class ExecutionView {

  private ExecutionView() {}

  /** The list form (no steps). */
  public static Map<String, Object> summary(Execution e, boolean agentDeleted) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executionId", e.id());
    out.put("agentId", e.agentId());
    out.put("agentName", e.agentName());
    out.put("agentDeleted", agentDeleted);
    out.put("triggerType", e.triggerType().wireName());
    out.put("triggeredBy", e.triggeredBy());
    out.put("status", e.status().wireName());
    out.put("createdAt", e.createdAt());
    out.put("startedAt", e.startedAt());
    out.put("completedAt", e.finishedAt());
    out.put("duration", e.duration() == null ? null : e.duration().toMillis());
    out.put("resumeAt", e.resumeAt());
    out.put("processedCount", e.processedCount());
    out.put("summary", e.summary());
    out.put("error", error(e, false));
    out.put("progress", progress(e));
    out.put("attempt", e.attempt());
    out.put("canceledBy", e.canceledBy());
    out.put("workOrderId", e.workOrderId());
    out.put("runNumber", e.runNumber());
    out.put("retryOf", e.retryOf());
    out.put("reason", e.reason());
    return out;
  }

  /**
   * The detail form: with prompt, steps and the state changes; with {@code full}, also the trigger
   * context, each step's params and result, and the error's details.
   */
  public static Map<String, Object> detail(
      Execution e, boolean agentDeleted, List<Map<String, Object>> transitions, boolean full) {
    Map<String, Object> out = summary(e, agentDeleted);
    out.put("full", full);
    out.put("error", error(e, full));
    if (full) {
      out.put("triggerContext", e.triggerContext().wire());
    }
    out.put("prompt", e.prompt());
    out.put("steps", e.steps().stream().map(step -> step(step, full)).toList());
    out.put("logLines", e.logLines());
    out.put("transitions", transitions);
    return out;
  }

  private static final java.util.Set<String> FULL_ONLY =
      java.util.Set.of("params", "resolvedParams", "result");

  /** A step record with {@code warnings} always there and its error as {message, suggestion}. */
  private static Map<String, Object> step(Map<String, Object> stored, boolean full) {
    Map<String, Object> out = new LinkedHashMap<>();
    stored.forEach((k, v) -> {
      if (full || !FULL_ONLY.contains(k)) {
        out.put(k, v);
      }
    });
    out.putIfAbsent("warnings", List.of());
    if (stored.get("error") instanceof String message) {
      out.put("error", Map.of("message", message));
    }
    return out;
  }

  /**
   * The run's error, never with a missing message: {@code {message, step, suggestion}} (the failed
   * step's suggestion), plus {@code details} when there are any and the caller sees everything.
   */
  private static Map<String, Object> error(Execution e, boolean full) {
    Map<String, Object> stored = e.error();
    if (stored == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Object message = stored.get("message");
    out.put("message", message == null ? "Execution failed" : String.valueOf(message));
    if (stored.get("step") instanceof Number step) {
      out.put("step", step.intValue());
      suggestion(e.steps(), step.intValue()).ifPresent(s -> out.put("suggestion", s));
    }
    Object details = stored.get("details");
    if (full && details != null && !(details instanceof Map<?, ?> m && m.isEmpty())) {
      out.put("details", details);
    }
    return out;
  }

  private static java.util.Optional<Object> suggestion(List<Map<String, Object>> steps, int step) {
    if (step < 1 || step > steps.size()) {
      return java.util.Optional.empty();
    }
    return steps.get(step - 1).get("error") instanceof Map<?, ?> error
        ? java.util.Optional.ofNullable(error.get("suggestion"))
        : java.util.Optional.empty();
  }

  /** "Step 12 of 20 completed", from the steps recorded so far. */
  static String progress(Execution e) {
    List<Map<String, Object>> steps = e.steps();
    if (steps.isEmpty()) {
      return null;
    }
    long done = steps.stream().filter(s -> "completed".equals(s.get("status"))).count();
    return "Step " + done + " of " + steps.size() + " completed";
  }
}
