package dev.switchboard.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Runs the retention purge deletes, published in the transaction that deletes them. Each module
 * that keeps rows about runs forgets these in that transaction, through its own code: the engine
 * never touches another module's tables, and nothing is left pointing at a run that is gone.
 *
 * @param before the retention cutoff; every purged run was created and finished before it
 */
public record ExecutionsPurged(UUID workspaceId, List<UUID> executionIds, Instant before) {

  public ExecutionsPurged {
    executionIds = List.copyOf(executionIds);
  }
}
