package dev.switchboard.agent;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the instance allows command agents, which run programs on the host: whether they exist at
 * all ({@code SWITCHBOARD_COMMAND_AGENTS}), which executables they may name ({@code
 * SWITCHBOARD_COMMAND_ALLOWLIST}: names or paths, compared with {@code command[0]} as written), and
 * that {@link Agent#PROMPT} is only ever a whole argument, so a member's prompt can never become
 * part of a shell script or an option. Checked at save and again before each run, since the rules
 * may have tightened since.
 */
@Component
public class CommandRules {

  /** Who may create or change command agents. */
  public enum Mode {
    /** Nobody: command agents neither save nor run. */
    OFF,
    /** Instance admins who own or administer the workspace. */
    ADMINS,
    /** A workspace's owners and admins. */
    WORKSPACE_ADMINS;

    static Mode of(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "off" -> OFF;
        case "admins" -> ADMINS;
        case "workspace-admins" -> WORKSPACE_ADMINS;
        default ->
            throw new IllegalStateException(
                "SWITCHBOARD_COMMAND_AGENTS must be off, admins or workspace-admins, not '"
                    + value
                    + "'");
      };
    }
  }

  static final String OFF_MESSAGE =
      "Command agents are turned off on this instance (SWITCHBOARD_COMMAND_AGENTS=off).";

  /** A rule one argument of a command breaks. */
  record Problem(int index, String message) {}

  private final Mode mode;
  private final Set<String> allowlist;

  @Autowired
  CommandRules(
      @Value("${switchboard.command-agents}") String mode,
      @Value("${switchboard.command-allowlist}") String allowlist) {
    this(Mode.of(mode), allowlist);
  }

  public CommandRules(Mode mode, String allowlist) {
    this.mode = mode;
    this.allowlist =
        Arrays.stream(allowlist.split(","))
            .map(String::strip)
            .filter(e -> !e.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  Mode mode() {
    return mode;
  }

  /** Why a stored command may not run now; empty when it may. */
  public Optional<String> runRefusal(List<String> command) {
    if (mode == Mode.OFF) {
      return Optional.of(OFF_MESSAGE);
    }
    return problem(command).map(p -> p.message() + " Change the agent's command.");
  }

  Optional<Problem> problem(List<String> command) {
    if (!allowlist.isEmpty() && !allowlist.contains(command.getFirst())) {
      return Optional.of(
          new Problem(
              0,
              "'"
                  + command.getFirst()
                  + "' is not an executable this instance allows (SWITCHBOARD_COMMAND_ALLOWLIST: "
                  + String.join(", ", allowlist.stream().sorted().toList())
                  + ")."));
    }
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      if (arg.contains(Agent.PROMPT) && !arg.equals(Agent.PROMPT)) {
        return Optional.of(
            new Problem(
                i,
                Agent.PROMPT
                    + " must be a whole argument: argument "
                    + i
                    + " puts it inside other text, where a prompt could become shell code or an"
                    + " option."));
      }
    }
    return Optional.empty();
  }
}
