package dev.switchboard.workflow;

import java.util.List;
import java.util.Map;

/** What an action did. */
public sealed interface ActionResult {

  /** Done; {@code counters} add to the run's summary (e.g. {@code emailsSent: 1}). */
  record Done(Map<String, Object> output, Map<String, Integer> counters) implements ActionResult {}

  /** Found items (contacts) that the following steps apply to, one by one. */
  record Found(List<Map<String, Object>> items) implements ActionResult {}

  /** Nothing done for this item, with the warning the log shows; the run goes on. */
  record Skipped(String warning) implements ActionResult {}

  /** The run must wait (a handoff) until a person acts or {@code resumeAt}. */
  record Await(java.time.Instant resumeAt, String message) implements ActionResult {}

  static ActionResult done(Map<String, Object> output) {
    return new Done(output, Map.of());
  }
}
