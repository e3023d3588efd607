package dev.switchboard.run;

import dev.switchboard.agent.AgentKind;

/** Executes runs of one kind of agent; the engine picks the runner by the agent's kind. */
public interface Runner {

  AgentKind kind();

  /**
   * Runs (or resumes, from {@code context.execution().checkpoint()}) one run. Runs on a worker
   * thread; must return promptly once {@link RunContext#cancelRequested()} turns true.
   */
  Outcome run(RunContext context);
}
