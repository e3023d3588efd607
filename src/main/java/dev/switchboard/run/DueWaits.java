package dev.switchboard.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Housekeeping: waiting runs whose time has come go back to the queue (at most 100 a pass). */
@Component
class DueWaits {

  private final ExecutionStore store;
  private final RunMoves moves;

  DueWaits(ExecutionStore store, RunMoves moves) {
    this.store = store;
    this.moves = moves;
  }

  /** How many runs it woke. */
  @Transactional
  int wake(Instant now) {
    List<UUID> due = store.lockDue(now);
    for (UUID id : due) {
      Execution e = store.findAny(id).orElseThrow();
      moves.wake(id, e.agentId(), now, "scheduler", "Wait is over");
    }
    return due.size();
  }
}
