package dev.switchboard.agent;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The loosest settings: anyone may create a workspace and its owners and admins define command
 * agents, limited to an allowlist. Even so, a command of a workspace's choosing finds no secret in
 * its environment and works in the workspace's jobs directory; run as root here, it also runs
 * behind a setpriv sandbox as nobody and cannot read the secrets key.
 */
@TestPropertySource(
    properties = {
      "switchboard.command-agents=workspace-admins",
      "switchboard.open-workspaces=true",
      "switchboard.command-allowlist=sh, echo, /usr/bin/printf"
    })
@Tag("db")
class WorkspaceAdminCommandsTest extends SwitchboardTestBase {

  static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  @DynamicPropertySource
  static void sandbox(DynamicPropertyRegistry registry) {
    if (ROOT) {
      registry.add(
          "switchboard.command-sandbox",
          () -> "setpriv --reuid=nobody --regid=nogroup --clear-groups --");
    }
  }

  @Test
  void anyone_may_create_a_workspace_and_define_command_agents_there() {
    Api user = someUser();
    String mine = user.createWorkspace("Mine " + UUID.randomUUID());

    Api.Response r =
        user.post(
            "/api/workspaces/" + mine + "/agents", aCommandAgent("echo", "{{prompt}}").body());

    assertThat(r.status()).isEqualTo(201);
  }

  @Test
  void members_may_not_define_command_agents_and_are_told_why() {
    String email = "member-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, email, "member-pass-123", "member");
    Api member = Api.login(port, email, "member-pass-123");

    Api.Response r =
        member.post("/api/workspaces/" + ws + "/agents", aCommandAgent("echo", "hi").body());

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error().get("code").asString()).isEqualTo("COMMAND_AGENTS_RESTRICTED");
    assertThat(r.error().get("message").asString())
        .isEqualTo(
            "Command agents can only be created or changed by the workspace's owners and admins"
                + " (SWITCHBOARD_COMMAND_AGENTS=workspace-admins).");
  }

  @Test
  void an_executable_outside_the_allowlist_is_refused_naming_command_0() {
    for (List<String> command :
        List.of(
            List.of("cat", "/etc/hostname"), List.of("/bin/echo", "x"), List.of("printf", "x"))) {
      Api.Response r =
          owner.post(
              "/api/workspaces/" + ws + "/agents",
              aCommandAgent(command.toArray(String[]::new)).body());

      assertThat(r.status()).as(command.toString()).isEqualTo(400);
      assertThat(r.error().get("field").asString()).isEqualTo("command[0]");
      assertThat(r.error().get("message").asString())
          .isEqualTo(
              "'"
                  + command.getFirst()
                  + "' is not an executable this instance allows (SWITCHBOARD_COMMAND_ALLOWLIST:"
                  + " /usr/bin/printf, echo, sh).");
    }
  }

  @Test
  void the_probe_a_command_of_a_workspaces_choosing_reaches_no_secret() throws Exception {
    Api user = someUser();
    String mine = user.createWorkspace("Probe " + UUID.randomUUID());
    Path key = TestDatabase.dataDir().resolve("secret.key");
    String agent =
        aCommandAgent("sh", "-c", "env; echo cwd=$(pwd); cat " + key).live().createIn(user, mine);

    String run = Runs.trigger(user, mine, agent);
    Runs.awaitStatus(user, mine, run, "completed", "failed");

    List<String> lines = logLines(user, mine, run);
    Path jobs = Path.of(TestDatabase.dataDir() + "-jobs").resolve(mine).toRealPath();
    assertThat(lines)
        .contains("stdout cwd=" + jobs)
        .contains("stdout PATH=" + System.getenv("PATH"));
    assertThat(lines)
        .noneMatch(l -> l.startsWith("stdout SWITCHBOARD_") || l.startsWith("stdout SPRING_"));
    if (ROOT) {
      String secret = Files.readString(key).strip();
      assertThat(lines).noneMatch(l -> l.contains(secret));
      assertThat(lines).anyMatch(l -> l.startsWith("stderr") && l.contains("Permission denied"));
    }
  }

  private Api someUser() {
    String email = "user-" + UUID.randomUUID() + "@test.local";
    String other = owner.createWorkspace("Sign-up " + UUID.randomUUID());
    owner.addMember(other, email, "user-pass-1234", "viewer");
    return Api.login(port, email, "user-pass-1234");
  }

  private static List<String> logLines(Api api, String ws, String run) {
    JsonNode page =
        api.get("/api/workspaces/" + ws + "/executions/" + run + "/logs?after=0").data();
    List<String> lines = new ArrayList<>();
    page.get("lines")
        .forEach(l -> lines.add(l.get("stream").asString() + " " + l.get("line").asString()));
    return lines;
  }
}
