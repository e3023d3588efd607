package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SessionClient;
import dev.switchboard.support.SwitchboardTestBase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Changes signed in by the session cookie must come from our own origin; token calls may not. */
@Tag("db")
class CrossSiteRequestTest extends SwitchboardTestBase {

  private static final String EVIL = "https://evil.example";

  private SessionClient browser;

  @BeforeEach
  void session() {
    browser = SessionClient.signIn(port, OWNER, OWNER_PASSWORD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
  void a_session_change_from_a_foreign_origin_is_refused_with_403(String method) {
    HttpResponse<String> refused =
        browser.send(method, tags(), Map.of("name", "x"), "Origin", EVIL);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Api.JSON.readTree(refused.body()).at("/error/code").asString())
        .isEqualTo("CROSS_SITE_REQUEST");
    assertThat(Api.JSON.readTree(refused.body()).at("/error/message").asString())
        .contains("another site");
  }

  @Test
  void a_refused_change_changes_nothing_and_the_same_change_from_our_pages_goes_through() {
    String name = "csrf-" + UUID.randomUUID();

    assertThat(browser.send("POST", tags(), Map.of("name", name), "Origin", EVIL).statusCode())
        .isEqualTo(403);
    assertThat(owner.get(tags()).body()).doesNotContain(name);
    assertThat(
            browser
                .send("POST", tags(), Map.of("name", name), "Origin", browser.base())
                .statusCode())
        .isEqualTo(201);
    assertThat(owner.get(tags()).body()).contains(name);
  }

  @Test
  void without_origin_sec_fetch_site_decides() {
    assertThat(browser.send("POST", tags(), tag(), "Sec-Fetch-Site", "cross-site").statusCode())
        .isEqualTo(403);
    assertThat(browser.send("POST", tags(), tag(), "Sec-Fetch-Site", "same-origin").statusCode())
        .isEqualTo(201);
  }

  @Test
  void an_opaque_or_garbled_origin_is_foreign() {
    assertThat(browser.send("POST", tags(), tag(), "Origin", "null").statusCode()).isEqualTo(403);
    assertThat(
            browser
                .send("POST", tags(), tag(), "Origin", "http://127.0.0.1:" + port + "x")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            browser
                .send("POST", tags(), tag(), "Origin", "http://127.0.0.1:" + (port + 1))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void reads_from_a_foreign_origin_are_not_changes_and_pass() {
    assertThat(browser.send("GET", tags(), null, "Origin", EVIL).statusCode()).isEqualTo(200);
  }

  @Test
  void a_bearer_token_call_passes_from_any_origin() {
    HttpResponse<String> answer =
        SessionClient.send(
            HttpRequest.newBuilder(URI.create(browser.base() + tags()))
                .header("Authorization", "Bearer " + owner.token())
                .header("Content-Type", "application/json")
                .header("Origin", EVIL)
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(tag()))),
            null);

    assertThat(answer.statusCode()).isEqualTo(201);
  }

  @Test
  void the_login_form_from_a_foreign_origin_is_refused_and_opens_no_session() {
    HttpResponse<String> refused =
        SessionClient.send(
            SessionClient.loginForm(browser.base(), OWNER, OWNER_PASSWORD).header("Origin", EVIL),
            null);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("CROSS_SITE_REQUEST");
    assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void the_origin_is_compared_with_the_address_the_client_used_through_the_proxy() {
    String[] proxied = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "switchboard.example"};

    assertThat(
            browser
                .send("POST", tags(), tag(), with(proxied, "https://switchboard.example"))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            browser
                .send("POST", tags(), tag(), with(proxied, "https://switchboard.example:443"))
                .statusCode())
        .isEqualTo(201);
    assertThat(browser.send("POST", tags(), tag(), with(proxied, browser.base())).statusCode())
        .isEqualTo(403);
    assertThat(
            browser
                .send("POST", tags(), tag(), with(proxied, "http://switchboard.example"))
                .statusCode())
        .isEqualTo(403);
  }

  private static String[] with(String[] headers, String origin) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = "Origin";
    all[headers.length + 1] = origin;
    return all;
  }

  private String tags() {
    return "/api/workspaces/" + ws + "/tags";
  }

  private static Map<String, Object> tag() {
    return Map.of("name", "t-" + UUID.randomUUID());
  }
}
