package dev.switchboard.agent;

import dev.switchboard.api.ApiException;
import dev.switchboard.workspace.InstanceAdmins;
import dev.switchboard.workspace.Membership;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may create or change command agents ({@code SWITCHBOARD_COMMAND_AGENTS}) and what they may
 * save ({@link CommandRules}); a refusal says why, in a sentence the API and the editor show.
 */
@Component
public class CommandAgentPolicy {

  private final InstanceAdmins instanceAdmins;
  private final CommandRules rules;

  CommandAgentPolicy(InstanceAdmins instanceAdmins, CommandRules rules) {
    this.instanceAdmins = instanceAdmins;
    this.rules = rules;
  }

  /** Why this member may not create or change command agents; empty when they may. */
  public Optional<String> refusal(Membership member) {
    return switch (rules.mode()) {
      case OFF -> Optional.of(CommandRules.OFF_MESSAGE);
      case ADMINS ->
          member.role().canManage() && instanceAdmins.isAdmin(member.userId())
              ? Optional.empty()
              : Optional.of(
                  "Command agents can only be created or changed by an instance administrator"
                      + " (SWITCHBOARD_COMMAND_AGENTS=admins).");
      case WORKSPACE_ADMINS ->
          member.role().canManage()
              ? Optional.empty()
              : Optional.of(
                  "Command agents can only be created or changed by the workspace's owners and"
                      + " admins (SWITCHBOARD_COMMAND_AGENTS=workspace-admins).");
    };
  }

  /** Whether this member may save this command: what a caller can check before offering it. */
  public boolean accepts(Membership member, List<String> command) {
    return refusal(member).isEmpty() && rules.problem(command).isEmpty();
  }

  void requireAllowed(Membership member) {
    refusal(member)
        .ifPresent(reason -> {
          throw new ApiException(
              HttpStatus.FORBIDDEN,
              rules.mode() == CommandRules.Mode.OFF
                  ? "COMMAND_AGENTS_OFF"
                  : "COMMAND_AGENTS_RESTRICTED",
              reason);
        });
  }

  /** Refuses, naming {@code command[i]}, a command the instance does not allow. */
  void check(List<String> command) {
    rules
        .problem(command)
        .ifPresent(p -> {
          throw ApiException.invalid("command[" + p.index() + "]", p.message());
        });
  }
}
