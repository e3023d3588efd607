package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Text longer than its column, and passwords longer than bcrypt reads, are a 400 naming them. */
@Tag("db")
class TextLengthTest extends SwitchboardTestBase {

  private String newEmail() {
    return "len" + System.nanoTime() + "@test.local";
  }

  @Test
  void a_member_name_over_its_column_is_a_400_naming_name_and_the_limit() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/members",
            Map.of("email", newEmail(), "password", "pw-123456", "name", "n".repeat(201)));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("name");
    assertThat(r.error().get("message").asString()).contains("200");
  }

  @Test
  void a_password_over_72_bytes_is_a_400_naming_password() {
    // 37 two-byte characters: 74 bytes, though only 37 characters.
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/members",
            Map.of("email", newEmail(), "password", "é".repeat(37)));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("password");
    assertThat(r.error().get("message").asString()).contains("72 bytes");
  }

  @Test
  void a_password_of_exactly_72_bytes_signs_in() {
    String email = newEmail();
    String password = "p".repeat(72);
    owner.addMember(ws, email, password, "member");

    assertThat(Api.login(port, email, password).token()).isNotBlank();
  }

  @Test
  void signing_in_with_a_password_over_72_bytes_is_simply_wrong_credentials() {
    String email = newEmail();
    owner.addMember(ws, email, "pw-123456", "member");

    Api.Response r = signIn(email, "x".repeat(500));

    assertThat(r.status()).as(r.body()).isEqualTo(401);
    assertThat(r.error().get("code").asString()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void a_password_whose_first_72_bytes_match_does_not_sign_in() {
    String email = newEmail();
    String password = "q".repeat(72);
    owner.addMember(ws, email, password, "member");

    Api.Response r = signIn(email, password + "extra");

    assertThat(r.status()).isEqualTo(401);
  }

  /** A failed sign-in from a documentation address, so the tests' own is never throttled. */
  private Api.Response signIn(String email, String password) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", "198.51.100.72")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Api.JSON.writeValueAsString(Map.of("email", email, "password", password))))
            .build();
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      return new Api.Response(answer.statusCode(), answer.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void an_agent_name_over_its_column_is_a_400_naming_name() {
    Api.Response r =
        owner.post("/api/workspaces/" + ws + "/agents", Map.of("name", "a".repeat(201)));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("name");
  }
}
