package dev.switchboard.workorder;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Where a work order is; {@link #allowedFrom} is the one function that decides its moves. */
public enum WorkOrderStatus {
  /** Written down, not yet approved: no run may start. */
  DRAFT,
  /** Approved: its first run may start. */
  APPROVED,
  /** Its latest run waits in the queue. */
  QUEUED,
  /** Its latest run is running. */
  RUNNING,
  /** Its latest run exited 0: a person accepts it or starts another run. */
  REVIEW,
  /** Accepted; terminal. */
  SUCCEEDED,
  /** Its latest run failed or was stopped: another run may start. */
  FAILED,
  /** Given up; terminal. */
  CANCELLED;

  /** The statuses a work order in {@code from} may move to; empty for terminal ones. */
  public static Set<WorkOrderStatus> allowedFrom(WorkOrderStatus from) {
    return switch (from) {
      case DRAFT -> EnumSet.of(APPROVED, CANCELLED);
      case APPROVED, REVIEW, FAILED -> {
        Set<WorkOrderStatus> next = EnumSet.of(QUEUED, RUNNING, CANCELLED);
        if (from == REVIEW) {
          next.add(SUCCEEDED);
        }
        yield next;
      }
      // A run may start at once (RUNNING), or end without having started (a cancel, a refusal).
      case QUEUED -> EnumSet.of(RUNNING, REVIEW, FAILED, CANCELLED);
      case RUNNING -> EnumSet.of(REVIEW, FAILED, CANCELLED);
      case SUCCEEDED, CANCELLED -> EnumSet.noneOf(WorkOrderStatus.class);
    };
  }

  public boolean canMoveTo(WorkOrderStatus next) {
    return allowedFrom(this).contains(next);
  }

  /** Succeeded and cancelled work orders take no more runs (403 WORK_ORDER_COMPLETE). */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == CANCELLED;
  }

  /** A new run may start now: approved, in review or failed (not a draft, not while one runs). */
  public boolean acceptsRuns() {
    return canMoveTo(QUEUED);
  }

  /** A run of it is queued or running. */
  public boolean hasActiveRun() {
    return this == QUEUED || this == RUNNING;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<WorkOrderStatus> fromWireName(String name) {
    for (WorkOrderStatus status : values()) {
      if (status.wireName().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
