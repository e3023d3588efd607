package dev.switchboard.live;

import dev.switchboard.agent.Agents;
import dev.switchboard.run.Executions;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
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
  private final JdbcClient jdbc;

  TopicAccess(WorkspaceAccess workspaces, Agents agents, Executions executions, JdbcClient jdbc) {
    this.workspaces = workspaces;
    this.agents = agents;
    this.executions = executions;
    this.jdbc = jdbc;
  }

  /** The workspace the topic belongs to, if the caller is a member of it. */
  Optional<UUID> workspaceFor(Caller caller, Topic topic) {
    Optional<UUID> workspace =
        switch (topic) {
          case Topic.Agent a ->
              agents
                  .find(a.workspaceId(), a.agentId())
                  .map(dev.switchboard.agent.Agent::workspaceId);
          case Topic.Workspace w -> Optional.of(w.workspaceId());
          case Topic.Execution e ->
              executions.findAny(e.executionId()).map(dev.switchboard.run.Execution::workspaceId);
          case Topic.WorkOrder o -> workOrderWorkspace(o.workOrderId());
        };
    return workspace.filter(ws -> workspaces.find(caller.userId(), ws).isPresent());
  }

  /** Work orders may not be built yet: without their table no work order exists to watch. */
  private Optional<UUID> workOrderWorkspace(UUID id) {
    try {
      return jdbc.sql("select workspace_id from work_orders where id = ?")
          .param(id)
          .query(UUID.class)
          .optional();
    } catch (DataAccessException missingTable) {
      return Optional.empty();
    }
  }
}
