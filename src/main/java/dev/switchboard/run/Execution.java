package dev.switchboard.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of one agent, as stored in the executions table (which is also the queue). {@code reason}
 * says why a skipped run did not run.
 */
public record Execution(
    UUID id,
    UUID workspaceId,
    UUID agentId,
    String agentName,
    TriggerType triggerType,
    String triggeredBy,
    TriggerContext triggerContext,
    ExecutionStatus status,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant resumeAt,
    int attempt,
    boolean cancelRequested,
    String canceledBy,
    Checkpoint checkpoint,
    Map<String, Object> summary,
    int processedCount,
    Map<String, Object> error,
    long logLines,
    UUID workOrderId,
    Integer runNumber,
    UUID retryOf,
    String reason) {

  /** The prompt a command agent's run is given (the request's, else the agent's goal). */
  public String prompt() {
    return triggerContext.prompt();
  }

  /** Time from start to finish, or null while it has not both. */
  public Duration duration() {
    return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
  }

  /**
   * This run as the claim leaves it: running, started now unless it started before, one attempt
   * more.
   */
  Execution claimed(Instant now) {
    return new Execution(
        id,
        workspaceId,
        agentId,
        agentName,
        triggerType,
        triggeredBy,
        triggerContext,
        ExecutionStatus.RUNNING,
        createdAt,
        startedAt == null ? now : startedAt,
        finishedAt,
        resumeAt,
        attempt + 1,
        cancelRequested,
        canceledBy,
        checkpoint,
        summary,
        processedCount,
        error,
        logLines,
        workOrderId,
        runNumber,
        retryOf,
        reason);
  }

  /** The steps recorded so far. */
  public List<Map<String, Object>> steps() {
    return checkpoint.steps();
  }
}
