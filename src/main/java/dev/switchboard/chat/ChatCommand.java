package dev.switchboard.chat;

import dev.switchboard.workspace.Role;
import java.util.List;
import java.util.Locale;

/** What a chat message asks for; {@link #parse} never throws. */
sealed interface ChatCommand {

  /**
   * {@code /task <title>} or {@code /task @<agent name> <title>}; agent names may hold spaces, so
   * which words name the agent is decided against the workspace's agents.
   *
   * @param text what follows {@code /task} (and its {@code @})
   */
  record Task(String text, boolean namesAgent) implements ChatCommand {}

  /** {@code /run <agent name>}: a manual trigger. */
  record Run(String agentName) implements ChatCommand {}

  /** {@code /stop <execution id>}. */
  record Stop(String executionId) implements ChatCommand {}

  /** {@code /status}: the workspace's active and queued runs. */
  record Status() implements ChatCommand {}

  /** {@code /help}: the commands the caller may use. */
  record Help() implements ChatCommand {}

  /** A command given without what it needs, e.g. {@code /task} alone. */
  record Incomplete(String usage) implements ChatCommand {}

  /** Anything else. */
  record Unknown() implements ChatCommand {}

  /** A command's name, what it takes, what it does and who may use it. */
  record Usage(String syntax, String description, boolean writersOnly) {
    boolean allowedFor(Role role) {
      return !writersOnly || role.canWrite();
    }
  }

  List<Usage> USAGES =
      List.of(
          new Usage("/task <title>", "create a work order and start it now", true),
          new Usage("/task @<agent name> <title>", "the same, for a chosen agent", true),
          new Usage("/run <agent name>", "run an agent now", true),
          new Usage("/stop <execution id>", "stop a run", true),
          new Usage("/status", "active and queued runs", false),
          new Usage("/help", "this list", false));

  /** Whether a member of {@code role} may use this command. */
  default boolean allowedFor(Role role) {
    return switch (this) {
      case Status s -> true;
      case Help h -> true;
      case Unknown u -> true;
      case Incomplete i -> true;
      default -> role.canWrite();
    };
  }

  static ChatCommand parse(String text) {
    String t = text == null ? "" : text.strip();
    if (!t.startsWith("/")) {
      return new Unknown();
    }
    int space = t.indexOf(' ');
    String name = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : t.substring(space + 1).strip();
    return switch (name) {
      case "/task" -> task(rest);
      case "/run" -> rest.isEmpty() ? new Incomplete("/run <agent name>") : new Run(rest);
      case "/stop" -> rest.isEmpty() ? new Incomplete("/stop <execution id>") : new Stop(rest);
      case "/status" -> new Status();
      case "/help" -> new Help();
      default -> new Unknown();
    };
  }

  private static ChatCommand task(String rest) {
    if (rest.startsWith("@")) {
      String mention = rest.substring(1).strip();
      return mention.contains(" ")
          ? new Task(mention, true)
          : new Incomplete("/task @<agent name> <title>");
    }
    return rest.isEmpty() ? new Incomplete("/task <title>") : new Task(rest, false);
  }
}
