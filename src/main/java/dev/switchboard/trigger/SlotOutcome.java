package dev.switchboard.trigger;

/** What became of one schedule slot, as the slot ledger records it. */
enum SlotOutcome {
  /** A run was admitted and took the agent's slot. */
  STARTED,
  /** A run was admitted behind the agent's active run. */
  QUEUED,
  /** No run: the agent was not live, a limit refused it, or no node ran at the time. */
  SKIPPED,
  /** Folded into the run of a later slot when several came due at once after a restart. */
  COALESCED;

  String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
