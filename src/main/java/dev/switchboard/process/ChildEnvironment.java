package dev.switchboard.process;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment an agent's command gets: Switchboard's own, minus its secrets (admin password,
 * LLM key, database credentials), since the command is a program of the workspace's choosing.
 */
final class ChildEnvironment {

  static final List<String> WITHHELD_PREFIXES = List.of("SWITCHBOARD_", "SPRING_DATASOURCE_");

  private ChildEnvironment() {}

  static Map<String, String> of(Map<String, String> parent) {
    Map<String, String> child = new HashMap<>(parent);
    child.keySet().removeIf(ChildEnvironment::withheld);
    return child;
  }

  static boolean withheld(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return WITHHELD_PREFIXES.stream().anyMatch(upper::startsWith);
  }
}
