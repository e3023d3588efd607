package dev.switchboard.support;

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
 * A {@link RunContext} for runner tests: records log lines in order, progress and checkpoints.
 * {@link #cancel()} behaves like the engine's Stop: it runs the cancel actions once, on the calling
 * thread (not the runner's).
 */
public final class RecordingRunContext implements RunContext {

  public record Line(String stream, String text) {}

  private final Execution execution;
  private final Agent agent;
  private final Clock clock;
  private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
  private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
  private volatile Checkpoint latest;
  private volatile boolean canceled;

  public RecordingRunContext(Execution execution, Agent agent) {
    this(execution, agent, Clock.systemUTC());
  }

  public RecordingRunContext(Execution execution, Agent agent, Clock clock) {
    this.execution = execution;
    this.agent = agent;
    this.clock = clock;
    this.latest = execution.checkpoint();
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
    lines.add(new Line(stream, line));
  }

  @Override
  public void progress(int step, int total, String action, String status) {
    progress.add(step + "/" + total + " " + action + " " + status);
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) {
    latest = checkpoint;
    checkpoints.add(checkpoint);
  }

  @Override
  public void record(Checkpoint checkpoint) {
    latest = checkpoint;
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
  public void cancel() {
    canceled = true;
    for (Runnable action : cancelActions) {
      if (cancelActions.remove(action)) {
        action.run();
      }
    }
  }

  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The text of every line logged to {@code stream}, in order. */
  public List<String> lines(String stream) {
    return lines.stream().filter(l -> l.stream().equals(stream)).map(Line::text).toList();
  }

  /** The text of every line, whatever its stream. */
  public List<String> texts() {
    return lines.stream().map(Line::text).toList();
  }

  public List<String> progress() {
    return List.copyOf(progress);
  }

  public List<Checkpoint> checkpoints() {
    return List.copyOf(checkpoints);
  }

  /** The last checkpoint stored or recorded. */
  public Checkpoint latest() {
    return latest;
  }
}
