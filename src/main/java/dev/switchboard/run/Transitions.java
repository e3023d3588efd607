package dev.switchboard.run;

import static dev.switchboard.run.ExecutionStatus.CANCELED;
import static dev.switchboard.run.ExecutionStatus.COMPLETED;
import static dev.switchboard.run.ExecutionStatus.FAILED;
import static dev.switchboard.run.ExecutionStatus.QUEUED;
import static dev.switchboard.run.ExecutionStatus.RUNNING;
import static dev.switchboard.run.ExecutionStatus.SKIPPED;
import static dev.switchboard.run.ExecutionStatus.WAITING;

import java.util.EnumSet;
import java.util.Set;

/** The one pure function that decides which status changes a run may make. */
public final class Transitions {

  private Transitions() {}

  /** The statuses a run in {@code from} may move to; empty for terminal ones. */
  public static Set<ExecutionStatus> allowedFrom(ExecutionStatus from) {
    return switch (from) {
      case QUEUED -> EnumSet.of(RUNNING, CANCELED, SKIPPED);
      // RUNNING -> QUEUED: its lease ran out (node died) or its node shut down gracefully.
      case RUNNING -> EnumSet.of(COMPLETED, FAILED, CANCELED, WAITING, QUEUED);
      case WAITING -> EnumSet.of(QUEUED, CANCELED);
      case COMPLETED, FAILED, CANCELED, SKIPPED -> EnumSet.noneOf(ExecutionStatus.class);
    };
  }

  public static boolean allowed(ExecutionStatus from, ExecutionStatus to) {
    return allowedFrom(from).contains(to);
  }

  /** Throws when the move is not allowed. */
  public static void check(ExecutionStatus from, ExecutionStatus to) {
    if (!allowed(from, to)) {
      throw new IllegalStateException(
          "A run cannot go from " + from.wireName() + " to " + to.wireName());
    }
  }
}
