package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A value of the wrong type is a 400 naming its full path, e.g. {@code command[0]}. */
@Tag("db")
class FieldPathTest extends SwitchboardTestBase {

  private static void assertNames(Api.Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo(field);
  }

  @Test
  void a_list_inside_the_command_names_its_index() {
    assertNames(
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            Map.of("name", "C", "kind", "command", "command", List.of(List.of("x")))),
        "command[0]");
  }

  @Test
  void a_wrong_type_in_a_nested_object_names_the_nested_field() {
    assertNames(
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            Map.of("name", "A", "restrictions", Map.of("maxExecutionsPerDay", "many"))),
        "restrictions.maxExecutionsPerDay");
  }

  @Test
  void an_unknown_nested_field_is_named_by_its_path() {
    assertNames(
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            Map.of("name", "A", "restrictions", Map.of("colour", "red"))),
        "restrictions.colour");
  }

  @Test
  void a_form_name_that_is_a_number_names_name() {
    assertNames(
        owner.post(
            "/api/workspaces/" + ws + "/forms",
            Map.of("name", 42, "fields", List.of(Map.of("name", "email")))),
        "name");
  }

  @Test
  void a_form_field_label_that_is_an_object_names_it() {
    assertNames(
        owner.post(
            "/api/workspaces/" + ws + "/forms",
            Map.of("name", "F", "fields", List.of(Map.of("name", "email", "label", Map.of())))),
        "fields[0].label");
  }

  @Test
  void a_member_email_that_is_a_list_names_email() {
    assertNames(
        owner.post(
            "/api/workspaces/" + ws + "/members",
            Map.of("email", List.of("a@b.co"), "password", "pw-123456")),
        "email");
  }
}
