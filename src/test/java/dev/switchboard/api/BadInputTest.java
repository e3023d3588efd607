package dev.switchboard.api;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BadInputTest extends SwitchboardTestBase {

  @Test
  void malformed_json_is_a_400_naming_the_body() {
    Api.Response r = owner.postRaw("/api/workspaces/" + ws + "/agents", "{\"name\": \"x\",");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("code").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(r.error().get("field").asString()).isEqualTo("body");
  }

  @Test
  void an_unknown_field_is_a_400_naming_it() {
    Api.Response r =
        owner.post("/api/workspaces/" + ws + "/agents", Map.of("name", "x", "colour", "red"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("colour");
  }

  @Test
  void a_field_of_the_wrong_type_is_a_400_naming_it() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            Map.of("name", "x", "kind", "command", "timeoutSeconds", "soon"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("timeoutSeconds");
  }

  @Test
  void a_plan_with_an_unknown_step_type_is_refused_naming_the_step() {
    Map<String, Object> body =
        anAgent()
            .withSteps(
                step("remember", Map.of("key", "a", "value", "b")), step("book_flight", Map.of()))
            .body();

    Api.Response r = owner.post("/api/workspaces/" + ws + "/agents", body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("code").asString()).isEqualTo("INVALID_PLAN");
    assertThat(r.error().get("field").asString()).isEqualTo("plan.steps[1].type");
    assertThat(r.error().get("message").asString()).contains("unknown step type 'book_flight'");
  }

  @Test
  void a_wait_longer_than_90_days_is_refused() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            anAgent().withSteps(step("wait", Map.of("duration", "P91D"))).body());

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("plan.steps[0].params.duration");
  }

  @Test
  void a_one_megabyte_instructions_body_is_refused_with_the_field_named() {
    String huge = "Send email using template 'x'. ".repeat(35_000);

    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/agents", Map.of("name", "Big", "instructions", huge));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("instructions");
  }

  @Test
  void a_command_with_an_empty_program_is_refused() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            Map.of("name", "C", "kind", "command", "command", List.of("", "x")));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("command[0]");
  }

  @Test
  void an_unknown_route_is_a_404_in_the_api_envelope() {
    Api.Response r = owner.get("/api/workspaces/" + ws + "/nothing-here");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("success").asBoolean()).isFalse();
  }

  @Test
  void health_answers_exactly_status_up_without_a_token() {
    Api.Response r = Api.anonymous(port).get("/actuator/health");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
  }
}
