package dev.switchboard.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.support.Api;
import dev.switchboard.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@Tag("db")
@ExtendWith(OutputCaptureExtension.class)
class IntegrationSettingsTest extends IntegrationTestBase {

  private static final String SECRET = "smtp-pa55-never-shown";

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("agent", SECRET));

  @RegisterExtension
  static WireMockExtension searx =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private Map<String, Object> email(String password) {
    Map<String, Object> body = new HashMap<>();
    body.put("host", "127.0.0.1");
    body.put("port", smtp.getSmtp().getPort());
    body.put("username", "agent");
    body.put("from", "agent@switchboard.test");
    if (password != null) {
      body.put("password", password);
    }
    return body;
  }

  private String path(String workspace, String kind) {
    return "/api/workspaces/" + workspace + "/integrations/" + kind;
  }

  @Test
  void the_secret_is_never_returned_never_stored_in_clear_and_never_logged(CapturedOutput output) {
    String workspace = freshWorkspace();

    Api.Response put = owner.put(path(workspace, "email"), email(SECRET)).expect(200);
    Api.Response read = owner.get(path(workspace, "email")).expect(200);
    Api.Response all = owner.get("/api/workspaces/" + workspace + "/integrations").expect(200);
    JsonNode tested = owner.post(path(workspace, "email") + "/test", null).expect(200).data();

    assertThat(read.data().get("passwordSet").asBoolean()).isTrue();
    assertThat(read.data().get("connected").asBoolean()).isTrue();
    assertThat(read.data().get("host").asString()).isEqualTo("127.0.0.1");
    assertThat(read.data().has("password")).isFalse();
    assertThat(tested.get("ok").asBoolean()).isTrue();
    for (String body : new String[] {put.body(), read.body(), all.body(), tested.toString()}) {
      assertThat(body).doesNotContain(SECRET);
    }
    String stored =
        jdbc.queryForObject(
            "select secrets from integrations where workspace_id = ? and kind = 'email'",
            String.class,
            UUID.fromString(workspace));
    assertThat(stored).startsWith("v1:").doesNotContain(SECRET);
    String settings =
        jdbc.queryForObject(
            "select settings from integrations where workspace_id = ? and kind = 'email'",
            String.class,
            UUID.fromString(workspace));
    assertThat(settings).doesNotContain(SECRET);
    assertThat(output.getAll()).doesNotContain(SECRET);
  }

  @Test
  void the_same_secret_is_sealed_with_a_new_iv_each_time() {
    String a = freshWorkspace();
    String b = freshWorkspace();
    owner.put(path(a, "email"), email(SECRET)).expect(200);
    owner.put(path(b, "email"), email(SECRET)).expect(200);

    assertThat(
            jdbc.queryForList(
                "select secrets from integrations where workspace_id in (?, ?)",
                String.class,
                UUID.fromString(a),
                UUID.fromString(b)))
        .doesNotHaveDuplicates()
        .hasSize(2);
  }

  @Test
  void the_generated_key_file_is_readable_by_its_owner_only() throws Exception {
    Path key = TestDatabase.dataDir().resolve("secret.key");
    assertThat(key).exists();
    if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void a_blank_secret_keeps_the_stored_one_and_delete_disconnects() {
    String workspace = freshWorkspace();
    owner.put(path(workspace, "email"), email(SECRET)).expect(200);

    Map<String, Object> changed = email("");
    changed.put("port", smtp.getSmtp().getPort());
    owner.put(path(workspace, "email"), changed).expect(200);
    assertThat(owner.post(path(workspace, "email") + "/test", null).data().get("ok").asBoolean())
        .isTrue();

    owner.delete(path(workspace, "email")).expect(200);
    JsonNode after = owner.get(path(workspace, "email")).expect(200).data();
    assertThat(after.get("connected").asBoolean()).isFalse();
    assertThat(after.get("passwordSet").asBoolean()).isFalse();
    JsonNode test = owner.post(path(workspace, "email") + "/test", null).data();
    assertThat(test.get("ok").asBoolean()).isFalse();
    assertThat(test.get("message").asString()).isEqualTo("Email integration not connected");
  }

  @Test
  void a_wrong_password_fails_the_connection_test() {
    String workspace = freshWorkspace();
    owner.put(path(workspace, "email"), email("wrong")).expect(200);

    JsonNode test = owner.post(path(workspace, "email") + "/test", null).expect(200).data();

    assertThat(test.get("ok").asBoolean()).isFalse();
    assertThat(test.get("message").asString())
        .isEqualTo("The SMTP server refused the username or password");
  }

  @Test
  void a_port_refusing_connections_fails_the_connection_test_saying_so() throws Exception {
    String workspace = freshWorkspace();
    int closed = closedPort();
    Map<String, Object> settings = email(SECRET);
    settings.put("port", closed);
    owner.put(path(workspace, "email"), settings).expect(200);

    JsonNode test = owner.post(path(workspace, "email") + "/test", null).expect(200).data();

    assertThat(test.get("ok").asBoolean()).isFalse();
    assertThat(test.get("message").asString())
        .isEqualTo("Could not connect to the SMTP server at 127.0.0.1:" + closed);
  }

  @Test
  void invalid_settings_are_refused_naming_the_field() {
    String workspace = freshWorkspace();
    Map<String, Object> badPort = email(SECRET);
    badPort.put("port", 70000);
    Map<String, Object> badFrom = email(SECRET);
    badFrom.put("from", "not-an-address");
    Map<String, Object> unknown = email(SECRET);
    unknown.put("passwordd", "x");

    assertThat(field(owner.put(path(workspace, "email"), badPort))).isEqualTo("port");
    assertThat(field(owner.put(path(workspace, "email"), badFrom))).isEqualTo("from");
    assertThat(field(owner.put(path(workspace, "email"), unknown))).isEqualTo("passwordd");
    assertThat(
            field(
                owner.put(
                    path(workspace, "search"), Map.of("provider", "google", "engineId", "cx1"))))
        .isEqualTo("apiKey");
    assertThat(field(owner.put(path(workspace, "search"), Map.of("provider", "bing"))))
        .isEqualTo("provider");
    assertThat(
            field(
                owner.put(
                    path(workspace, "linkedin"), Map.of("baseUrl", "ftp://x", "accessToken", "t"))))
        .isEqualTo("baseUrl");
    assertThat(owner.get(path(workspace, "fax")).status()).isEqualTo(404);
  }

  private static String field(Api.Response response) {
    response.expect(400);
    return response.error().get("field").asString();
  }

  @Test
  void only_owners_and_admins_see_integrations_and_strangers_get_404() {
    String workspace = freshWorkspace();
    owner.put(path(workspace, "email"), email(SECRET)).expect(200);
    String suffix = String.valueOf(System.nanoTime());
    owner.addMember(workspace, "member" + suffix + "@test.local", "member-pass-123", "member");
    owner.addMember(workspace, "admin" + suffix + "@test.local", "admin-pass-123", "admin");
    Api member = Api.login(port, "member" + suffix + "@test.local", "member-pass-123");
    Api admin = Api.login(port, "admin" + suffix + "@test.local", "admin-pass-123");
    String other = owner.createWorkspace("Elsewhere " + suffix);

    assertThat(member.get(path(workspace, "email")).status()).isEqualTo(403);
    assertThat(member.put(path(workspace, "email"), email("x")).status()).isEqualTo(403);
    assertThat(admin.get(path(workspace, "email")).status()).isEqualTo(200);
    assertThat(admin.get(path(other, "email")).status()).isEqualTo(404);
  }

  @Test
  void the_search_connection_test_runs_one_query() {
    String workspace = freshWorkspace();
    searx.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"results\":[{\"title\":\"Switchboard\",\"content\":\"x\",\"url\":\"https://s.test\"}]}")));
    owner
        .put(path(workspace, "search"), Map.of("provider", "searxng", "baseUrl", searx.baseUrl()))
        .expect(200);

    JsonNode test = owner.post(path(workspace, "search") + "/test", null).expect(200).data();

    assertThat(test.get("message").asString()).isEqualTo("Search works (1 result)");
    assertThat(test.get("ok").asBoolean()).isTrue();
  }
}
