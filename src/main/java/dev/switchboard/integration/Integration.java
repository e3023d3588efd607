package dev.switchboard.integration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A workspace's connection to one outside service: its plain settings and its secret, decrypted.
 * Lives only in memory; {@link #toString()} never shows the secret.
 */
public record Integration(
    UUID workspaceId,
    IntegrationKind kind,
    Map<String, Object> settings,
    String secret,
    Instant updatedAt) {

  public String text(String field) {
    Object value = settings.get(field);
    return value == null ? null : String.valueOf(value);
  }

  public boolean hasSecret() {
    return secret != null && !secret.isEmpty();
  }

  @Override
  public String toString() {
    return "Integration["
        + workspaceId
        + ", "
        + kind.wireName()
        + ", "
        + settings
        + ", secret=***]";
  }
}
