package dev.switchboard.run;

import java.util.UUID;

/**
 * Whether anyone could hear an update of a run (a queued run's new position): the live module
 * answers from the subscriptions it holds, so the engine need not publish updates nobody receives.
 */
public interface RunAudience {

  /**
   * False only when no session on this node follows any of the run's topics and no other node may
   * be listening; true when in doubt.
   *
   * @param workOrderId the run's work order, or null
   */
  boolean mayHear(UUID workspaceId, UUID agentId, UUID executionId, UUID workOrderId);

  /**
   * False only when no session on this node follows any topic or chat and no other node may be
   * listening: then no run's update can be heard and the engine need not even work them out.
   */
  default boolean mayHearAny() {
    return true;
  }
}
