package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling. Each test signs in from its own address (X-Forwarded-For, which the server
 * trusts from the loopback proxy), so counts of other tests never mix in.
 */
@Tag("db")
class LoginThrottleTest extends SwitchboardTestBase {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String address = "10.7." + random() + "." + random();

  @Test
  void ten_failures_for_one_email_refuse_even_the_right_password_until_the_window_passes() {
    String email = member();
    for (int i = 0; i < 10; i++) {
      assertThat(login(email, "wrong-" + i, address).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> refused = login(email, "right-pass-123", "10.8.0." + random());

    assertThat(refused.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 900L);
    assertThat(Api.JSON.readTree(refused.body()).at("/error/code").asString())
        .isEqualTo("TOO_MANY_ATTEMPTS");
    clock.advance(Duration.ofSeconds(retryAfter));
    assertThat(login(email, "right-pass-123", address).statusCode()).isEqualTo(200);
  }

  @Test
  void fifty_failures_from_one_address_refuse_it_while_other_addresses_still_sign_in() {
    for (int i = 0; i < 50; i++) {
      assertThat(
              login("nobody-" + i + "-" + UUID.randomUUID() + "@x.test", "guess", address)
                  .statusCode())
          .isEqualTo(401);
    }
    String email = member();

    assertThat(login(email, "right-pass-123", address).statusCode()).isEqualTo(429);
    assertThat(login(email, "right-pass-123", "10.9.0." + random()).statusCode()).isEqualTo(200);
  }

  @Test
  void a_success_clears_the_emails_failures() {
    String email = member();
    for (int i = 0; i < 9; i++) {
      login(email, "wrong", address);
    }
    assertThat(login(email, "right-pass-123", address).statusCode()).isEqualTo(200);
    for (int i = 0; i < 9; i++) {
      login(email, "wrong", address);
    }

    assertThat(login(email, "right-pass-123", address).statusCode()).isEqualTo(200);
  }

  @Test
  void the_login_form_is_throttled_too_and_says_when_to_come_back() {
    String email = member();
    for (int i = 0; i < 10; i++) {
      assertThat(form(email, "wrong").statusCode()).isEqualTo(200);
    }

    HttpResponse<String> refused = form(email, "right-pass-123");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("Too many failed sign-ins. Try again in 15 minutes.");
  }

  private String member() {
    String email = "throttled-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, email, "right-pass-123", "member");
    return email;
  }

  private HttpResponse<String> login(String email, String password, String from) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", from)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Api.JSON.writeValueAsString(Map.of("email", email, "password", password)))));
  }

  private HttpResponse<String> form(String email, String password) {
    String body =
        "email="
            + URLEncoder.encode(email, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", address)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int random() {
    return ThreadLocalRandom.current().nextInt(1, 255);
  }
}
