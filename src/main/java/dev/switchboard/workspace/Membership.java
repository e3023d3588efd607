package dev.switchboard.workspace;

import java.util.UUID;

/** A caller's place in one workspace. */
public record Membership(UUID workspaceId, UUID userId, String email, Role role) {

  /** Who did something, as recorded in transitions and history. */
  public String actor() {
    return email;
  }
}
