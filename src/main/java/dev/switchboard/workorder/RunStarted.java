package dev.switchboard.workorder;

import dev.switchboard.run.Execution;
import java.time.Instant;
import java.util.UUID;

/**
 * The 201 answer of {@code POST /work-orders/{id}/runs}.
 *
 * @param queuePosition 1 = next; null when not known
 * @param message set when the run did not start at once
 */
record RunStarted(
    UUID runId,
    int runNumber,
    String status,
    Instant startedAt,
    UUID workOrderId,
    Integer queuePosition,
    String message) {

  static RunStarted of(Execution run) {
    return new RunStarted(
        run.id(),
        run.runNumber(),
        run.status().wireName(),
        run.startedAt(),
        run.workOrderId(),
        null,
        null);
  }
}
