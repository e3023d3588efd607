package dev.switchboard.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Requests as a browser's page makes them: signed in by the session cookie of the login form, with
 * whatever {@code Origin}, {@code Sec-Fetch-Site} or forwarded headers a test sets.
 */
public final class SessionClient {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;
  private final String cookie;

  private SessionClient(String base, String cookie) {
    this.base = base;
    this.cookie = cookie;
  }

  /** Signs in through {@code POST /login} (same origin) and keeps the session cookie. */
  public static SessionClient signIn(int port, String email, String password) {
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> answer =
        send(loginForm(base, email, password).header("Origin", base), null);
    String cookie =
        answer
            .headers()
            .firstValue("Set-Cookie")
            .map(c -> c.substring(0, c.indexOf(';')))
            .orElseThrow(() -> new IllegalStateException("no session: " + answer.statusCode()));
    return new SessionClient(base, cookie);
  }

  /** A {@code POST /login} request, for tests to add headers to. */
  public static HttpRequest.Builder loginForm(String base, String email, String password) {
    String body =
        "email="
            + URLEncoder.encode(email, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  public String base() {
    return base;
  }

  /** A request to {@code path} with a JSON body (null: none) and extra header name/value pairs. */
  public HttpResponse<String> send(String method, String path, Object body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)))
            .header("Content-Type", "application/json");
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request, cookie);
  }

  public static HttpResponse<String> send(HttpRequest.Builder request, String cookie) {
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
