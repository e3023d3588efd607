package dev.switchboard.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Why a queued run waits (SPEC "Every queued run says why it waits"): its place (1 = next), the
 * reason and, when the agents' recent runs allow a guess, when it should start.
 *
 * @param waits false only for a run whose turn has come while a worker is free: it is about to
 *     start, not held back
 */
public record QueueStatus(
    int position, Reason reason, String message, Instant estimatedStartAt, boolean waits) {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** The {@code queueReason.code} values. */
  public enum Reason {
    /** Another run of the same agent holds its slot. */
    AGENT_BUSY,
    /** Its turn has come but every worker is busy. */
    CAPACITY,
    /** The agent's runs-per-minute limit holds it until the window allows. */
    THROTTLED,
    /** A backoff holds it until a set time. */
    NOT_BEFORE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Reason fromWireName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  static QueueStatus agentBusy(int position, UUID blocking, Instant estimate) {
    return new QueueStatus(
        position,
        Reason.AGENT_BUSY,
        "Waiting for run " + blocking + " of this agent to finish",
        estimate,
        true);
  }

  /** Its turn has come; it waits for a worker unless one is free and nothing is ahead of it. */
  static QueueStatus capacity(int position, Instant estimate, boolean workerFree) {
    return new QueueStatus(
        position,
        Reason.CAPACITY,
        "Server at capacity. Your run has been queued.",
        estimate,
        position > 1 || !workerFree);
  }

  static QueueStatus held(int position, Reason reason, Instant until) {
    String prefix = reason == Reason.THROTTLED ? "Rate limit" : "Backing off";
    return new QueueStatus(
        position, reason, prefix + ": starts at " + CLOCK.format(until), until, true);
  }

  /** Position and reason: what a subscriber is told again when it changes. */
  boolean sameAs(QueueStatus other) {
    return other != null
        && position == other.position
        && reason == other.reason
        && message.equals(other.message);
  }

  /** The {@code execution:queued} payload, also merged into GET execution. */
  Map<String, Object> data(UUID executionId) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executionId", executionId);
    out.putAll(fields());
    return out;
  }

  Map<String, Object> fields() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("queuePosition", position);
    out.put("queueReason", Map.of("code", reason.wireName(), "message", message));
    out.put("estimatedStartAt", estimatedStartAt);
    return out;
  }
}
