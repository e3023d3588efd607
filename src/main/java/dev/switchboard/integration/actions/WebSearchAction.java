package dev.switchboard.integration.actions;

import dev.switchboard.integration.Integration;
import dev.switchboard.integration.IntegrationKind;
import dev.switchboard.integration.Integrations;
import dev.switchboard.integration.WebSearchClient;
import dev.switchboard.plan.ActionType;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code web_search}: one query (per contact when contacts were found) on the workspace's search
 * provider; the results ({@code [{title, snippet, url}]}) become {@code @search.results}. No
 * results is not a failure.
 */
@Component
class WebSearchAction implements ActionHandler {

  static final int MAX_QUERY = 500;
  static final int DEFAULT_RESULTS = 5;
  static final int MAX_RESULTS = 10;

  private final Integrations integrations;
  private final WebSearchClient search;

  WebSearchAction(Integrations integrations, WebSearchClient search) {
    this.integrations = integrations;
    this.search = search;
  }

  @Override
  public ActionType type() {
    return ActionType.WEB_SEARCH;
  }

  @Override
  public ActionResult execute(ActionCall call) {
    Integration settings =
        integrations
            .find(call.workspaceId(), IntegrationKind.SEARCH)
            .orElseThrow(() -> new ActionFailure(IntegrationKind.SEARCH.notConnectedMessage()));
    String query = sanitize(call.params().get("query"));
    if (query.isEmpty()) {
      throw new ActionFailure("Web search query is empty");
    }
    int max = maxResults(call.params().get("maxResults"));
    List<Map<String, Object>> results;
    try {
      results = search.search(settings, query, max);
    } catch (WebSearchClient.SearchFailure failure) {
      throw new ActionFailure(failure.getMessage(), Map.of("query", query, "results", List.of()));
    }
    call.log().info("Web search \"" + query + "\" returned " + results.size() + " results");
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("query", query);
    output.put("results", results);
    return new ActionResult.Done(output, Map.of("webSearches", 1));
  }

  /** Drops control characters, collapses whitespace and keeps at most 500 characters. */
  static String sanitize(Object raw) {
    if (raw == null) {
      return "";
    }
    String text =
        String.valueOf(raw)
            .replaceAll("[\\p{Cntrl}&&[^\\s]]", "")
            .replaceAll("[\\p{Cf}]", "")
            .replaceAll("\\s+", " ")
            .strip();
    if (text.length() > MAX_QUERY) {
      text = text.substring(0, MAX_QUERY).strip();
    }
    return text;
  }

  private static int maxResults(Object value) {
    if (value == null) {
      return DEFAULT_RESULTS;
    }
    int n;
    try {
      n = value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString());
    } catch (NumberFormatException e) {
      throw new ActionFailure("maxResults must be a number from 1 to " + MAX_RESULTS);
    }
    if (n < 1 || n > MAX_RESULTS) {
      throw new ActionFailure("maxResults must be a number from 1 to " + MAX_RESULTS);
    }
    return n;
  }
}
