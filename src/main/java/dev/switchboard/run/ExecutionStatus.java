package dev.switchboard.run;

import java.util.Locale;
import java.util.Optional;

/** Where a run is; {@link Transitions} decides which moves between them are allowed. */
public enum ExecutionStatus {
  /** Admitted and waiting for a worker (the seeds' "pending"). */
  QUEUED,
  /** A worker holds its lease and is executing it. */
  RUNNING,
  /** Paused durably (a wait step or a handoff) until {@code resumeAt}; holds no worker. */
  WAITING,
  /** Finished with every step done. */
  COMPLETED,
  /** Stopped at a failed step; earlier steps stay completed. */
  FAILED,
  /** Stopped by a person. */
  CANCELED,
  /** Never ran, e.g. "Skipped: Agent paused" at schedule time. */
  SKIPPED;

  /** No move leads out of a terminal status. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELED || this == SKIPPED;
  }

  /** Active runs block a manual trigger of the same agent; a waiting run does not. */
  public boolean isActive() {
    return this == QUEUED || this == RUNNING;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ExecutionStatus> fromWireName(String name) {
    for (ExecutionStatus status : values()) {
      if (status.wireName().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
