package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.SessionClient;
import dev.switchboard.support.SwitchboardTestBase;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every answer carries the browser-hardening headers; API answers are never cached. */
@Tag("db")
class SecurityHeadersTest extends SwitchboardTestBase {

  @Test
  void pages_assets_api_answers_errors_and_refusals_all_carry_the_headers() {
    List<HttpResponse<String>> answers =
        List.of(
            get("/login", null),
            get("/js/app.js", null),
            get("/w/" + ws + "/agents", null),
            get("/w/" + ws + "/agents", owner.token()),
            get("/no/such/page", owner.token()),
            get("/api/workspaces", owner.token()),
            get("/api/workspaces", null),
            get("/api/workspaces/not-a-uuid/agents", owner.token()));

    for (HttpResponse<String> answer : answers) {
      HttpHeaders headers = answer.headers();
      String what = answer.request().uri() + " " + answer.statusCode();
      assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("SAMEORIGIN");
      assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
      assertThat(headers.firstValue("Content-Security-Policy"))
          .as(what)
          .hasValueSatisfying(csp ->
              assertThat(csp)
                  .contains("default-src 'self'", "frame-ancestors 'self'")
                  .doesNotContain("unsafe-inline", "unsafe-eval"));
    }
  }

  @Test
  void api_answers_say_no_store_and_pages_do_not_need_to() {
    assertThat(get("/api/workspaces", owner.token()).headers().firstValue("Cache-Control"))
        .hasValue("no-store");
    assertThat(get("/api/workspaces", null).headers().firstValue("Cache-Control"))
        .hasValue("no-store");
    assertThat(
            get("/api/workspaces/" + ws + "/no-such-thing", owner.token())
                .headers()
                .firstValue("Cache-Control"))
        .hasValue("no-store");
    assertThat(get("/js/app.js", null).headers().firstValue("Cache-Control"))
        .isNotEqualTo(java.util.Optional.of("no-store"));
  }

  @Test
  void the_session_cookie_is_secure_when_the_proxy_says_the_client_used_https() {
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> overHttps =
        SessionClient.send(
            SessionClient.loginForm(base, OWNER, OWNER_PASSWORD)
                .header("X-Forwarded-Proto", "https")
                .header("Origin", "https://127.0.0.1"),
            null);
    HttpResponse<String> overHttp =
        SessionClient.send(
            SessionClient.loginForm(base, OWNER, OWNER_PASSWORD).header("Origin", base), null);

    assertThat(overHttps.statusCode()).isEqualTo(302);
    assertThat(overHttps.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("Secure", "HttpOnly", "SameSite=Strict");
    assertThat(overHttps.headers().firstValue("Location").orElseThrow()).startsWith("https://");
    assertThat(overHttp.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly")
        .doesNotContain("Secure");
  }

  private HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/html,application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return SessionClient.send(request, null);
  }
}
