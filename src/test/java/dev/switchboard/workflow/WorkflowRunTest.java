package dev.switchboard.workflow;

import static dev.switchboard.support.Api.step;
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
class WorkflowRunTest extends SwitchboardTestBase {

  @Test
  void twenty_steps_run_in_order_and_report_step_20_of_20() {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      steps.add(step("remember", Map.of("key", "n" + i, "value", "step " + i)));
    }
    String agent =
        owner
            .post(
                "/api/workspaces/" + ws + "/agents",
                Map.of("name", "Twenty", "status", "live", "plan", Map.of("steps", steps)))
            .expect(201)
            .data()
            .get("id")
            .asString();

    JsonNode run = Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "completed");

    assertThat(run.get("progress").asString()).isEqualTo("Step 20 of 20 completed");
    assertThat(run.get("steps")).hasSize(20);
    assertThat(logLines(run))
        .containsSubsequence(
            "Step 1 of 20: remember", "Step 12 of 20 completed", "Step 20 of 20 completed");
  }

  @Test
  void conditions_branch_and_a_missing_field_defaults_to_false_with_a_warning() {
    Map<String, Object> condition =
        Map.of(
            "all",
            List.of(
                Map.of("field", "contact.title", "operator", "contains", "value", "ceo"),
                Map.of("field", "deal.value", "operator", ">", "value", 50000)));
    Map<String, Object> missing =
        Map.of("field", "contact.customField99", "operator", "==", "value", "x");
    String agent =
        owner
            .post(
                "/api/workspaces/" + ws + "/agents",
                Map.of(
                    "name",
                    "Branches",
                    "status",
                    "live",
                    "plan",
                    Map.of(
                        "steps",
                        List.of(
                            Map.of(
                                "type",
                                "if",
                                "condition",
                                condition,
                                "then",
                                List.of(
                                    step(
                                        "remember",
                                        Map.of(
                                            "key", "path", "value", "urgent @contact.firstName"))),
                                "else",
                                List.of(
                                    step("remember", Map.of("key", "path", "value", "standard")))),
                            Map.of(
                                "type",
                                "if",
                                "condition",
                                missing,
                                "then",
                                List.of(
                                    step("remember", Map.of("key", "missing", "value", "yes")))),
                            step("remember", Map.of("key", "done", "value", "@memory.path"))))))
            .expect(201)
            .data()
            .get("id")
            .asString();
    Map<String, Object> context =
        Map.of(
            "contact",
            Map.of("firstName", "John", "title", "CEO of Sales"),
            "deal",
            Map.of("value", 75000));

    String id =
        owner
            .post(
                "/api/workspaces/" + ws + "/agents/" + agent + "/trigger",
                Map.of("context", context))
            .expect(202)
            .data()
            .get("executionId")
            .asString();
    JsonNode run = Runs.awaitStatus(owner, ws, id, "completed");

    List<String> log = logLines(run);
    assertThat(log)
        .contains("Warning: Field 'contact.customField99' not found. Defaulting to false.");
    String memory =
        jdbc.queryForObject(
            "select state from executions where id = ?",
            String.class,
            java.util.UUID.fromString(id));
    assertThat(memory)
        .contains("\"path\":\"urgent John\"")
        .contains("\"done\":\"urgent John\"")
        .doesNotContain("\"missing\"");
  }

  private List<String> logLines(JsonNode run) {
    Api.Response logs =
        owner.get(
            "/api/workspaces/" + ws + "/executions/" + run.get("executionId").asString() + "/logs");
    List<String> lines = new ArrayList<>();
    logs.data().get("lines").forEach(l -> lines.add(l.get("line").asString()));
    return lines;
  }
}
