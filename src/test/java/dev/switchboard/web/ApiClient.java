package dev.switchboard.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creates the test data through the JSON API with a bearer token, as a script would. */
final class ApiClient {

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json;
  private final String base;
  private String token;

  ApiClient(JsonMapper json, String base) {
    this.json = json;
    this.base = base;
  }

  ApiClient login(String email, String password) {
    token =
        call("POST", "/api/auth/login", Map.of("email", email, "password", password))
            .at("/data/token")
            .asString();
    return this;
  }

  String firstWorkspace() {
    return call("GET", "/api/workspaces", null).at("/data/0/id").asString();
  }

  String createAgent(String ws, Map<String, Object> body) {
    return call("POST", "/api/workspaces/" + ws + "/agents", body).at("/data/id").asString();
  }

  String workflowAgent(String ws, String name, Map<String, Object> step) {
    return createAgent(
        ws,
        Map.of(
            "name",
            name,
            "kind",
            "workflow",
            "status",
            "live",
            "plan",
            Map.of("steps", List.of(step))));
  }

  String trigger(String ws, String agentId) {
    return call("POST", "/api/workspaces/" + ws + "/agents/" + agentId + "/trigger", Map.of())
        .at("/data/executionId")
        .asString();
  }

  JsonNode execution(String ws, String executionId) {
    return call("GET", "/api/workspaces/" + ws + "/executions/" + executionId, null).at("/data");
  }

  void cancel(String ws, String executionId) {
    call("POST", "/api/workspaces/" + ws + "/executions/" + executionId + "/cancel", null);
  }

  JsonNode call(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return json.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
