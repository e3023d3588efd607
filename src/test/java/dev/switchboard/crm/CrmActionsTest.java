package dev.switchboard.crm;

import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.AgentBuilder;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The CRM actions through the real engine: plans run by the interpreter on the real database. */
@Tag("db")
class CrmActionsTest extends SwitchboardTestBase {

  @Autowired DemoContacts demo;

  String base;

  @BeforeEach
  void freshWorkspace() {
    ws = owner.createWorkspace("Actions " + System.nanoTime());
    base = "/api/workspaces/" + ws;
  }

  private static Map<String, Object> titleIs(String op, String value) {
    return Map.of("filters", List.of(Map.of("field", "title", "operator", op, "value", value)));
  }

  private JsonNode run(String agent, String... statuses) {
    return Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), statuses);
  }

  private List<String> logLines(JsonNode run) {
    List<String> lines = new ArrayList<>();
    owner
        .get(base + "/executions/" + run.get("executionId").asString() + "/logs")
        .data()
        .get("lines")
        .forEach(l -> lines.add(l.get("line").asString()));
    return lines;
  }

  private void contacts(int n, String title) {
    for (int i = 0; i < n; i++) {
      owner
          .post(
              base + "/contacts",
              Map.of("firstName", "P" + i, "email", "p" + i + "@bulk.io", "title", title))
          .expect(201);
    }
  }

  @Test
  void search_then_add_tag_tags_exactly_the_ceos_and_counts_them() {
    demo.seed(UUID.fromString(ws));
    String agent =
        AgentBuilder.anAgent()
            .live()
            .withSteps(
                step("search_contacts", titleIs("contains", "CEO")),
                step("add_tag", Map.of("tags", List.of("ceo"))))
            .createIn(owner, ws);

    JsonNode done = run(agent, "completed", "failed");

    assertThat(done.get("status").asString()).isEqualTo("completed");
    assertThat(done.get("processedCount").asInt()).isEqualTo(3);
    assertThat(done.get("summary").get("tagsAdded").asInt()).isEqualTo(3);
    List<String> tagged = new ArrayList<>();
    owner
        .get(base + "/contacts?tag=ceo")
        .data()
        .get("items")
        .forEach(c -> tagged.add(c.get("title").asString()));
    assertThat(tagged).hasSize(3).allMatch(t -> t.contains("CEO"));
    assertThat(owner.get(base + "/contacts").data().get("total").asInt()).isEqualTo(10);
    assertThat(logLines(done)).contains("Found 3 contacts", "Completed: processed 3 contacts");
  }

  @Test
  void create_task_makes_one_hundred_tasks_in_one_run_and_tells_the_assignee() {
    contacts(100, "Task target");
    String agent =
        AgentBuilder.anAgent()
            .live()
            .withSteps(
                step("search_contacts", titleIs("==", "Task target")),
                step(
                    "create_task",
                    Map.of(
                        "title",
                        "Follow up with @contact.firstName in 3 days",
                        "dueInDays",
                        3,
                        "assignee",
                        OWNER)))
            .createIn(owner, ws);

    JsonNode done = run(agent, "completed", "failed");

    assertThat(done.get("status").asString()).isEqualTo("completed");
    assertThat(done.get("summary").get("tasksCreated").asInt()).isEqualTo(100);
    JsonNode tasks = owner.get(base + "/tasks").data();
    assertThat(tasks).hasSize(100);
    JsonNode first = tasks.get(0);
    assertThat(first.get("title").asString()).matches("Follow up with P\\d+ in 3 days");
    assertThat(first.get("dueDate").asString())
        .isEqualTo(
            java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
                .plusDays(3)
                .toString());
    assertThat(first.get("contactId").isNull()).isFalse();
    assertThat(first.get("createdByAgentId").asString()).isEqualTo(agent);
    JsonNode bell = owner.get(base + "/notifications").data();
    assertThat(bell.toString()).contains("New task assigned by agent");
  }

  @Test
  void create_task_for_an_unknown_user_fails_the_run() {
    contacts(1, "Lonely");
    String agent =
        AgentBuilder.anAgent()
            .live()
            .withSteps(
                step("search_contacts", titleIs("==", "Lonely")),
                step("create_task", Map.of("title", "Call", "assignee", "@user.nobody")))
            .createIn(owner, ws);

    JsonNode failed = run(agent, "completed", "failed");

    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("error").toString())
        .contains("Cannot assign task to user @user.nobody: user not found");
  }

  @Test
  void update_field_sets_fifty_contacts_and_an_unknown_custom_field_fails() {
    contacts(50, "Bulk");
    String agent =
        AgentBuilder.anAgent()
            .live()
            .withSteps(
                step("search_contacts", titleIs("==", "Bulk")),
                step(
                    "update_field",
                    Map.of("entity", "contact", "field", "status", "value", "Qualified")))
            .createIn(owner, ws);
    long started = System.nanoTime();

    JsonNode done = run(agent, "completed", "failed");

    System.out.printf(
        "50 update_field calls ran in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(done.get("status").asString()).isEqualTo("completed");
    assertThat(done.get("summary").get("fieldsUpdated").asInt()).isEqualTo(50);
    owner
        .get(base + "/contacts?search=bulk.io")
        .data()
        .get("items")
        .forEach(c -> assertThat(c.get("status").asString()).isEqualTo("Qualified"));

    String unknown =
        AgentBuilder.anAgent()
            .live()
            .withSteps(
                step("search_contacts", titleIs("==", "Bulk")),
                step(
                    "update_field",
                    Map.of("entity", "contact", "field", "leadScore", "value", "A")))
            .createIn(owner, ws);
    JsonNode failed = run(unknown, "completed", "failed");
    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("error").toString())
        .contains("Custom field 'leadScore' not found. Create field first.");

    owner
        .post(
            base + "/custom-fields",
            Map.of("name", "leadScore", "type", "choice", "options", List.of("A", "B")))
        .expect(201);
    JsonNode now = run(unknown, "completed", "failed");
    assertThat(now.get("status").asString()).isEqualTo("completed");
    assertThat(
            owner
                .get(base + "/contacts?search=p1@bulk.io")
                .data()
                .get("items")
                .get(0)
                .get("customFields")
                .get("leadScore")
                .asString())
        .isEqualTo("A");
  }

  @Test
  void handoff_notifies_makes_a_task_waits_and_taking_over_resumes_the_run() {
    owner
        .post(
            base + "/contacts",
            Map.of(
                "firstName", "John", "lastName", "Doe", "email", "john@warm.io", "title", "Warm"))
        .expect(201);
    String agent =
        AgentBuilder.anAgent()
            .named("Warm leads")
            .live()
            .withSteps(
                step("search_contacts", titleIs("==", "Warm")),
                step("handoff", Map.of("to", OWNER, "message", "replied positively")),
                step("add_tag", Map.of("tags", List.of("handed-off"))))
            .createIn(owner, ws);

    String id = Runs.trigger(owner, ws, agent);
    JsonNode waiting = Runs.awaitStatus(owner, ws, id, "waiting", "failed");

    assertThat(waiting.get("status").asString()).isEqualTo("waiting");
    assertThat(waiting.get("resumeAt").isNull()).isFalse();
    assertThat(logLines(waiting))
        .contains("Waiting for Owner to take over John Doe".replace("Owner", ownerName()));
    assertThat(owner.get(base + "/notifications").data().toString())
        .contains("Agent Warm leads needs your attention for John Doe");
    JsonNode task = owner.get(base + "/tasks").data().get(0);
    assertThat(task.get("title").asString()).isEqualTo("Personal outreach to John Doe");
    assertThat(task.get("kind").asString()).isEqualTo("handoff");

    JsonNode taken =
        owner
            .post(base + "/tasks/" + task.get("id").asString() + "/take-over", null)
            .expect(200)
            .data();

    assertThat(taken.get("status").asString()).isEqualTo("done");
    assertThat(taken.get("resumedExecutionId").asString()).isEqualTo(id);
    JsonNode done = Runs.awaitStatus(owner, ws, id, "completed", "failed");
    assertThat(done.get("status").asString()).isEqualTo("completed");
    assertThat(owner.get(base + "/contacts?tag=handed-off").data().get("total").asInt())
        .isEqualTo(1);
  }

  @Test
  void handoff_to_an_unknown_user_fails() {
    contacts(1, "Nobody's");
    String agent =
        AgentBuilder.anAgent()
            .live()
            .withSteps(
                step("search_contacts", titleIs("==", "Nobody's")),
                step("handoff", Map.of("to", "@user.ghost")))
            .createIn(owner, ws);

    JsonNode failed = run(agent, "completed", "failed");

    assertThat(failed.get("error").toString())
        .contains("Cannot hand off to @user.ghost: user not found");
  }

  private String ownerName() {
    return jdbc.queryForObject("select name from users where email = ?", String.class, OWNER);
  }
}
