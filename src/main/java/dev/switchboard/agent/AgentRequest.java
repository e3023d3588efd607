package dev.switchboard.agent;

import java.util.List;

/** The body of {@code POST/PUT /agents}: every field optional on update. */
public record AgentRequest(
    String name,
    String goal,
    String kind,
    String status,
    String instructions,
    Object plan,
    List<String> command,
    String workingDirectory,
    Integer timeoutSeconds,
    String runPermission,
    RestrictionsRequest restrictions) {

  public record RestrictionsRequest(
      Integer maxExecutionsPerMinute, Integer maxExecutionsPerDay, Integer maxEmailsPerDay) {}
}
