package dev.switchboard.live;

import java.util.Optional;
import java.util.UUID;

/**
 * What a client can subscribe to. Every topic names, or leads to, exactly one workspace, and its
 * {@link #name()} is the canonical form used in every message the server sends.
 */
sealed interface Topic {

  int MAX_LENGTH = 200;

  String name();

  /** Everything that happens to one agent's runs: {@code workspace:{ws}:agent:{agentId}}. */
  record Agent(UUID workspaceId, UUID agentId) implements Topic {
    @Override
    public String name() {
      return "workspace:" + workspaceId + ":agent:" + agentId;
    }
  }

  /** One run: {@code execution:{eid}}. */
  record Execution(UUID executionId) implements Topic {
    @Override
    public String name() {
      return "execution:" + executionId;
    }
  }

  /** Every run of a workspace, and the caller's own notifications: {@code workspace:{ws}}. */
  record Workspace(UUID workspaceId) implements Topic {
    @Override
    public String name() {
      return "workspace:" + workspaceId;
    }
  }

  /** The runs of one work order: {@code work-order:{id}}. */
  record WorkOrder(UUID workOrderId) implements Topic {
    @Override
    public String name() {
      return "work-order:" + workOrderId;
    }
  }

  /** The topic a client asked for, or empty when it is not one (never an exception). */
  static Optional<Topic> parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String[] parts = text.split(":", -1);
    try {
      Topic topic =
          switch (parts.length) {
            case 2 ->
                switch (parts[0]) {
                  case "execution" -> new Execution(uuid(parts[1]));
                  case "workspace" -> new Workspace(uuid(parts[1]));
                  case "work-order" -> new WorkOrder(uuid(parts[1]));
                  default -> null;
                };
            case 4 ->
                parts[0].equals("workspace") && parts[2].equals("agent")
                    ? new Agent(uuid(parts[1]), uuid(parts[3]))
                    : null;
            default -> null;
          };
      return Optional.ofNullable(topic);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Only the 36-character form: {@code UUID.fromString} also takes shorter, ambiguous ones. */
  private static UUID uuid(String text) {
    if (text.length() != 36) {
      throw new IllegalArgumentException("not a UUID");
    }
    return UUID.fromString(text);
  }
}
