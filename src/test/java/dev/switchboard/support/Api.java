package dev.switchboard.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the JSON API of a running test server. */
public final class Api {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;
  private final String token;

  private Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public static Api anonymous(int port) {
    return new Api("http://127.0.0.1:" + port, null);
  }

  public static Api login(int port, String email, String password) {
    Api anonymous = anonymous(port);
    Response r = anonymous.post("/api/auth/login", Map.of("email", email, "password", password));
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.body());
    }
    return new Api(anonymous.base, r.data().get("token").asString());
  }

  public Api withToken(String other) {
    return new Api(base, other);
  }

  public String token() {
    return token;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A page, as a browser asks for it (HTML), with this client's token. */
  public Response page(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
  }

  public Response post(String path, Object body) {
    return postRaw(path, body == null ? "" : JSON.writeValueAsString(body));
  }

  /** A POST with an {@code Idempotency-Key} header. */
  public Response post(String path, Object body, String idempotencyKey) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body == null ? "" : JSON.writeValueAsString(body))));
  }

  public Response postRaw(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response put(String path, Object body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  /** The caller's first workspace id. */
  public String firstWorkspace() {
    return get("/api/workspaces").data().get(0).get("id").asString();
  }

  /** Creates a workspace and returns its id. */
  public String createWorkspace(String name) {
    return post("/api/workspaces", Map.of("name", name)).expect(201).data().get("id").asString();
  }

  public void addMember(String ws, String email, String password, String role) {
    post(
            "/api/workspaces/" + ws + "/members",
            Map.of("email", email, "password", password, "role", role))
        .expect(201);
  }

  private Response send(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An answer: status and parsed body. */
  public record Response(int status, String body) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public JsonNode data() {
      return json().get("data");
    }

    public JsonNode error() {
      return json().get("error");
    }

    public Response expect(int expected) {
      if (status != expected) {
        throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
      }
      return this;
    }
  }

  /** Convenience for plans in tests. */
  @SafeVarargs
  public static Map<String, Object> plan(Map<String, Object>... steps) {
    return Map.of("steps", List.of(steps));
  }

  public static Map<String, Object> step(String type, Map<String, Object> params) {
    return Map.of("type", type, "params", params);
  }
}
