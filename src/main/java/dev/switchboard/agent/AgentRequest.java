package dev.switchboard.agent;

import java.util.List;

/**
 * The body of {@code POST/PUT /agents}: every field optional on update; {@code triggers} is the
 * JSON list of SPEC "Triggers", read by the agent module so it can name a bad field.
 */
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
    RestrictionsRequest restrictions,
    Object triggers) {

  public record RestrictionsRequest(
      Integer maxExecutionsPerMinute, Integer maxExecutionsPerDay, Integer maxEmailsPerDay) {}
}
