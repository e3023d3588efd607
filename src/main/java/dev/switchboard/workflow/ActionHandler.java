package dev.switchboard.workflow;

import dev.switchboard.plan.ActionType;

/**
 * Performs one action type of the plan schema (send_email, create_task …). Modules that own the
 * data (the CRM) provide handlers as Spring beans; the interpreter looks them up by type.
 */
public interface ActionHandler {

  ActionType type();

  /**
   * Performs the action once (per contact when the run has found contacts). Throws {@link
   * ActionFailure} to fail the step with a message the user reads.
   */
  ActionResult execute(ActionCall call);
}
