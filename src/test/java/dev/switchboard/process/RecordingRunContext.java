package dev.switchboard.process;

import dev.switchboard.agent.Agent;
import dev.switchboard.run.Checkpoint;
import dev.switchboard.run.Execution;
import dev.switchboard.run.RunContext;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link RunContext} that records what a runner does with it: log lines in order, progress,
 * checkpoints. {@link #cancel()} behaves like the engine's Stop: it runs the cancel actions once,
 * on the calling thread (not the runner's).
 */
final class RecordingRunContext implements RunContext {

  record Line(String stream, String text) {}

  private final Execution execution;
  private final Agent agent;
  private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
  private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
  private volatile boolean canceled;

  RecordingRunContext(Execution execution, Agent agent) {
    this.execution = execution;
    this.agent = agent;
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
    return Clock.systemUTC();
  }

  @Override
  public void log(String stream, String line) {
    lines.add(new Line(stream, line));
  }

  @Override
  public void progress(int step, int total, String action, String status) {
    progress.add(step + "/" + total + " " + action + " " + status);
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) {
    checkpoints.add(checkpoint);
  }

  @Override
  public void record(Checkpoint checkpoint) {
    checkpoints.add(checkpoint);
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

  /** A person pressed Stop. */
  void cancel() {
    canceled = true;
    for (Runnable action : cancelActions) {
      cancelActions.remove(action);
      action.run();
    }
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The text of every line logged to {@code stream}, in order. */
  List<String> lines(String stream) {
    return lines.stream().filter(l -> l.stream().equals(stream)).map(Line::text).toList();
  }

  List<String> progress() {
    return List.copyOf(progress);
  }

  List<Checkpoint> checkpoints() {
    return List.copyOf(checkpoints);
  }
}
