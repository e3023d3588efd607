package dev.switchboard.trigger;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Story 3.2 AC2: a manual trigger's filters narrow the run's search; a request's add to them. */
@Tag("db")
class ManualTriggerFiltersTest extends SwitchboardTestBase {

  @Test
  void the_manual_trigger_filters_and_the_request_filters_both_apply_to_the_search() {
    String space = owner.createWorkspace("manual filters " + UUID.randomUUID());
    contact(space, "ceo-berlin@example.com", "CEO", "Berlin");
    contact(space, "ceo-paris@example.com", "CEO", "Paris");
    contact(space, "cto@example.com", "CTO", "Berlin");
    String agent =
        anAgent()
            .live()
            .withSteps(
                step("search_contacts", Map.of("filters", List.of())),
                step("add_tag", Map.of("tags", List.of("seen"))))
            .withTriggers(
                Map.of(
                    "type",
                    "manual",
                    "filters",
                    List.of(Map.of("field", "title", "operator", "contains", "value", "CEO"))))
            .createIn(owner, space);

    JsonNode onlyTrigger = run(space, agent, Map.of());
    JsonNode both =
        run(
            space,
            agent,
            Map.of(
                "filters", List.of(Map.of("field", "city", "operator", "==", "value", "Paris"))));

    assertThat(onlyTrigger.get("processedCount").asInt()).isEqualTo(2);
    assertThat(both.get("processedCount").asInt()).isEqualTo(1);
  }

  private JsonNode run(String space, String agent, Map<String, Object> body) {
    String id =
        owner
            .post("/api/workspaces/" + space + "/agents/" + agent + "/trigger", body)
            .expect(202)
            .data()
            .get("executionId")
            .asString();
    return Runs.awaitStatus(owner, space, id, "completed", "failed");
  }

  private void contact(String space, String email, String title, String city) {
    owner
        .post(
            "/api/workspaces/" + space + "/contacts",
            Map.of("email", email, "title", title, "city", city))
        .expect(201);
  }
}
