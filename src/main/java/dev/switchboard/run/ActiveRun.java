package dev.switchboard.run;

import dev.switchboard.agent.Agent;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run held by a worker on this node: the {@link RunContext} its runner sees. */
final class ActiveRun implements RunContext {

  private final Execution execution;
  private final Agent agent;
  private final Clock clock;
  private final LogWriter.RunLog log;
  private final RunWorkers workers;
  private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
  private volatile Checkpoint checkpoint;
  private volatile boolean canceled;

  ActiveRun(
      Execution execution, Agent agent, Clock clock, LogWriter.RunLog log, RunWorkers workers) {
    this.execution = execution;
    this.agent = agent;
    this.clock = clock;
    this.log = log;
    this.workers = workers;
    this.checkpoint = execution.checkpoint();
    this.canceled = execution.cancelRequested();
  }

  @Override
  public Execution execution() {
    return execution;
  }

  @Override
  public Agent agent() {
    return agent;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void log(String stream, String line) {
    log.buffer.append(stream, line);
  }

  @Override
  public void progress(int step, int total, String action, String status) {
    workers.progress(this, step, total, action, status);
  }

  @Override
  public void checkpoint(Checkpoint next) {
    this.checkpoint = next;
    workers.checkpoint(this);
  }

  @Override
  public void record(Checkpoint next) {
    this.checkpoint = next;
  }

  @Override
  public boolean cancelRequested() {
    return canceled;
  }

  @Override
  public void onCancel(Runnable action) {
    cancelActions.add(action);
    if (canceled) {
      action.run();
    }
  }

  /** Asks the runner to stop; runs its cancel actions once. */
  void cancel() {
    if (canceled && cancelActions.isEmpty()) {
      return;
    }
    canceled = true;
    for (Runnable action : cancelActions) {
      if (cancelActions.remove(action)) {
        action.run();
      }
    }
  }

  Checkpoint currentCheckpoint() {
    return checkpoint;
  }

  LogWriter.RunLog runLog() {
    return log;
  }
}
