package dev.switchboard.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.SwitchboardTestBase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The integrations page shell: owners get the four forms and the header link; members do not. */
@Tag("db")
class IntegrationPageTest extends IntegrationTestBase {

  private HttpClient signedIn(String email, String password) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String form =
        "email="
            + URLEncoder.encode(email, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    return browser;
  }

  private HttpResponse<String> page(HttpClient browser, String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void owners_see_a_form_per_integration_and_members_are_refused() throws Exception {
    HttpClient ownerBrowser =
        signedIn(SwitchboardTestBase.OWNER, SwitchboardTestBase.OWNER_PASSWORD);

    HttpResponse<String> integrations = page(ownerBrowser, "/w/" + ws + "/integrations");
    HttpResponse<String> agents = page(ownerBrowser, "/w/" + ws + "/agents");

    assertThat(integrations.statusCode()).isEqualTo(200);
    assertThat(integrations.body())
        .contains("data-kind=\"email\"", "data-kind=\"search\"", "data-kind=\"linkedin\"")
        .contains("data-kind=\"enrichment\"", "Test connection", "type=\"password\"");
    assertThat(agents.body()).contains("/w/" + ws + "/integrations\">Integrations</a>");

    String email = "pagemember" + System.nanoTime() + "@test.local";
    owner.addMember(ws, email, "member-pass-123", "member");
    HttpClient memberBrowser = signedIn(email, "member-pass-123");
    assertThat(page(memberBrowser, "/w/" + ws + "/integrations").statusCode()).isEqualTo(403);
    assertThat(page(memberBrowser, "/w/" + ws + "/agents").body())
        .doesNotContain(">Integrations</a>");
  }
}
