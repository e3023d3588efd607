package dev.switchboard.live;

import dev.switchboard.agent.Agents;
import dev.switchboard.run.Executions;
import dev.switchboard.workorder.WorkOrders;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Decides whether a caller may watch a topic: only membership of the topic's workspace matters, so
 * viewers may watch too; an agent topic names its workspace, and the agent must be one of it. An
 * unknown id and a foreign one look the same (empty), so a refusal never reveals that something
 * exists.
 */
@Component
class TopicAccess {

  private final WorkspaceAccess workspaces;
  private final Agents agents;
  private final Executions executions;
  private final WorkOrders workOrders;

  TopicAccess(
      WorkspaceAccess workspaces, Agents agents, Executions executions, WorkOrders workOrders) {
    this.workspaces = workspaces;
    this.agents = agents;
    this.executions = executions;
    this.workOrders = workOrders;
  }

  /** The workspace the topic belongs to, if the caller is a member of it. */
  Optional<UUID> workspaceFor(Caller caller, Topic topic) {
    return memberFor(caller, topic).map(Membership::workspaceId);
  }

  /** The caller's membership of the topic's workspace (it decides how much of a log they see). */
  Optional<Membership> memberFor(Caller caller, Topic topic) {
    Optional<UUID> workspace =
        switch (topic) {
          case Topic.Agent a ->
              agents
                  .find(a.workspaceId(), a.agentId())
                  .map(dev.switchboard.agent.Agent::workspaceId);
          case Topic.Workspace w -> Optional.of(w.workspaceId());
          case Topic.Execution e ->
              executions.findAny(e.executionId()).map(dev.switchboard.run.Execution::workspaceId);
          case Topic.WorkOrder o -> workOrders.workspaceOf(o.workOrderId());
        };
    return workspace.flatMap(ws -> workspaces.find(caller.userId(), ws));
  }
}
