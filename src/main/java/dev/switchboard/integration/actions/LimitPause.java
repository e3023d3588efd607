package dev.switchboard.integration.actions;

import dev.switchboard.agent.Agents;
import dev.switchboard.notification.Notifier;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import org.springframework.stereotype.Component;

/**
 * What happens when an outside limit is hit: the agent pauses, the owners hear why, and the step
 * fails with the limit's message.
 */
@Component
class LimitPause {

  private final Agents agents;
  private final Notifier notifier;

  LimitPause(Agents agents, Notifier notifier) {
    this.agents = agents;
    this.notifier = notifier;
  }

  ActionFailure pause(ActionCall call, String message) {
    agents.pauseForLimit(call.workspaceId(), call.agentId(), message);
    notifier.notifyOwners(
        call.workspaceId(),
        "agent.paused",
        "Agent '" + call.agentName() + "' paused: " + message,
        "/w/" + call.workspaceId() + "/agents/" + call.agentId());
    return new ActionFailure(message);
  }

  /** Tells the owners an integration needs them (expired token …) without pausing. */
  void tellOwners(ActionCall call, String message) {
    notifier.notifyOwners(
        call.workspaceId(), "integration", message, "/w/" + call.workspaceId() + "/integrations");
  }
}
