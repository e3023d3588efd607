package dev.switchboard.integration;

import java.util.Arrays;
import java.util.Optional;

/** The outside services a workspace can connect, each with the one secret it needs. */
public enum IntegrationKind {
  /** An SMTP account that sends the agents' emails; its secret is the password. */
  EMAIL("email", "password", "Email integration not connected"),
  /** Google Custom Search or SearXNG; the secret is the API key (Google only). */
  SEARCH("search", "apiKey", "Web search integration not connected"),
  /** The LinkedIn invitations API; the secret is the bearer access token. */
  LINKEDIN("linkedin", "accessToken", "LinkedIn integration not connected"),
  /** Apollo people enrichment; the secret is the API key. */
  ENRICHMENT("enrichment", "apiKey", "Enrichment integration not connected");

  private final String wireName;
  private final String secretField;
  private final String notConnected;

  IntegrationKind(String wireName, String secretField, String notConnected) {
    this.wireName = wireName;
    this.secretField = secretField;
    this.notConnected = notConnected;
  }

  public String wireName() {
    return wireName;
  }

  /** The field of the settings that is stored encrypted and never shown, e.g. {@code password}. */
  public String secretField() {
    return secretField;
  }

  /** The flag {@code GET} shows instead of the secret, e.g. {@code passwordSet}. */
  public String secretFlag() {
    return secretField + "Set";
  }

  /** What an action fails with when the workspace has not connected this kind. */
  public String notConnectedMessage() {
    return notConnected;
  }

  public static Optional<IntegrationKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }
}
