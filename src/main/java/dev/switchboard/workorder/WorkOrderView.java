package dev.switchboard.workorder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A work order as the API shows it; the detail form adds its runs (newest first) and transitions.
 */
record WorkOrderView(
    UUID id,
    UUID workspaceId,
    String title,
    String prompt,
    UUID agentId,
    String profile,
    String status,
    Map<String, Object> metadata,
    int runCount,
    UUID activeRunId,
    boolean acceptsRuns,
    int nextRunNumber,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    List<Map<String, Object>> runs,
    List<WorkOrderTransition> transitions) {

  static WorkOrderView summary(WorkOrder w) {
    return of(w, null, null);
  }

  static WorkOrderView of(
      WorkOrder w, List<Map<String, Object>> runs, List<WorkOrderTransition> transitions) {
    return new WorkOrderView(
        w.id(),
        w.workspaceId(),
        w.title(),
        w.prompt(),
        w.agentId(),
        w.profile(),
        w.status().wireName(),
        w.metadata(),
        w.lastRunNumber(),
        w.activeRunId(),
        w.status().acceptsRuns(),
        w.lastRunNumber() + 1,
        w.createdBy(),
        w.createdAt(),
        w.updatedAt(),
        runs,
        transitions);
  }
}
