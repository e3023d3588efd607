package dev.switchboard.workflow;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.instruction.InstructionParser;
import dev.switchboard.instruction.ParseDetail;
import dev.switchboard.instruction.ParseResult;
import dev.switchboard.notification.Notifier;
import dev.switchboard.plan.Plan;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The plan a run executes: the one stored with the agent, or, for instructions that were never
 * compiled, the parser's plan (then stored for the next runs). Instructions that cannot be read
 * fail the run with the parser's details and the owners are asked to revise them.
 */
@Component
class PlanSource {

  sealed interface Compiled {}

  record Ready(Plan plan) implements Compiled {}

  record Unreadable(String message, List<String> details) implements Compiled {}

  private final InstructionParser parser;
  private final Agents agents;
  private final Notifier notifier;

  PlanSource(InstructionParser parser, Agents agents, Notifier notifier) {
    this.parser = parser;
    this.agents = agents;
    this.notifier = notifier;
  }

  Compiled planFor(Agent agent) {
    if (agent.plan() != null) {
      return new Ready(agent.plan());
    }
    if (agent.instructions() == null || agent.instructions().isBlank()) {
      return new Unreadable(
          ParseResult.ERROR_MESSAGE, List.of("The agent has no instructions and no plan."));
    }
    return switch (parser.parse(agent.instructions())) {
      case ParseResult.Parsed parsed -> {
        agents.storeCompiledPlan(agent.workspaceId(), agent.id(), parsed.plan());
        yield new Ready(parsed.plan());
      }
      case ParseResult.Unparseable unparseable -> {
        notifier.notifyOwners(
            agent.workspaceId(),
            "agent.instructions",
            "Agent '"
                + agent.name()
                + "' could not run: "
                + ParseResult.ERROR_MESSAGE
                + " Please revise its instructions.",
            "/w/" + agent.workspaceId() + "/agents/" + agent.id() + "/edit");
        yield new Unreadable(
            ParseResult.ERROR_MESSAGE,
            unparseable.details().stream().map(ParseDetail::message).toList());
      }
    };
  }
}
