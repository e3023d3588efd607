package dev.switchboard.integration;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Google Custom Search ({@code GET /customsearch/v1?key=&cx=&q=}) or SearXNG ({@code GET
 * /search?q=&format=json}), answering {@code [{title, snippet, url}]}. 429 and 5xx busy answers are
 * retried with backoff.
 */
@Component
public class WebSearchClient {

  /** Why a search gave no results list. */
  public static final class SearchFailure extends RuntimeException {
    SearchFailure(String message) {
      super(message, null, false, false);
    }
  }

  static final String TIMED_OUT = "Web search timed out";
  static final String UNAVAILABLE = "Web search unavailable";
  static final String INVALID = "Web search provider returned an invalid response";

  private final HttpConnector http;
  private final Backoff backoff;

  WebSearchClient(HttpConnector http, Backoff backoff) {
    this.http = http;
    this.backoff = backoff;
  }

  public List<Map<String, Object>> search(Integration settings, String query, int maxResults) {
    boolean google = "google".equals(settings.text("provider"));
    URI uri = google ? google(settings, query, maxResults) : searxng(settings, query);
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0 && !backoff.pause(attempt)) {
        throw new SearchFailure(UNAVAILABLE);
      }
      HttpConnector.Answer answer;
      try {
        answer = http.get(HttpConnector.Purpose.SEARCH, uri, Map.of());
      } catch (HttpConnector.Unreachable e) {
        if (e.timedOut()) {
          throw new SearchFailure(TIMED_OUT);
        }
        if (attempt < Backoff.RETRIES) {
          continue;
        }
        throw new SearchFailure(UNAVAILABLE);
      }
      if (busy(answer.status())) {
        if (attempt < Backoff.RETRIES) {
          continue;
        }
        throw new SearchFailure(UNAVAILABLE);
      }
      if (!answer.ok()) {
        throw new SearchFailure("Web search failed (HTTP " + answer.status() + ")");
      }
      JsonNode json = answer.json(http.mapper());
      if (json == null) {
        throw new SearchFailure(INVALID);
      }
      return google
          ? results(json, "items", "snippet", "link", maxResults)
          : results(json, "results", "content", "url", maxResults);
    }
  }

  private static boolean busy(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  private static URI google(Integration settings, String query, int maxResults) {
    return UriComponentsBuilder.fromUriString(settings.text("baseUrl") + "/customsearch/v1")
        .queryParam("key", "{key}")
        .queryParam("cx", "{cx}")
        .queryParam("q", "{q}")
        .queryParam("num", "{num}")
        .encode()
        .buildAndExpand(
            Map.of(
                "key", settings.secret(),
                "cx", settings.text("engineId"),
                "q", query,
                "num", Math.min(maxResults, 10)))
        .toUri();
  }

  private static URI searxng(Integration settings, String query) {
    return UriComponentsBuilder.fromUriString(settings.text("baseUrl") + "/search")
        .queryParam("q", "{q}")
        .queryParam("format", "json")
        .encode()
        .buildAndExpand(Map.of("q", query))
        .toUri();
  }

  private static List<Map<String, Object>> results(
      JsonNode json, String list, String snippetField, String urlField, int max) {
    JsonNode items = json.get(list);
    List<Map<String, Object>> out = new ArrayList<>();
    if (items == null || items.isNull()) {
      return out;
    }
    if (!items.isArray()) {
      throw new SearchFailure(INVALID);
    }
    for (JsonNode item : items) {
      if (out.size() >= max) {
        break;
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("title", text(item, "title"));
      result.put("snippet", text(item, snippetField));
      result.put("url", text(item, urlField));
      out.add(result);
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asString();
  }
}
