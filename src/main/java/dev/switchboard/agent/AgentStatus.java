package dev.switchboard.agent;

import java.util.Locale;
import java.util.Optional;

/** Where an agent is in its life. */
public enum AgentStatus {
  /** Being written; may be run by hand to try it. */
  DRAFT,
  /** Published: runs by hand, on schedules and on events. */
  LIVE,
  /** Stopped by a person or by a limit; nothing starts until it is live again. */
  PAUSED,
  /** Deleted: kept only so its history stays readable. */
  ARCHIVED;

  /** Manual triggers are allowed for live and draft agents. */
  public boolean allowsManualRun() {
    return this == LIVE || this == DRAFT;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AgentStatus> fromWireName(String name) {
    for (AgentStatus status : values()) {
      if (status.wireName().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
