package dev.switchboard.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Housekeeping: runs whose lease ran out (their node died) go back to the queue, or fail when that
 * kept happening (at most 100 a pass).
 */
@Component
class LeaseReaper {

  /** A run whose node kept dying this often is failed instead of being tried forever. */
  static final int MAX_RECOVERIES = 5;

  private final ExecutionStore store;
  private final RunMoves moves;

  LeaseReaper(ExecutionStore store, RunMoves moves) {
    this.store = store;
    this.moves = moves;
  }

  /** How many runs it took back. */
  @Transactional
  int reap(Instant now) {
    List<UUID> expired = store.lockExpired(now);
    for (UUID id : expired) {
      takeOver(id, now);
    }
    return expired.size();
  }

  private void takeOver(UUID id, Instant now) {
    if (moves.requeue(
        id, MAX_RECOVERIES, now, "Lease expired: the node running it stopped responding")) {
      return;
    }
    store
        .findAny(id)
        .ifPresent(e ->
            moves.abandon(
                id,
                e.agentId(),
                now,
                "Run abandoned: its node stopped " + MAX_RECOVERIES + " times"));
  }
}
