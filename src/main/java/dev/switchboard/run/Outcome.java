package dev.switchboard.run;

import java.time.Instant;
import java.util.Map;

/** How a runner finished its turn with a run. */
public sealed interface Outcome {

  /** Every step done; {@code processedCount} contacts (or items) were handled. */
  record Completed(int processedCount, Map<String, Object> summary) implements Outcome {}

  /** Stopped at {@code step} (1-based, null when not a step's fault). */
  record Failed(String message, Integer step, Object details) implements Outcome {}

  /** Pause durably until {@code resumeAt}; the checkpoint says where to go on. */
  record Waiting(Instant resumeAt, String message) implements Outcome {}

  /** Stopped because a person asked. */
  record Canceled() implements Outcome {}

  static Outcome completed(int processedCount, Map<String, Object> summary) {
    return new Completed(processedCount, summary);
  }

  static Outcome failed(String message, Integer step, Object details) {
    return new Failed(message, step, details);
  }
}
