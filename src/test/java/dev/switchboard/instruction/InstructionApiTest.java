package dev.switchboard.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class InstructionApiTest extends SwitchboardTestBase {

  private static final String CEO_OUTREACH =
      "Find contacts where title contains CEO and send email using template 'Outbound v2'";

  @Test
  void the_parse_endpoint_previews_the_plan() {
    JsonNode data =
        owner
            .post(
                "/api/workspaces/" + ws + "/instructions/parse",
                Map.of("instructions", CEO_OUTREACH))
            .expect(200)
            .data();

    JsonNode steps = data.get("plan").get("steps");
    assertThat(steps.get(0).get("type").asString()).isEqualTo("search_contacts");
    assertThat(steps.get(0).get("params").get("filters").get(0).get("value").asString())
        .isEqualTo("CEO");
    assertThat(steps.get(1).get("type").asString()).isEqualTo("send_email");
    assertThat(steps.get(1).get("params").get("template").asString()).isEqualTo("Outbound v2");
  }

  @Test
  void text_outside_the_action_set_is_refused_with_422_pointing_at_it() {
    String text = "Book a flight to Paris";

    Api.Response r =
        owner.post("/api/workspaces/" + ws + "/instructions/parse", Map.of("instructions", text));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.error().get("code").asString()).isEqualTo("UNPARSEABLE_INSTRUCTIONS");
    assertThat(r.error().get("message").asString())
        .isEqualTo("Unable to parse instructions. Please clarify.");
    JsonNode detail = r.error().get("details").get(0);
    assertThat(detail.get("message").asString()).containsIgnoringCase("book a flight");
    assertThat(detail.get("end").asInt()).isGreaterThan(detail.get("start").asInt());
  }

  @Test
  void empty_and_huge_texts_are_refused_quickly() {
    assertThat(
            owner
                .post("/api/workspaces/" + ws + "/instructions/parse", Map.of("instructions", ""))
                .status())
        .isEqualTo(422);
    String huge = "Send email using template 'x'. ".repeat(3300);
    assertThat(
            owner
                .post("/api/workspaces/" + ws + "/instructions/parse", Map.of("instructions", huge))
                .status())
        .isEqualTo(422);
    assertThat(owner.post("/api/workspaces/" + ws + "/instructions/parse", Map.of()).status())
        .isEqualTo(400);
  }

  @Test
  void a_megabyte_of_text_is_refused_with_413_naming_the_field_without_being_read() {
    String megabyte = "Add tag 'X' and wait 1 day. ".repeat(37_450);
    assertThat(megabyte.length()).isGreaterThan(1_000_000);

    long started = System.nanoTime();
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/instructions/parse", Map.of("instructions", megabyte));

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(r.error().get("field").asString()).isEqualTo("instructions");
    assertThat(System.nanoTime() - started).isLessThan(java.time.Duration.ofSeconds(5).toNanos());
  }

  @Test
  void whitespace_only_text_is_refused_with_422_and_a_refusal_suggests_a_phrasing() {
    Api.Response blank =
        owner.post(
            "/api/workspaces/" + ws + "/instructions/parse", Map.of("instructions", " \n\t "));
    assertThat(blank.status()).isEqualTo(422);

    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/instructions/parse",
            Map.of("instructions", "Order pizza and tag them 'Lunch'"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.error().get("details").get(0).get("message").asString())
        .endsWith("Did you mean: add tag 'Lunch'?");
  }

  @Test
  void saving_instructions_stores_their_plan_and_publishing_unreadable_ones_is_refused() {
    JsonNode saved =
        owner
            .post(
                "/api/workspaces/" + ws + "/agents",
                Map.of("name", "Outreach", "instructions", CEO_OUTREACH))
            .expect(201)
            .data();
    assertThat(saved.get("plan").get("steps")).hasSize(2);

    Api.Response live =
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            Map.of("name", "Trip", "status", "live", "instructions", "Book a flight to Paris"));
    assertThat(live.status()).isEqualTo(422);

    JsonNode draft =
        owner
            .post(
                "/api/workspaces/" + ws + "/agents",
                Map.of("name", "Trip", "instructions", "Book a flight to Paris"))
            .expect(201)
            .data();
    assertThat(draft.get("plan").isNull()).isTrue();
    assertThat(
            owner
                .post(
                    "/api/workspaces/" + ws + "/agents/" + draft.get("id").asString() + "/status",
                    Map.of("status", "live"))
                .status())
        .isEqualTo(422);
  }

  @Test
  void a_run_of_unreadable_instructions_fails_with_the_details_and_the_owner_is_told() {
    String agent =
        owner
            .post(
                "/api/workspaces/" + ws + "/agents",
                Map.of("name", "Trip", "instructions", "Book a flight to Paris"))
            .expect(201)
            .data()
            .get("id")
            .asString();

    JsonNode run = Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "failed");

    assertThat(run.get("error").get("message").asString())
        .isEqualTo("Unable to parse instructions. Please clarify.");
    List<String> lines = new ArrayList<>();
    owner
        .get("/api/workspaces/" + ws + "/executions/" + run.get("executionId").asString() + "/logs")
        .data()
        .get("lines")
        .forEach(l -> lines.add(l.get("line").asString()));
    assertThat(String.join("\n", lines)).containsIgnoringCase("book a flight");
    JsonNode notifications =
        owner.get("/api/workspaces/" + ws + "/notifications").data().get("items");
    assertThat(notifications.get(0).get("message").asString()).contains("Trip").contains("revise");
  }
}
