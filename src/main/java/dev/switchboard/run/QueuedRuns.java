package dev.switchboard.run;

import java.time.Instant;

/**
 * The runs in status queued, across all workspaces.
 *
 * @param oldestCreatedAt when the longest-waiting one was triggered, or null when none waits
 */
public record QueuedRuns(long count, Instant oldestCreatedAt) {}
