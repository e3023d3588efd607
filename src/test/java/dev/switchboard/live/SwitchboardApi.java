package dev.switchboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP API as a test drives it: sign in, make workspaces, members and agents, run them. */
final class SwitchboardApi {

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json;
  private final int port;

  SwitchboardApi(JsonMapper json, int port) {
    this.json = json;
    this.port = port;
  }

  String login(String email, String password) {
    return call("POST", "/api/auth/login", null, Map.of("email", email, "password", password), 200)
        .path("token")
        .asString();
  }

  String firstWorkspace(String token) {
    return call("GET", "/api/workspaces", token, null, 200).get(0).path("id").asString();
  }

  String createWorkspace(String token, String name) {
    return call("POST", "/api/workspaces", token, Map.of("name", name), 201).path("id").asString();
  }

  void addMember(String token, String ws, String email, String password, String role) {
    call(
        "POST",
        "/api/workspaces/" + ws + "/members",
        token,
        Map.of("email", email, "password", password, "role", role),
        201);
  }

  /** A live workflow agent with a single {@code remember} step. */
  String createWorkflowAgent(String token, String ws, String name) {
    Map<String, Object> plan =
        Map.of(
            "steps",
            java.util.List.of(
                Map.of("type", "remember", "params", Map.of("key", "k", "value", "v"))));
    return call(
            "POST",
            "/api/workspaces/" + ws + "/agents",
            token,
            Map.of("name", name, "kind", "workflow", "status", "live", "plan", plan),
            201)
        .path("id")
        .asString();
  }

  String trigger(String token, String ws, String agentId) {
    return call(
            "POST",
            "/api/workspaces/" + ws + "/agents/" + agentId + "/trigger",
            token,
            Map.of(),
            202)
        .path("executionId")
        .asString();
  }

  JsonNode execution(String token, String ws, String executionId) {
    return call("GET", "/api/workspaces/" + ws + "/executions/" + executionId, token, null, 200);
  }

  /** Calls the API, checks the status and returns {@code data}. */
  JsonNode call(String method, String path, String token, Object body, int expectedStatus) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode())
          .as(method + " " + path + ": " + response.body())
          .isEqualTo(expectedStatus);
      return json.readTree(response.body()).path("data");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
