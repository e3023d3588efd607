package dev.switchboard.process;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentKind;
import dev.switchboard.agent.AgentStatus;
import dev.switchboard.agent.Restrictions;
import dev.switchboard.run.Checkpoint;
import dev.switchboard.run.Execution;
import dev.switchboard.run.ExecutionStatus;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerType;
import dev.switchboard.support.RecordingRunContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data: a run of a command agent, {@code aRunOf("printf", "%s\n", "{{prompt}}")}. */
final class CommandRuns {

  private final List<String> command;
  private String prompt = "Fix the login bug";
  private String goal = "Keep the build green";
  private String workingDirectory;
  private Integer timeoutSeconds;
  private int attempt = 1;

  private CommandRuns(List<String> command) {
    this.command = command;
  }

  static CommandRuns aRunOf(String... command) {
    return new CommandRuns(List.of(command));
  }

  CommandRuns withPrompt(String prompt) {
    this.prompt = prompt;
    return this;
  }

  CommandRuns withGoal(String goal) {
    this.goal = goal;
    return this;
  }

  CommandRuns inDirectory(String workingDirectory) {
    this.workingDirectory = workingDirectory;
    return this;
  }

  CommandRuns withTimeoutSeconds(int timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    return this;
  }

  CommandRuns attempt(int attempt) {
    this.attempt = attempt;
    return this;
  }

  RecordingRunContext context() {
    UUID workspaceId = UUID.randomUUID();
    Instant now = Instant.now();
    Agent agent =
        new Agent(
            UUID.randomUUID(),
            workspaceId,
            "Coder",
            goal,
            AgentKind.COMMAND,
            AgentStatus.LIVE,
            null,
            null,
            0,
            command,
            workingDirectory,
            timeoutSeconds,
            false,
            Restrictions.DEFAULT,
            UUID.randomUUID(),
            now,
            now);
    Execution execution =
        new Execution(
            UUID.randomUUID(),
            workspaceId,
            agent.id(),
            agent.name(),
            TriggerType.MANUAL,
            "tester",
            TriggerContext.EMPTY.withPrompt(prompt),
            ExecutionStatus.RUNNING,
            now,
            now,
            null,
            null,
            attempt,
            false,
            null,
            Checkpoint.START,
            Map.of(),
            0,
            null,
            0,
            null,
            null,
            null,
            null);
    return new RecordingRunContext(execution, agent);
  }
}
