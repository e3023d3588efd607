package dev.switchboard.run;

import dev.switchboard.agent.Agent;
import java.time.Clock;

/** What the engine gives a {@link Runner} for one run. */
public interface RunContext {

  Execution execution();

  Agent agent();

  Clock clock();

  /** Appends a log line ({@code stream}: stdout, stderr or system); stored in full, in order. */
  void log(String stream, String line);

  /** Emits {@code execution:progress} ("Step 12 of 20 completed"). */
  void progress(int step, int total, String action, String status);

  /** Persists how far the run got, so a crash resumes after it. */
  void checkpoint(Checkpoint checkpoint);

  /** Remembers the latest checkpoint without writing it now; it is stored with the outcome. */
  void record(Checkpoint checkpoint);

  boolean cancelRequested();

  /** Called (once, from another thread) when a person stops the run. */
  void onCancel(Runnable action);
}
