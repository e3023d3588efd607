package dev.switchboard.integration;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Apollo People Enrichment: {@code POST {baseUrl}/api/v1/people/match {email}} with {@code
 * X-Api-Key}; maps the person to the CRM's contact fields.
 */
@Component
public class ApolloClient {

  /** What Apollo answered: the fields found (empty when it knows nobody), or why not. */
  public sealed interface Match {
    record Found(Map<String, Object> fields) implements Match {}

    record Nobody() implements Match {}

    record RateLimited() implements Match {}

    record Unauthorized() implements Match {}

    record Failed(String message) implements Match {}
  }

  private final HttpConnector http;

  ApolloClient(HttpConnector http) {
    this.http = http;
  }

  public Match match(Integration settings, String email) {
    HttpConnector.Answer answer;
    try {
      answer =
          http.postJson(
              HttpConnector.Purpose.API,
              URI.create(settings.text("baseUrl") + "/api/v1/people/match"),
              Map.of("X-Api-Key", settings.secret()),
              Map.of("email", email));
    } catch (HttpConnector.Unreachable e) {
      return new Match.Failed(
          e.timedOut() ? "Enrichment timed out" : "Enrichment provider unreachable");
    }
    switch (answer.status()) {
      case 429 -> {
        return new Match.RateLimited();
      }
      case 401, 403 -> {
        return new Match.Unauthorized();
      }
      case 404 -> {
        return new Match.Nobody();
      }
      default -> {}
    }
    if (!answer.ok()) {
      return new Match.Failed("Enrichment failed (HTTP " + answer.status() + ")");
    }
    JsonNode json = answer.json(http.mapper());
    if (json == null) {
      return new Match.Failed("Enrichment provider returned an invalid response");
    }
    JsonNode person = json.get("person");
    if (person == null || !person.isObject()) {
      return new Match.Nobody();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    put(fields, "title", person.path("title"));
    put(fields, "company", person.path("organization").path("name"));
    JsonNode phone = person.path("phone_numbers").path(0);
    put(
        fields,
        "phone",
        phone.has("sanitized_number") ? phone.get("sanitized_number") : phone.path("raw_number"));
    put(fields, "linkedinUrl", person.path("linkedin_url"));
    put(fields, "city", person.path("city"));
    return fields.isEmpty() ? new Match.Nobody() : new Match.Found(fields);
  }

  /** A cheap authenticated call ({@code GET /api/v1/auth/health}) for "Test connection". */
  HttpConnector.Answer health(Integration settings) {
    return http.get(
        HttpConnector.Purpose.API,
        URI.create(settings.text("baseUrl") + "/api/v1/auth/health"),
        Map.of("X-Api-Key", settings.secret()));
  }

  private static void put(Map<String, Object> fields, String name, JsonNode value) {
    if (value != null && value.isString() && !value.asString().isBlank()) {
      fields.put(name, value.asString().strip());
    }
  }
}
