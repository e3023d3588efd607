package dev.switchboard.agent;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The instance decides who defines programs that run on the host (default {@code
 * SWITCHBOARD_COMMAND_AGENTS=admins}, {@code SWITCHBOARD_OPEN_WORKSPACES=false}): the probe of
 * issue 7, a viewer making themselves owner of a workspace to read the secrets key, fails.
 */
@Tag("db")
class CommandAgentRulesTest extends SwitchboardTestBase {

  @Test
  void the_first_owner_is_an_instance_admin_stored_with_the_user() {
    Boolean stored =
        jdbc.queryForObject(
            "select instance_admin from users where email = ?", Boolean.class, OWNER);

    assertThat(stored).isTrue();
    owner.createWorkspace("Made by the instance admin " + UUID.randomUUID());
  }

  @Test
  void the_probe_a_viewer_can_neither_create_a_workspace_nor_a_command_reading_the_key() {
    String viewerEmail = "probe-viewer-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, viewerEmail, "viewer-pass-123", "viewer");
    Api viewer = Api.login(port, viewerEmail, "viewer-pass-123");

    Api.Response workspace = viewer.post("/api/workspaces", Map.of("name", "Mine now"));

    assertThat(workspace.status()).isEqualTo(403);
    assertThat(workspace.error().get("code").asString()).isEqualTo("WORKSPACE_CREATION_RESTRICTED");
    assertThat(workspace.error().get("message").asString())
        .isEqualTo(
            "Workspaces can only be created by an instance administrator"
                + " (SWITCHBOARD_OPEN_WORKSPACES=false).");
    assertThat(viewer.get("/api/workspaces").data()).hasSize(1);
  }

  @Test
  void the_probe_an_owner_who_is_not_instance_admin_cannot_create_a_command_reading_the_key() {
    Api workspaceOwner = ownerOfOwnWorkspace();
    String key = TestDatabase.dataDir().resolve("secret.key").toString();

    Api.Response r =
        workspaceOwner.post(
            "/api/workspaces/" + ws + "/agents", aCommandAgent("cat", key).named("Key").body());

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error().get("code").asString()).isEqualTo("COMMAND_AGENTS_RESTRICTED");
    assertThat(r.error().get("message").asString())
        .isEqualTo(
            "Command agents can only be created or changed by an instance administrator"
                + " (SWITCHBOARD_COMMAND_AGENTS=admins).");
    assertThat(owner.get("/api/workspaces/" + ws + "/agents").data())
        .noneMatch(a -> a.get("command") != null && a.get("command").toString().contains(key));
  }

  @Test
  void a_workspace_admin_who_is_not_instance_admin_cannot_change_a_command_agent() {
    String agent = aCommandAgent("echo", "{{prompt}}").createIn(owner, ws);
    Api workspaceOwner = ownerOfOwnWorkspace();

    Api.Response rename =
        workspaceOwner.put("/api/workspaces/" + ws + "/agents/" + agent, Map.of("name", "Mine"));
    Api.Response recommand =
        workspaceOwner.put(
            "/api/workspaces/" + ws + "/agents/" + agent, Map.of("command", List.of("id")));

    assertThat(rename.status()).isEqualTo(403);
    assertThat(recommand.status()).isEqualTo(403);
    assertThat(recommand.error().get("code").asString()).isEqualTo("COMMAND_AGENTS_RESTRICTED");
    assertThat(agentOf(agent).get("command").get(0).asString()).isEqualTo("echo");
  }

  @Test
  void the_prompt_embedded_in_a_larger_argument_is_refused_naming_it() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            aCommandAgent("sh", "-c", "echo {{prompt}}").body());

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("command[2]");
    assertThat(r.error().get("message").asString())
        .startsWith("{{prompt}} must be a whole argument: argument 2 puts it inside other text");
  }

  @Test
  void the_prompt_as_a_whole_argument_is_accepted() {
    Api.Response r =
        owner.post(
            "/api/workspaces/" + ws + "/agents",
            aCommandAgent("claude", "--print", "{{prompt}}").body());

    assertThat(r.status()).isEqualTo(201);
  }

  @Test
  void a_working_directory_outside_the_workspaces_jobs_directory_is_refused() {
    for (String outside :
        List.of("/etc", "../" + UUID.randomUUID(), TestDatabase.dataDir().toString())) {
      Map<String, Object> body = new java.util.HashMap<>(aCommandAgent("pwd").body());
      body.put("workingDirectory", outside);

      Api.Response r = owner.post("/api/workspaces/" + ws + "/agents", body);

      assertThat(r.status()).as(outside).isEqualTo(400);
      assertThat(r.error().get("field").asString()).isEqualTo("workingDirectory");
    }
  }

  @Test
  void a_working_directory_inside_the_jobs_directory_is_stored_relative_to_it() {
    Path jobs = Path.of(TestDatabase.dataDir() + "-jobs").toAbsolutePath().resolve(ws);
    Map<String, Object> relative = new java.util.HashMap<>(aCommandAgent("pwd").body());
    relative.put("workingDirectory", "repo/./src");
    Map<String, Object> absolute = new java.util.HashMap<>(aCommandAgent("pwd").body());
    absolute.put("workingDirectory", jobs.resolve("other").toString());

    String a =
        owner
            .post("/api/workspaces/" + ws + "/agents", relative)
            .expect(201)
            .data()
            .get("id")
            .asString();
    String b =
        owner
            .post("/api/workspaces/" + ws + "/agents", absolute)
            .expect(201)
            .data()
            .get("id")
            .asString();

    assertThat(agentOf(a).get("workingDirectory").asString()).isEqualTo("repo/src");
    assertThat(agentOf(b).get("workingDirectory").asString()).isEqualTo("other");
  }

  private JsonNode agentOf(String id) {
    return owner.get("/api/workspaces/" + ws + "/agents/" + id).data();
  }

  /** A user the instance admin made an owner of the workspace: owner, not instance admin. */
  private Api ownerOfOwnWorkspace() {
    String email = "ws-owner-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, email, "ws-owner-pass-1", "owner");
    return Api.login(port, email, "ws-owner-pass-1");
  }
}
