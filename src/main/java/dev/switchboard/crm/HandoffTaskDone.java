package dev.switchboard.crm;

import dev.switchboard.workspace.Membership;
import java.util.UUID;

/**
 * A person completed (took over) a handoff task: the run waiting for it may go on. The CRM does not
 * know the engine; whoever runs the handoff's run listens for this.
 *
 * @param by who completed the task, as whom the run resumes
 * @param executionId the run the handoff holds
 */
public record HandoffTaskDone(Membership by, UUID taskId, UUID executionId) {}
