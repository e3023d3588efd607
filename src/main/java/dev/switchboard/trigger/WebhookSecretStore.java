package dev.switchboard.trigger;

import dev.switchboard.agent.WebhookSecrets;
import dev.switchboard.integration.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Webhook secrets in {@code webhook_secrets}: 256 random bits, found by their SHA-256 (so a lookup
 * never compares the clear value) and kept sealed with the instance key so GET can show the URL.
 */
@Component
class WebhookSecretStore implements WebhookSecrets {

  static final String PATH = "/api/hooks/";

  private final JdbcClient jdbc;
  private final SecretCipher cipher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  WebhookSecretStore(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Override
  public void issue(UUID triggerId) {
    String secret = fresh();
    jdbc.sql(
            "insert into webhook_secrets (trigger_id, secret_hash, secret_sealed, issued_at)"
                + " values (?, ?, ?, ?)")
        .params(triggerId, hash(secret), seal(triggerId, secret), now())
        .update();
  }

  @Override
  public String url(UUID triggerId) {
    return jdbc.sql("select secret_sealed from webhook_secrets where trigger_id = ?")
        .params(triggerId)
        .query(String.class)
        .optional()
        .map(sealed -> PATH + cipher.decrypt(sealed, context(triggerId)))
        .orElse(null);
  }

  /** Replaces the secret; the old URL answers 404 from now on. */
  void rotate(UUID triggerId) {
    String secret = fresh();
    jdbc.sql(
            "update webhook_secrets set secret_hash = ?, secret_sealed = ?, issued_at = ?"
                + " where trigger_id = ?")
        .params(hash(secret), seal(triggerId, secret), now(), triggerId)
        .update();
  }

  /** The webhook trigger whose secret this is. */
  Optional<UUID> triggerOf(String secret) {
    return jdbc.sql("select trigger_id from webhook_secrets where secret_hash = ?")
        .params(hash(secret))
        .query(UUID.class)
        .optional();
  }

  private String fresh() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String seal(UUID triggerId, String secret) {
    return cipher.encrypt(secret, context(triggerId));
  }

  private static String context(UUID triggerId) {
    return "webhook:" + triggerId;
  }

  private java.time.OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
