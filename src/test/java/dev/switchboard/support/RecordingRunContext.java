package dev.switchboard.support;

import dev.switchboard.agent.Agent;
import dev.switchboard.run.Checkpoint;
import dev.switchboard.run.Execution;
import dev.switchboard.run.RunContext;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunContext} for runner tests: records log lines, progress and checkpoints. */
public final class RecordingRunContext implements RunContext {

  public record Line(String stream, String text) {}

  private final Execution execution;
  private final Agent agent;
  private final Clock clock;
  public final List<Line> lines = new CopyOnWriteArrayList<>();
  public final List<String> progress = new CopyOnWriteArrayList<>();
  public final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
  private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
  private volatile Checkpoint latest;
  private volatile boolean canceled;

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
  }

  /** What a person pressing Stop does. */
  public void cancel() {
    canceled = true;
    cancelActions.forEach(Runnable::run);
  }

  public Checkpoint latest() {
    return latest;
  }

  public List<String> texts() {
    return lines.stream().map(Line::text).toList();
  }
}
