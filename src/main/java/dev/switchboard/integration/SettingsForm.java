package dev.switchboard.integration;

import dev.switchboard.api.ApiException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks the body of {@code PUT /integrations/{kind}}, naming the offending field. The secret is
 * optional in a body: absent or blank keeps the stored one (forms never see it), {@code null}
 * removes it.
 */
final class SettingsForm {

  /** What a valid body asks for: the plain settings and what to do with the secret. */
  record Accepted(Map<String, Object> settings, SecretChange secret) {}

  sealed interface SecretChange {
    record Keep() implements SecretChange {}

    record Clear() implements SecretChange {}

    record Replace(String value) implements SecretChange {
      @Override
      public String toString() {
        return "Replace[***]";
      }
    }
  }

  private static final Map<IntegrationKind, Set<String>> FIELDS =
      Map.of(
          IntegrationKind.EMAIL,
          Set.of("provider", "host", "port", "username", "password", "from", "startTls"),
          IntegrationKind.SEARCH,
          Set.of("provider", "baseUrl", "apiKey", "engineId"),
          IntegrationKind.LINKEDIN,
          Set.of("baseUrl", "accessToken"),
          IntegrationKind.ENRICHMENT,
          Set.of("provider", "baseUrl", "apiKey"));

  private final Map<String, Object> body;

  private SettingsForm(Map<String, Object> body) {
    this.body = body;
  }

  /**
   * @param secretStored whether the workspace already has this kind's secret
   */
  static Accepted check(IntegrationKind kind, Map<String, Object> body, boolean secretStored) {
    if (body == null) {
      throw ApiException.invalid("body", "A JSON object with the settings is required");
    }
    for (String field : body.keySet()) {
      if (!FIELDS.get(kind).contains(field)) {
        throw ApiException.invalid(field, "Unknown field '" + field + "'");
      }
    }
    SettingsForm form = new SettingsForm(body);
    SecretChange secret = form.secret(kind.secretField());
    boolean hasSecret =
        secret instanceof SecretChange.Replace
            || (secret instanceof SecretChange.Keep && secretStored);
    Map<String, Object> settings = new LinkedHashMap<>();
    switch (kind) {
      case EMAIL -> {
        String provider = form.choice("provider", "smtp", "smtp", CaughtEmails.PROVIDER);
        settings.put("provider", provider);
        if (provider.equals("smtp")) {
          settings.put("host", form.host("host"));
          settings.put("port", form.port("port"));
          settings.put("username", form.optionalText("username", 320));
          settings.put("startTls", form.bool("startTls"));
        }
        settings.put("from", form.email("from"));
      }
      case SEARCH -> {
        String provider = form.choice("provider", null, "google", "searxng");
        settings.put("provider", provider);
        boolean google = provider.equals("google");
        settings.put("baseUrl", form.url("baseUrl", google ? "https://www.googleapis.com" : null));
        if (google) {
          settings.put("engineId", form.requiredText("engineId", 200));
          requireSecret(hasSecret, "apiKey", "Google Custom Search needs an apiKey");
        } else {
          settings.put("engineId", form.optionalText("engineId", 200));
        }
      }
      case LINKEDIN -> {
        settings.put("baseUrl", form.url("baseUrl", "https://api.linkedin.com/v2"));
        requireSecret(hasSecret, "accessToken", "LinkedIn needs an accessToken");
      }
      case ENRICHMENT -> {
        settings.put("provider", form.choice("provider", "apollo", "apollo"));
        settings.put("baseUrl", form.url("baseUrl", "https://api.apollo.io"));
        requireSecret(hasSecret, "apiKey", "Apollo needs an apiKey");
      }
    }
    settings.values().removeIf(v -> v == null);
    return new Accepted(settings, secret);
  }

  private static void requireSecret(boolean present, String field, String message) {
    if (!present) {
      throw ApiException.invalid(field, message);
    }
  }

  private SecretChange secret(String field) {
    if (!body.containsKey(field)) {
      return new SecretChange.Keep();
    }
    Object value = body.get(field);
    if (value == null) {
      return new SecretChange.Clear();
    }
    if (!(value instanceof String text)) {
      throw ApiException.invalid(field, field + " must be a string");
    }
    if (text.isBlank()) {
      return new SecretChange.Keep();
    }
    if (text.length() > 4000) {
      throw ApiException.invalid(field, field + " is too long");
    }
    return new SecretChange.Replace(text.strip());
  }

  private String optionalText(String field, int max) {
    Object value = body.get(field);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw ApiException.invalid(field, field + " must be a string");
    }
    if (text.length() > max) {
      throw ApiException.invalid(field, field + " is too long (at most " + max + " characters)");
    }
    return text.strip();
  }

  private String requiredText(String field, int max) {
    String text = optionalText(field, max);
    if (text == null) {
      throw ApiException.invalid(field, field + " is required");
    }
    return text;
  }

  private String host(String field) {
    String host = requiredText(field, 255);
    if (!host.matches("[A-Za-z0-9.\\-:\\[\\]]+")) {
      throw ApiException.invalid(field, field + " must be a host name or IP address");
    }
    return host;
  }

  private int port(String field) {
    Object value = body.get(field);
    if (value == null) {
      return 587;
    }
    if (!(value instanceof Integer port) || port < 1 || port > 65535) {
      throw ApiException.invalid(field, field + " must be a number from 1 to 65535");
    }
    return port;
  }

  private boolean bool(String field) {
    Object value = body.get(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw ApiException.invalid(field, field + " must be true or false");
    }
    return b;
  }

  private String email(String field) {
    String text = requiredText(field, 320);
    try {
      new InternetAddress(text, true).validate();
    } catch (AddressException e) {
      throw ApiException.invalid(field, field + " must be an email address");
    }
    if (!text.contains("@")) {
      throw ApiException.invalid(field, field + " must be an email address");
    }
    return text;
  }

  private String choice(String field, String fallback, String... allowed) {
    String text = optionalText(field, 40);
    if (text == null && fallback != null) {
      return fallback;
    }
    for (String option : allowed) {
      if (option.equals(text)) {
        return option;
      }
    }
    throw ApiException.invalid(field, field + " must be one of " + String.join(", ", allowed));
  }

  private String url(String field, String fallback) {
    String text = optionalText(field, 1000);
    if (text == null) {
      if (fallback == null) {
        throw ApiException.invalid(field, field + " is required");
      }
      return fallback;
    }
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getQuery() != null) {
        throw new URISyntaxException(text, "not an http(s) base URL");
      }
    } catch (URISyntaxException e) {
      throw ApiException.invalid(field, field + " must be an http(s) URL without a query");
    }
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
