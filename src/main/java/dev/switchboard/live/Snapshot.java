package dev.switchboard.live;

import java.util.Map;
import java.util.UUID;

/**
 * The state a new subscriber starts from.
 *
 * @param data what the client gets in the {@code snapshot} message
 * @param executionId the run whose log the snapshot already holds, or null
 * @param lastSeq the last log line it holds; later {@code execution:log} events at or below it are
 *     duplicates
 */
record Snapshot(Object data, UUID executionId, long lastSeq) {

  static Snapshot of(Object data) {
    return new Snapshot(data, null, 0);
  }

  /** Whether the event is already in this snapshot (a log line it holds). */
  boolean covers(Broadcast event) {
    if (executionId == null || !"execution:log".equals(event.event())) {
      return false;
    }
    Map<String, Object> data = event.data();
    return executionId.toString().equals(String.valueOf(data.get("executionId")))
        && data.get("seq") instanceof Number seq
        && seq.longValue() <= lastSeq;
  }
}
