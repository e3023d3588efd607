package dev.switchboard.run;

import java.util.Locale;

/** What started a run. */
public enum TriggerType {
  /** "Run Now" by a person. */
  MANUAL,
  /** A schedule fired. */
  SCHEDULED,
  /** A CRM event matched. */
  EVENT,
  /** A chat command. */
  CHAT,
  /** A retry of an earlier run, with its trigger context. */
  RETRY,
  /** The synchronous {@code /execute} API. */
  API;

  /** Manual-style triggers are refused while a run is active; the others queue behind it. */
  public boolean rejectsWhenBusy() {
    return this == MANUAL || this == RETRY || this == CHAT;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TriggerType fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
