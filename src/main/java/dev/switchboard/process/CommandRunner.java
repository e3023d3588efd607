package dev.switchboard.process;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentKind;
import dev.switchboard.agent.CommandRules;
import dev.switchboard.agent.WorkspaceJobs;
import dev.switchboard.run.Execution;
import dev.switchboard.run.Outcome;
import dev.switchboard.run.RunContext;
import dev.switchboard.run.Runner;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Runs a command agent: starts its argv (never through a shell) with the run's prompt as one
 * argument, logs stdout and stderr line by line, and ends with the exit code. Stopping the run or
 * running past the agent's timeout stops the whole process tree: SIGTERM, then SIGKILL after {@link
 * #STOP_GRACE}.
 *
 * <p>The command works in its workspace's directory under {@code SWITCHBOARD_JOBS_DIR}, or in the
 * agent's {@code workingDirectory} inside it (both created on demand), never in the data directory.
 * It is started by the {@link Launcher} (own process group, sandbox wrapper, scrubbed environment)
 * and its process group is recorded while it runs, so that a node starting after a crash can kill
 * it ({@link OrphanReaper}). The instance's {@link CommandRules} are checked again before each run.
 *
 * <p>A run taken over after a crash starts the command again from the beginning: a command has no
 * checkpoint, so it runs at least once.
 */
@Component
class CommandRunner implements Runner {

  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /** How long output may still arrive once the command has exited. */
  static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

  private final WorkspaceJobs jobs;
  private final CommandRules rules;
  private final Launcher launcher;
  private final ProcessGroups groups;

  CommandRunner(WorkspaceJobs jobs, CommandRules rules, Launcher launcher, ProcessGroups groups) {
    this.jobs = jobs;
    this.rules = rules;
    this.launcher = launcher;
    this.groups = groups;
  }

  @Override
  public AgentKind kind() {
    return AgentKind.COMMAND;
  }

  @Override
  public Outcome run(RunContext context) {
    Agent agent = context.agent();
    Execution execution = context.execution();
    if (agent.command() == null || agent.command().isEmpty()) {
      return fail(context, "Agent has no command. Set the agent's command.");
    }
    Optional<String> refused = rules.runRefusal(agent.command());
    if (refused.isPresent()) {
      return fail(context, refused.get());
    }
    CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    context.onCancel(() -> stopRequested.complete(null));
    if (context.cancelRequested()) {
      return new Outcome.Canceled();
    }
    if (execution.attempt() > 1) {
      context.log(
          "system",
          "Attempt "
              + execution.attempt()
              + ": the previous attempt was interrupted, so the command runs again from the start");
    }
    CommandLine line = CommandLine.of(agent.command(), prompt(execution, agent));
    Path directory;
    try {
      Optional<Path> prepared = jobs.prepare(agent.workspaceId(), agent.workingDirectory());
      if (prepared.isEmpty()) {
        return fail(
            context,
            "Working directory '"
                + agent.workingDirectory()
                + "' is outside this workspace's jobs directory. Change the agent's working"
                + " directory.");
      }
      directory = prepared.get();
    } catch (IOException | InvalidPathException e) {
      return fail(
          context,
          "Could not create the working directory '"
              + agent.workingDirectory()
              + "': "
              + e.getMessage());
    }
    Optional<String> unstartable = StartFailure.before(line.program(), directory);
    if (unstartable.isPresent()) {
      return fail(context, unstartable.get());
    }
    int timeoutSeconds =
        agent.timeoutSeconds() == null ? Agent.DEFAULT_TIMEOUT_SECONDS : agent.timeoutSeconds();
    int iterations = Iterations.of(execution);
    Outcome outcome = null;
    for (int i = 1; i <= iterations; i++) {
      if (iterations > 1) {
        context.log("system", "Iteration " + i + " of " + iterations);
      }
      context.log("system", "$ " + line.display());
      Process process;
      try {
        process = launcher.start(line, directory);
      } catch (IOException e) {
        return fail(context, StartFailure.message(line.program(), directory, e));
      }
      try (ProcessGroups.Recorded recorded = groups.record(execution.id(), process.toHandle())) {
        outcome = supervise(context, process, stopRequested, timeoutSeconds);
      }
      if (!(outcome instanceof Outcome.Failed) || Thread.currentThread().isInterrupted()) {
        return outcome;
      }
    }
    return outcome;
  }

  private Outcome supervise(
      RunContext context,
      Process process,
      CompletableFuture<Void> stopRequested,
      int timeoutSeconds) {
    String threadName = "command-" + context.execution().id() + "-";
    OutputPump stdout =
        OutputPump.start(process.getInputStream(), "stdout", context, threadName + "stdout");
    OutputPump stderr =
        OutputPump.start(process.getErrorStream(), "stderr", context, threadName + "stderr");
    try {
      End end = awaitEnd(process, stopRequested, Duration.ofSeconds(timeoutSeconds));
      if (end != End.EXITED) {
        context.log(
            "system",
            end == End.TIMED_OUT
                ? "Timed out after " + timeoutSeconds + " seconds; stopping the command"
                : "Stop requested; stopping the command");
        stopTree(context, process);
      }
      int exitCode = process.waitFor();
      drain(context, stdout, stderr);
      context.log("system", "Process exited with code " + exitCode);
      return outcome(end, exitCode, stdout.lines() + stderr.lines(), timeoutSeconds);
    } catch (InterruptedException e) {
      return interrupted(context, process);
    }
  }

  /** Why the wait for the command ended. */
  private enum End {
    /** The command exited by itself. */
    EXITED,
    /** The run was stopped (a person, or the node handing it back). */
    STOP_REQUESTED,
    /** The agent's timeout passed first. */
    TIMED_OUT
  }

  private static End awaitEnd(
      Process process, CompletableFuture<Void> stopRequested, Duration timeout)
      throws InterruptedException {
    try {
      CompletableFuture.anyOf(process.onExit(), stopRequested)
          .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return process.isAlive() ? End.TIMED_OUT : End.EXITED;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Waiting for the command failed", e);
    }
    return process.isAlive() ? End.STOP_REQUESTED : End.EXITED;
  }

  private static void stopTree(RunContext context, Process process) throws InterruptedException {
    ProcessTree.Stop stop = new ProcessTree(process.toHandle()).stop(STOP_GRACE);
    if (stop == ProcessTree.Stop.KILLED) {
      context.log(
          "system",
          "Still running " + STOP_GRACE.toSeconds() + " seconds after SIGTERM; sent SIGKILL");
    }
  }

  /** Waits for the last lines; a background process left behind may hold the output open. */
  private static void drain(RunContext context, OutputPump stdout, OutputPump stderr)
      throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_GRACE.toNanos();
    boolean ended =
        stdout.awaitEnd(DRAIN_GRACE)
            & stderr.awaitEnd(Duration.ofNanos(deadline - System.nanoTime()));
    if (!ended) {
      stdout.detach();
      stderr.detach();
      context.log(
          "system",
          "Stopped reading output: a background process started by the command still holds it"
              + " open");
    }
  }

  private static Outcome outcome(End end, int exitCode, long lines, int timeoutSeconds) {
    return switch (end) {
      case STOP_REQUESTED -> new Outcome.Canceled();
      case TIMED_OUT ->
          Outcome.failed(
              "Agent command timed out after " + timeoutSeconds + " seconds",
              null,
              Map.of("timeoutSeconds", timeoutSeconds, "exitCode", exitCode));
      case EXITED ->
          exitCode == 0
              ? Outcome.completed(0, summary(exitCode, lines))
              : Outcome.failed(
                  "Agent command exited with code " + exitCode, null, Map.of("exitCode", exitCode));
    };
  }

  private static Map<String, Object> summary(int exitCode, long lines) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("exitCode", exitCode);
    summary.put("lines", lines);
    return summary;
  }

  /** The worker itself is being stopped: take the command down with it, without waiting long. */
  private static Outcome interrupted(RunContext context, Process process) {
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    Thread.currentThread().interrupt();
    context.log("system", "Interrupted; the command was killed");
    return Outcome.failed("Interrupted; the agent command was killed", null, null);
  }

  private static String prompt(Execution execution, Agent agent) {
    if (execution.prompt() != null) {
      return execution.prompt();
    }
    return agent.goal() == null ? "" : agent.goal();
  }

  private static Outcome fail(RunContext context, String message) {
    context.log("system", message);
    return Outcome.failed(message, null, null);
  }
}
