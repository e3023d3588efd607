package dev.switchboard.agent;

import dev.switchboard.plan.Plan;
import dev.switchboard.workspace.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent as stored: a workflow agent carries {@code instructions} and their compiled {@code
 * plan}; a command agent carries an argv template in which {@code {{prompt}}} stands for the run's
 * prompt.
 */
public record Agent(
    UUID id,
    UUID workspaceId,
    String name,
    String goal,
    AgentKind kind,
    AgentStatus status,
    String instructions,
    Plan plan,
    int planVersion,
    List<String> command,
    String workingDirectory,
    Integer timeoutSeconds,
    boolean adminsOnly,
    Restrictions restrictions,
    UUID createdBy,
    Instant createdAt,
    Instant updatedAt) {

  /** The placeholder replaced by the run's prompt, as one argument. */
  public static final String PROMPT = "{{prompt}}";

  /** Default time a command agent may run. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 3600;

  /**
   * Whether a member of this role may run the agent, and so also stop or cancel its runs: never a
   * viewer, and only owners and admins when the agent is open to admins only.
   */
  public boolean runnableBy(Role role) {
    return role.canWrite() && (!adminsOnly || role.canManage());
  }

  public Agent withStatus(AgentStatus next) {
    return new Agent(
        id,
        workspaceId,
        name,
        goal,
        kind,
        next,
        instructions,
        plan,
        planVersion,
        command,
        workingDirectory,
        timeoutSeconds,
        adminsOnly,
        restrictions,
        createdBy,
        createdAt,
        updatedAt);
  }
}
