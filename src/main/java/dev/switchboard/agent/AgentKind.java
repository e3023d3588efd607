package dev.switchboard.agent;

import java.util.Locale;
import java.util.Optional;

/** How an agent does its work. */
public enum AgentKind {
  /** Interprets a plan of CRM actions compiled from plain-language instructions. */
  WORKFLOW,
  /** Runs a command-line program (a coding-agent CLI) with the run's prompt. */
  COMMAND;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AgentKind> fromWireName(String name) {
    for (AgentKind kind : values()) {
      if (kind.wireName().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
