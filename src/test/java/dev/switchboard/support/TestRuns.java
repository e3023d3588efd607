package dev.switchboard.support;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentKind;
import dev.switchboard.agent.AgentStatus;
import dev.switchboard.agent.Restrictions;
import dev.switchboard.plan.Plan;
import dev.switchboard.run.Checkpoint;
import dev.switchboard.run.Execution;
import dev.switchboard.run.ExecutionStatus;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test values of runs and agents for runner tests that need no database. */
public final class TestRuns {

  private TestRuns() {}

  public static Execution aRun(TriggerContext triggerContext, int attempt, Checkpoint checkpoint) {
    return new Execution(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        "Agent",
        TriggerType.MANUAL,
        "owner@test.local",
        triggerContext,
        ExecutionStatus.RUNNING,
        Instant.now(),
        Instant.now(),
        null,
        null,
        attempt,
        false,
        null,
        checkpoint,
        null,
        0,
        null,
        0,
        null,
        null,
        null,
        null);
  }

  public static Agent aWorkflowAgent(Plan plan) {
    return new Agent(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "Agent",
        null,
        AgentKind.WORKFLOW,
        AgentStatus.LIVE,
        null,
        plan,
        1,
        null,
        null,
        null,
        false,
        Restrictions.DEFAULT,
        UUID.randomUUID(),
        Instant.now(),
        Instant.now());
  }

  public static Agent aCommandAgent(
      List<String> command, String workingDirectory, Integer timeout) {
    return new Agent(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "Agent",
        "the goal",
        AgentKind.COMMAND,
        AgentStatus.LIVE,
        null,
        null,
        0,
        command,
        workingDirectory,
        timeout,
        false,
        Restrictions.DEFAULT,
        UUID.randomUUID(),
        Instant.now(),
        Instant.now());
  }

  /** A scheduled run stored as it would be, in {@code status}, created at {@code createdAt}. */
  public static Execution aScheduledRun(
      UUID workspace,
      UUID agent,
      Instant createdAt,
      ExecutionStatus status,
      String reason,
      Instant finishedAt) {
    return new Execution(
        UUID.randomUUID(),
        workspace,
        agent,
        "Agent",
        TriggerType.SCHEDULED,
        "schedule",
        TriggerContext.EMPTY,
        status,
        createdAt,
        null,
        finishedAt,
        null,
        0,
        false,
        null,
        Checkpoint.START,
        null,
        0,
        null,
        0,
        null,
        null,
        null,
        reason);
  }
}
