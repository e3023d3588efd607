package dev.switchboard.process;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The environment an agent's command gets: only the basics a program needs to find its tools and
 * speak the user's language, plus the variables {@code SWITCHBOARD_COMMAND_ENV} names (an agent
 * CLI's API key, say). Nothing else of Switchboard's environment reaches it, and never a {@code
 * SWITCHBOARD_*} or {@code SPRING_*} variable, since the command is a program of the workspace's
 * choosing.
 */
final class ChildEnvironment {

  static final Set<String> BASICS =
      Set.of(
          "PATH", "HOME", "LANG", "LANGUAGE", "TERM", "USER", "LOGNAME", "SHELL", "TZ", "TMPDIR");

  static final List<String> WITHHELD_PREFIXES = List.of("SWITCHBOARD_", "SPRING_");

  private ChildEnvironment() {}

  static Map<String, String> of(Map<String, String> parent, Collection<String> passedOn) {
    Map<String, String> child = new HashMap<>();
    parent.forEach((name, value) -> {
      boolean wanted = BASICS.contains(name) || name.startsWith("LC_") || passedOn.contains(name);
      if (wanted && !withheld(name)) {
        child.put(name, value);
      }
    });
    return child;
  }

  static boolean withheld(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return WITHHELD_PREFIXES.stream().anyMatch(upper::startsWith);
  }
}
