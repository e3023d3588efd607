package dev.switchboard.workflow;

import dev.switchboard.agent.Agent;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The plan a run executes: the one stored with the agent. An agent whose instructions were never
 * compiled cannot run; the run fails with the parser's message.
 */
@Component
class PlanSource {

  static final String UNPARSEABLE = "Unable to parse instructions. Please clarify.";

  sealed interface Compiled {}

  record Ready(Plan plan) implements Compiled {}

  record Unreadable(String message, List<String> details) implements Compiled {}

  Compiled planFor(Agent agent) {
    if (agent.plan() != null) {
      return new Ready(agent.plan());
    }
    return new Unreadable(
        UNPARSEABLE, List.of("The agent has no plan and no instructions to compile."));
  }
}
