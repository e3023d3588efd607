package dev.switchboard.workspace;

import java.util.Locale;
import java.util.Optional;

/** What a member may do in a workspace. */
public enum Role {
  /** Created the workspace; may do everything. */
  OWNER,
  /** Manages agents, members and integrations. */
  ADMIN,
  /** Works with agents: may run those open to members. */
  MEMBER,
  /** Reads only: never runs or changes anything. */
  VIEWER;

  /** Owners and admins create and change agents, command agents above all. */
  public boolean canManage() {
    return this == OWNER || this == ADMIN;
  }

  /** Anybody but a viewer may change data and run agents open to members. */
  public boolean canWrite() {
    return this != VIEWER;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
