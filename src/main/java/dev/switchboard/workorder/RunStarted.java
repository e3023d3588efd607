package dev.switchboard.workorder;

import dev.switchboard.run.Execution;
import dev.switchboard.run.QueueStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The 201 answer of {@code POST /work-orders/{id}/runs}.
 *
 * @param queuePosition 1 = next; null once it is no longer queued
 * @param message why it did not start at once ("Server at capacity. Your run has been queued."),
 *     null when it is next and a worker takes it now
 */
record RunStarted(
    UUID runId,
    int runNumber,
    String status,
    Instant startedAt,
    UUID workOrderId,
    Integer queuePosition,
    QueueReason queueReason,
    Instant estimatedStartAt,
    String message) {

  /** {@code queueReason}: {code, message}. */
  record QueueReason(String code, String message) {}

  static RunStarted of(Execution run, Optional<QueueStatus> queue) {
    QueueStatus q = queue.orElse(null);
    boolean waits = q != null && q.waits();
    return new RunStarted(
        run.id(),
        run.runNumber(),
        run.status().wireName(),
        run.startedAt(),
        run.workOrderId(),
        q == null ? null : q.position(),
        q == null ? null : new QueueReason(q.reason().wireName(), q.message()),
        q == null ? null : q.estimatedStartAt(),
        waits ? q.message() : null);
  }
}
