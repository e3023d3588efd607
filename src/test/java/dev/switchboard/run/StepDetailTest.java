package dev.switchboard.run;

import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.AgentBuilder;
import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Story 3.13/3.14: what each step did, who sees it, and history search through it. Emails go to the
 * workspace's Outbox (the {@code outbox} provider), so the runs are real and nothing leaves.
 */
@Tag("db")
class StepDetailTest extends SwitchboardTestBase {

  private String workspace;

  private String outreachAgent() {
    workspace = owner.createWorkspace("Step detail " + System.nanoTime());
    String crm = "/api/workspaces/" + workspace;
    owner
        .put(
            crm + "/integrations/email",
            Map.of("provider", "outbox", "from", "bot@switchboard.test"))
        .expect(200);
    owner
        .post(
            crm + "/email-templates",
            Map.of(
                "name",
                "Outbound v2",
                "subject",
                "Hi @contact.firstName",
                "body",
                "Hello @contact.firstName, " + "this is a long email body. ".repeat(10)))
        .expect(201);
    for (String[] c :
        List.of(
            new String[] {"John", "john@acme.com", "Chief Widget Officer"},
            new String[] {"Mary", "mary@acme.com", "Head of Sales"})) {
      owner
          .post(
              crm + "/contacts",
              Map.of("firstName", c[0], "lastName", "Doe", "email", c[1], "title", c[2]))
          .expect(201);
    }
    Map<String, Object> body = new LinkedHashMap<>(AgentBuilder.anAgent().live().body());
    body.put(
        "plan",
        Map.of(
            "steps",
            List.of(
                step(
                    "search_contacts",
                    Map.of(
                        "filters",
                        List.of(
                            Map.of("field", "title", "operator", "contains", "value", "Widget")))),
                step("add_tag", Map.of("tags", List.of("outreach-q4"))),
                Map.of(
                    "type",
                    "if",
                    "condition",
                    Map.of("field", "contact.customField99", "operator", "==", "value", "x"),
                    "then",
                    List.of(step("create_task", Map.of("title", "Never"))),
                    "else",
                    List.of(step("send_email", Map.of("template", "Outbound v2")))),
                step("remember", Map.of("key", "lastContacted", "value", "@contact.email")))));
    return owner.post(crm + "/agents", body).expect(201).data().get("id").asString();
  }

  private JsonNode run(String agent) {
    return Runs.awaitStatus(
        owner, workspace, Runs.trigger(owner, workspace, agent), "completed", "failed");
  }

  private Api member(String role) {
    String email = role + "-" + UUID.randomUUID() + "@test.local";
    owner.addMember(workspace, email, role + "-pass-123", role);
    return Api.login(port, email, role + "-pass-123");
  }

  @Test
  void owners_see_each_steps_result_warnings_and_resolved_params() {
    JsonNode run = run(outreachAgent());
    assertThat(run.get("status").asString()).isEqualTo("completed");
    JsonNode steps = run.get("steps");

    JsonNode search = steps.get(0);
    assertThat(search.get("result").get("found").asInt()).isEqualTo(1);
    assertThat(search.get("result").get("contactIds")).hasSize(1);
    assertThat(search.get("warnings")).isEmpty();
    assertThat(steps.get(1).get("result").get("tags").get(0).asString()).isEqualTo("outreach-q4");

    JsonNode branch = steps.get(2);
    assertThat(branch.get("result").get("condition").asString())
        .isEqualTo("contact.customField99 == \"x\"");
    assertThat(branch.get("result").get("value").asBoolean()).isFalse();
    assertThat(branch.get("result").get("branch").asString()).isEqualTo("else");
    JsonNode sent = branch.get("result").get("sent");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get("to").asString()).isEqualTo("john@acme.com");
    assertThat(sent.get(0).get("subject").asString()).isEqualTo("Hi John");
    assertThat(branch.get("warnings").get(0).asString())
        .isEqualTo("Field 'contact.customField99' not found. Defaulting to false.");
    assertThat(branch.get("resolvedParams").get(0).get("params").get("template").asString())
        .isEqualTo("Outbound v2");

    JsonNode remembered = steps.get(3).get("result");
    assertThat(remembered.get("key").asString()).isEqualTo("lastContacted");
    assertThat(steps.get(3).get("params").get("key").asString()).isEqualTo("lastContacted");
    assertThat(run.get("triggerContext")).isNotNull();
  }

  @Test
  void members_and_viewers_get_the_summary_only_and_the_system_log_lines() {
    JsonNode run = run(outreachAgent());
    String id = run.get("executionId").asString();
    jdbc.update(
        "insert into execution_logs (execution_id, seq, stream, line, ts) values (?, ?, 'stdout',"
            + " 'the agent printed john@acme.com', ?)",
        UUID.fromString(id),
        10_000,
        OffsetDateTime.now(clock));

    for (String role : List.of("member", "viewer")) {
      Api someone = member(role);
      JsonNode seen = someone.get("/api/workspaces/" + workspace + "/executions/" + id).data();
      assertThat(seen.get("status").asString()).as(role).isEqualTo("completed");
      assertThat(seen.has("triggerContext")).as(role).isFalse();
      assertThat(seen.get("steps")).as(role).hasSize(4);
      for (JsonNode step : seen.get("steps")) {
        assertThat(step.has("params")).as(role).isFalse();
        assertThat(step.has("resolvedParams")).as(role).isFalse();
        assertThat(step.has("result")).as(role).isFalse();
        assertThat(step.get("status").asString()).as(role).isEqualTo("completed");
      }
      assertThat(seen.get("steps").get(2).get("warnings")).as(role).hasSize(1);
      List<String> streams = streams(someone, id);
      assertThat(streams).as(role).isNotEmpty().containsOnly("system");
    }
    for (String role : List.of("admin")) {
      Api someone = member(role);
      assertThat(
              someone
                  .get("/api/workspaces/" + workspace + "/executions/" + id)
                  .data()
                  .get("steps")
                  .get(0)
                  .has("result"))
          .isTrue();
      assertThat(streams(someone, id)).contains("system", "stdout");
    }
    assertThat(streams(owner, id)).contains("system", "stdout");
  }

  private List<String> streams(Api api, String id) {
    List<String> streams = new ArrayList<>();
    api.get("/api/workspaces/" + workspace + "/executions/" + id + "/logs")
        .expect(200)
        .data()
        .get("lines")
        .forEach(l -> streams.add(l.get("stream").asString()));
    return streams;
  }

  @Test
  void email_bodies_in_step_records_are_cut_to_100_characters() {
    String agent = outreachAgent();
    owner
        .put(
            "/api/workspaces/" + workspace + "/agents/" + agent,
            Map.of(
                "plan",
                Map.of(
                    "steps",
                    List.of(
                        step(
                            "send_email",
                            Map.of(
                                "to", "ann@acme.com", "subject", "S", "body", "y".repeat(300)))))))
        .expect(200);

    JsonNode step = run(agent).get("steps").get(0);

    assertThat(step.get("params").get("body").asString()).isEqualTo("y".repeat(100) + "…");
    assertThat(step.get("resolvedParams").get(0).get("params").get("body").asString())
        .isEqualTo("y".repeat(100) + "…");
    assertThat(step.get("result").get("sent").get(0).get("to").asString())
        .isEqualTo("ann@acme.com");
  }

  /** The agent's history and the workspace's both find exactly that run for the term. */
  private void assertSearchFindsOnly(String agent, String term, String run) {
    String base = "/api/workspaces/" + workspace + "/agents/" + agent + "/executions";
    String all = "/api/workspaces/" + workspace + "/executions";
    assertThat(ids(owner.get(base + "?search=" + encode(term)).expect(200).data()))
        .as(term)
        .containsExactly(run);
    assertThat(ids(owner.get(all + "?search=" + encode(term)).expect(200).data()))
        .as(term)
        .containsExactly(run);
  }

  @Test
  void history_search_looks_through_steps_and_results_and_the_export_returns_the_same_rows() {
    String agent = outreachAgent();
    String emailed = run(agent).get("executionId").asString();
    String base = "/api/workspaces/" + workspace + "/agents/" + agent + "/executions";
    String all = "/api/workspaces/" + workspace + "/executions";

    for (String term : List.of("john@acme.com", "JOHN@ACME.COM", "outreach-q4", "Outbound v2")) {
      assertSearchFindsOnly(agent, term, emailed);
      String csv = owner.get(all + "/export?format=csv&search=" + encode(term)).expect(200).body();
      assertThat(csv.lines().skip(1).map(l -> l.substring(0, 36)).toList())
          .as(term)
          .containsExactly(emailed);
    }
    // Mary was never emailed: no run involves her.
    assertThat(ids(owner.get(base + "?search=mary@acme.com").expect(200).data())).isEmpty();
    assertThat(owner.get(all + "/export?format=csv&search=mary@acme.com").body().lines())
        .hasSize(1);
  }

  @Test
  void an_email_tag_or_template_finds_its_run_by_index_after_many_newer_runs() {
    String agent = outreachAgent();
    String emailed = run(agent).get("executionId").asString();
    UUID ws = UUID.fromString(workspace);
    assertThat(
            jdbc.queryForList(
                "select term from execution_search_terms where execution_id = ?",
                String.class,
                UUID.fromString(emailed)))
        .contains("john@acme.com", "outreach-q4", "outbound v2")
        .doesNotContain("mary@acme.com");
    // Newer runs push it out of the window a substring search reads.
    List<Object[]> newer = new ArrayList<>();
    for (int i = 0; i < HistoryQuery.SUBSTRING_WINDOW; i++) {
      newer.add(
          new Object[] {
            UUID.randomUUID(),
            ws,
            UUID.fromString(agent),
            clock.instant().plusSeconds(1 + i).atOffset(java.time.ZoneOffset.UTC)
          });
    }
    jdbc.batchUpdate(
        """
        insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
        status, created_at) values (?, ?, ?, 'Newer', 'manual', 'user', 'completed', ?)\
        """,
        newer);
    String base = "/api/workspaces/" + workspace + "/agents/" + agent + "/executions";
    String all = "/api/workspaces/" + workspace + "/executions";

    for (String term : List.of("john@acme.com", " John@Acme.com ", "outreach-q4", "Outbound v2")) {
      assertSearchFindsOnly(agent, term, emailed);
    }
    assertThat(ids(owner.get(all + "?search=" + emailed).expect(200).data()))
        .containsExactly(emailed);
    // Part of a word is looked for among the newest runs only.
    assertThat(ids(owner.get(all + "?search=acme.co").expect(200).data())).isEmpty();
    assertThat(owner.get(all + "?search=newer").expect(200).data().get("totalCapped").asBoolean())
        .isFalse();

    Api member = member("member");
    assertThat(ids(member.get(base + "?search=john@acme.com").expect(200).data()))
        .containsExactly(emailed);
    JsonNode seen = member.get("/api/workspaces/" + workspace + "/executions/" + emailed).data();
    assertThat(seen.get("full").asBoolean()).isFalse();
    seen.get("steps")
        .forEach(step -> assertThat(step.has("params") || step.has("result")).isFalse());
  }

  private static String encode(String term) {
    return java.net.URLEncoder.encode(term, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(r -> ids.add(r.get("executionId").asString()));
    return ids;
  }

  @Test
  void a_failed_step_and_its_run_carry_the_message_and_what_to_do() {
    String agent = outreachAgent();
    owner
        .put(
            "/api/workspaces/" + workspace + "/agents/" + agent,
            Map.of(
                "plan",
                Map.of(
                    "steps",
                    List.of(step("send_email", Map.of("to", "ann@acme.com", "template", "xyz"))))))
        .expect(200);

    JsonNode run = run(agent);

    assertThat(run.get("status").asString()).isEqualTo("failed");
    JsonNode error = run.get("steps").get(0).get("error");
    assertThat(error.get("message").asString()).isEqualTo("Email template 'xyz' not found");
    assertThat(error.get("suggestion").asString())
        .isEqualTo("Create template or update agent instructions");
    assertThat(run.get("error").get("message").asString())
        .isEqualTo("Email template 'xyz' not found");
    assertThat(run.get("error").get("step").asInt()).isEqualTo(1);
    assertThat(run.get("error").get("suggestion").asString())
        .isEqualTo("Create template or update agent instructions");
    assertThat(run.get("error").has("details")).isFalse();
    assertThat(run.get("error").toString()).doesNotContain("null");

    assertThat(owner.delete("/api/workspaces/" + workspace + "/integrations/email").status())
        .isLessThan(300);
    JsonNode unconnected = run(agent);
    assertThat(unconnected.get("error").get("message").asString())
        .isEqualTo("Email integration not connected");
    assertThat(unconnected.get("error").get("suggestion").asString())
        .isEqualTo("Connect email in Integrations");
  }
}
