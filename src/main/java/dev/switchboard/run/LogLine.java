package dev.switchboard.run;

import java.time.Instant;

/** One line of a run's log; {@code seq} orders the whole log from 1. */
public record LogLine(long seq, String stream, String line, Instant ts) {}
