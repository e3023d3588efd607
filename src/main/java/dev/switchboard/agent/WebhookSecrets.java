package dev.switchboard.agent;

import java.util.UUID;

/**
 * The secret URLs of webhook triggers. The agent module decides which webhook triggers exist; the
 * trigger module, which answers the URLs, keeps their secrets.
 */
public interface WebhookSecrets {

  /** Gives a new webhook trigger its secret, in the caller's transaction. */
  void issue(UUID triggerId);

  /** {@code /api/hooks/{secret}} of a webhook trigger. */
  String url(UUID triggerId);
}
