package dev.switchboard.run;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened to a run, published after the change was committed; the live module fans
 * it out to the topics {@code workspace:{ws}:agent:{agentId}}, {@code execution:{id}}, {@code
 * workspace:{ws}} and {@code work-order:{id}}, and the ops module counts it.
 *
 * @param triggerType what started the run
 * @param createdAt when the run was triggered
 * @param startedAt when a worker last took it, or null while it has not started
 * @param event one of the SPEC's names, e.g. {@code execution:started}
 */
public record RunEvent(
    UUID workspaceId,
    UUID agentId,
    UUID executionId,
    UUID workOrderId,
    TriggerType triggerType,
    Instant createdAt,
    Instant startedAt,
    String event,
    Map<String, Object> data) {

  static RunEvent of(Execution e, String event, Map<String, Object> data) {
    return new RunEvent(
        e.workspaceId(),
        e.agentId(),
        e.id(),
        e.workOrderId(),
        e.triggerType(),
        e.createdAt(),
        e.startedAt(),
        event,
        data);
  }
}
