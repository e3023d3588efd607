package dev.switchboard.workflow;

import java.util.Map;
import java.util.UUID;

/**
 * One call of an action: its parameters with every variable resolved, the bindings of the contact
 * it applies to ({@code contact}, {@code company}, {@code deal} …, empty when none) and all
 * variables of the run.
 *
 * @param step the 1-based top-level step, used with the execution and contact for idempotency
 */
public record ActionCall(
    UUID workspaceId,
    UUID agentId,
    String agentName,
    UUID executionId,
    int step,
    Map<String, Object> params,
    Map<String, Object> item,
    Map<String, Object> variables,
    StepLog log) {

  /** Where handlers report what they did and what they skipped. */
  public interface StepLog {
    void info(String line);

    void warn(String line);
  }
}
