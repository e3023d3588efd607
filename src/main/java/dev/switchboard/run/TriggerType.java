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
  /** A POST to the agent's secret webhook URL. */
  WEBHOOK,
  /** A chat command, or a work order's run started from chat. */
  CHAT,
  /** A retry of an earlier run, with its trigger context. */
  RETRY,
  /** The synchronous {@code /execute} API, or a work order's run started over the API. */
  API;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TriggerType fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
