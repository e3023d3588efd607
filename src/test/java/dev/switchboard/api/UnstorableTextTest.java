package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * NUL characters and lone surrogates (PostgreSQL cannot store either) are a 400 naming the field.
 */
@Tag("db")
class UnstorableTextTest extends SwitchboardTestBase {

  private void assertRefused(Api.Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("code").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(r.error().get("field").asString()).isEqualTo(field);
    assertThat(r.error().get("message").asString()).contains("cannot be stored");
  }

  @Test
  void a_nul_in_a_contact_field_is_a_400_naming_it() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/contacts",
            Map.of("email", "nul@acme.test", "firstName", "Jo\u0000hn"));

    assertRefused(r, "firstName");
  }

  @Test
  void a_lone_surrogate_in_the_working_directory_is_a_400_naming_it() {
    Api.Response r =
        owner.postRaw(
            "/api/workspaces/" + ws + "/agents",
            "{\"name\":\"C\",\"kind\":\"command\",\"command\":[\"echo\"],"
                + "\"workingDirectory\":\"jobs/\\ud800\"}");

    assertRefused(r, "workingDirectory");
  }

  @Test
  void a_nul_deep_in_a_body_is_named_by_its_path() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/forms",
            Map.of(
                "name",
                "F",
                "fields",
                List.of(Map.of("name", "email"), Map.of("name", "city", "label", "Ci\u0000ty"))));

    assertRefused(r, "fields[1].label");
  }

  @Test
  void a_nul_in_a_field_name_is_refused_without_echoing_it() {
    Api.Response r =
        owner.postRaw("/api/workspaces/" + ws + "/contacts", "{\"e\\u0000mail\":\"a@b.co\"}");

    assertRefused(r, "e\uFFFDmail");
  }

  @Test
  void a_nul_in_a_parameter_name_is_refused_without_echoing_it() {
    assertRefused(owner.get("/api/workspaces/" + ws + "/contacts?se%00arch=x"), "se\uFFFDarch");
  }

  @Test
  void a_nul_in_the_history_search_is_a_400_naming_search() {
    assertRefused(owner.get("/api/workspaces/" + ws + "/executions?search=a%00b"), "search");
  }

  @Test
  void a_nul_in_the_contact_search_is_a_400_naming_search() {
    assertRefused(owner.get("/api/workspaces/" + ws + "/contacts?search=%00"), "search");
  }

  @Test
  void a_query_parameter_that_is_not_utf8_is_a_400_naming_it() {
    Api.Response r = owner.get("/api/workspaces/" + ws + "/contacts?search=%ED%A0%80");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("search");
  }

  @Test
  void a_nul_in_a_page_parameter_is_a_400_page() {
    assertThat(owner.page("/w/" + ws + "/contacts?search=%00").status()).isEqualTo(400);
  }

  @Test
  void emoji_and_other_text_beyond_the_basic_plane_is_stored_as_sent() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/contacts",
            Map.of("email", "emoji@acme.test", "firstName", "Zoë 🚀"));

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.data().get("firstName").asString()).isEqualTo("Zoë 🚀");
  }
}
