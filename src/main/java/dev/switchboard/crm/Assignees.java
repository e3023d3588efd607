package dev.switchboard.crm;

import dev.switchboard.agent.Agents;
import dev.switchboard.workspace.Member;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who gets a task an agent makes: the named member (email, name, {@code @user.name} or id), else
 * the agent's creator while still a member, else the workspace's first owner.
 */
@Component
public class Assignees {

  private final Tasks tasks;
  private final Agents agents;
  private final WorkspaceAccess access;

  Assignees(Tasks tasks, Agents agents, WorkspaceAccess access) {
    this.tasks = tasks;
    this.agents = agents;
    this.access = access;
  }

  public Optional<Member> named(UUID ws, String who) {
    return tasks.member(ws, who);
  }

  public Optional<Member> byDefault(UUID ws, UUID agentId) {
    Optional<UUID> creator = agents.find(ws, agentId).map(a -> a.createdBy());
    if (creator.isPresent()) {
      Optional<Member> m =
          access.members(ws).stream().filter(x -> x.userId().equals(creator.get())).findFirst();
      if (m.isPresent()) {
        return m;
      }
    }
    return access.owners(ws).stream().findFirst();
  }
}
