package dev.switchboard.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run as the API shows it. */
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
    out.put("error", e.error());
    out.put("progress", progress(e));
    out.put("attempt", e.attempt());
    out.put("canceledBy", e.canceledBy());
    out.put("workOrderId", e.workOrderId());
    out.put("runNumber", e.runNumber());
    out.put("retryOf", e.retryOf());
    out.put("reason", e.reason());
    return out;
  }

  /** The detail form: with trigger context, prompt, steps and the state changes. */
  public static Map<String, Object> detail(
      Execution e, boolean agentDeleted, List<Map<String, Object>> transitions) {
    Map<String, Object> out = summary(e, agentDeleted);
    out.put("triggerContext", e.triggerContext().wire());
    out.put("prompt", e.prompt());
    out.put("steps", e.steps());
    out.put("logLines", e.logLines());
    out.put("transitions", transitions);
    return out;
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
