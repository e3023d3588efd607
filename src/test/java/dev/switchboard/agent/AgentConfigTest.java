package dev.switchboard.agent;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** export-config → import → export-config, and what an import refuses. */
@Tag("db")
class AgentConfigTest extends SwitchboardTestBase {

  private String source;

  private String outreach() {
    source = owner.createWorkspace("Config " + System.nanoTime());
    return anAgent()
        .named("Outreach")
        .withGoal("Book meetings")
        .live()
        .adminsOnly()
        .withLimits(5, 50)
        .withSteps(
            step(
                "search_contacts",
                Map.of(
                    "filters",
                    List.of(Map.of("field", "title", "operator", "contains", "value", "CTO")))),
            step("remember", Map.of("key", "seen", "value", "@contact.email")))
        .withTriggers(
            Map.of(
                "type",
                "schedule",
                "frequency",
                "daily",
                "time",
                "09:00",
                "timezone",
                "Europe/Berlin"),
            Map.of("type", "webhook"))
        .createIn(owner, source);
  }

  private JsonNode export(String workspace, String agent) {
    return owner
        .get("/api/workspaces/" + workspace + "/agents/" + agent + "/export-config")
        .expect(200)
        .data();
  }

  private Api.Response importInto(String workspace, String body, String query) {
    return owner.postRaw("/api/workspaces/" + workspace + "/agents/import" + query, body);
  }

  @Test
  void export_import_export_gives_the_same_document_without_ids_or_secrets() {
    String agent = outreach();
    String target = owner.createWorkspace("Target " + System.nanoTime());

    JsonNode exported = export(source, agent);
    JsonNode created = importInto(target, exported.toString(), "").expect(201).data();
    JsonNode again = export(target, created.get("id").asString());

    assertThat(exported.get("format").asString()).isEqualTo("switchboard-agent/1");
    assertThat(exported.get("name").asString()).isEqualTo("Outreach");
    assertThat(exported.get("runPermission").asString()).isEqualTo("admins");
    assertThat(exported.get("restrictions").get("maxExecutionsPerMinute").asInt()).isEqualTo(5);
    assertThat(exported.get("plan").get("steps")).hasSize(2);
    assertThat(exported.get("triggers")).hasSize(2);
    assertThat(exported.toString()).doesNotContain("\"id\"", "/api/hooks/", agent);
    assertThat(again).isEqualTo(exported);
    assertThat(created.get("status").asString()).isEqualTo("draft");
    assertThat(created.get("workspaceId").asString()).isEqualTo(target);
    assertThat(created.get("id").asString()).isNotEqualTo(agent);
    String hookUrl = created.get("triggers").get(1).get("url").asString();
    JsonNode original = owner.get("/api/workspaces/" + source + "/agents/" + agent).data();
    assertThat(hookUrl).isNotEqualTo(original.get("triggers").get(1).get("url").asString());
  }

  @Test
  void a_dry_run_shows_what_would_be_created_and_stores_nothing() {
    String agent = outreach();
    String target = owner.createWorkspace("Dry " + System.nanoTime());
    String body =
        owner.get("/api/workspaces/" + source + "/agents/" + agent + "/export-config").body();

    JsonNode preview = importInto(target, body, "?dryRun=true").expect(200).data();

    assertThat(preview.get("dryRun").asBoolean()).isTrue();
    assertThat(preview.get("agent").get("name").asString()).isEqualTo("Outreach");
    assertThat(preview.get("agent").get("status").asString()).isEqualTo("draft");
    assertThat(preview.get("agent").get("triggers")).hasSize(2);
    assertThat(preview.get("agent").has("id")).isFalse();
    assertThat(owner.get("/api/workspaces/" + target + "/agents").data()).isEmpty();
  }

  @Test
  void bad_documents_are_refused_naming_the_field() {
    String agent = outreach();
    ObjectNode exported = (ObjectNode) export(source, agent);
    String target = owner.createWorkspace("Bad " + System.nanoTime());

    Map<String, String> bad =
        Map.of(
            "{\"name\": ",
            "body",
            "[1, 2]",
            "body",
            exported.deepCopy().put("format", "switchboard-agent/2").toString(),
            "format",
            exported.deepCopy().put("secret", "s3cr3t").toString(),
            "secret",
            exported.deepCopy().put("colour", "blue").toString(),
            "colour",
            exported.deepCopy().put("timeoutSeconds", "soon").toString(),
            "timeoutSeconds",
            exported.deepCopy().put("name", "").toString(),
            "name");
    bad.forEach((body, field) ->
        assertThat(importInto(target, body, "").expect(400).error().get("field").asString())
            .as(body)
            .isEqualTo(field));
    ObjectNode withHook = exported.deepCopy();
    ((ObjectNode) withHook.get("triggers").get(1)).put("url", "/api/hooks/abc");
    assertThat(importInto(target, withHook.toString(), "").expect(400).error().get("field"))
        .hasToString("\"triggers[1].url\"");
    ObjectNode huge = exported.deepCopy();
    huge.put("goal", "x".repeat(1_100_000));
    assertThat(importInto(target, huge.toString(), "").expect(400).error().get("field"))
        .hasToString("\"body\"");
    assertThat(owner.get("/api/workspaces/" + target + "/agents").data()).isEmpty();
  }

  @Test
  void another_workspaces_agent_or_workspace_is_not_found() {
    String agent = outreach();
    String strangerEmail = "stranger-" + System.nanoTime() + "@test.local";
    String stranger = owner.createWorkspace("Stranger " + System.nanoTime());
    owner.addMember(stranger, strangerEmail, "stranger-pass-1", "owner");
    Api other = Api.login(port, strangerEmail, "stranger-pass-1");
    String body = export(source, agent).toString();

    assertThat(other.get("/api/workspaces/" + source + "/agents/" + agent + "/export-config"))
        .extracting(Api.Response::status)
        .isEqualTo(404);
    assertThat(owner.get("/api/workspaces/" + stranger + "/agents/" + agent + "/export-config"))
        .extracting(Api.Response::status)
        .isEqualTo(404);
    assertThat(other.postRaw("/api/workspaces/" + source + "/agents/import", body).status())
        .isEqualTo(404);
    String memberEmail = "member-" + System.nanoTime() + "@test.local";
    owner.addMember(source, memberEmail, "member-pass-1", "member");
    Api member = Api.login(port, memberEmail, "member-pass-1");
    assertThat(member.postRaw("/api/workspaces/" + source + "/agents/import", body).status())
        .isEqualTo(403);
    assertThat(other.postRaw("/api/workspaces/" + stranger + "/agents/import", body).status())
        .isEqualTo(201);
  }
}
