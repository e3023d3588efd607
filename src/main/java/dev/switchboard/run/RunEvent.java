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
 * @param createdAt when the run was triggered; null on a repeated update of a run already announced
 *     (a queued run whose position or reason changed)
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

  /** A later update of a run already announced: a queued run's new position or reason. */
  static RunEvent update(
      UUID workspaceId,
      UUID agentId,
      UUID executionId,
      UUID workOrderId,
      String event,
      Map<String, Object> data) {
    return new RunEvent(
        workspaceId, agentId, executionId, workOrderId, null, null, null, event, data);
  }

  /**
   * Follows runs: hears each of this node's run events, on the thread that publishes it, once the
   * change it reports is committed. Every bean that implements it is told, in their order; one that
   * throws stops the publishing (as a Spring listener did).
   */
  public interface Listener {

    void on(RunEvent event);
  }

  /** Whether this repeats news of a run already announced rather than reporting a change. */
  public boolean isUpdate() {
    return createdAt == null;
  }

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
