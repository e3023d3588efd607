package dev.switchboard.workorder;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A goal given to an agent that may take several runs, numbered from 1.
 *
 * @param lastRunNumber the number of its latest run, 0 before the first
 * @param activeRunId its queued or running run, if any
 */
public record WorkOrder(
    UUID id,
    UUID workspaceId,
    String title,
    String prompt,
    UUID agentId,
    String profile,
    WorkOrderStatus status,
    Map<String, Object> metadata,
    int lastRunNumber,
    UUID activeRunId,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  /** What its runs are asked to do: the prompt, else the title. */
  public String runPrompt() {
    return prompt == null || prompt.isBlank() ? title : prompt;
  }
}
