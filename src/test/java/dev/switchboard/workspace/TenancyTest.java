package dev.switchboard.workspace;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class TenancyTest extends SwitchboardTestBase {

  @Test
  void ids_of_another_workspace_answer_404() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    String run = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, run, "completed");
    String email = "other-" + UUID.randomUUID() + "@test.local";
    String otherWs = owner.createWorkspace("Other " + UUID.randomUUID());
    owner.addMember(otherWs, email, "other-pass-1", "owner");
    Api stranger = Api.login(port, email, "other-pass-1");

    assertThat(stranger.get("/api/workspaces/" + ws + "/agents/" + agent).status()).isEqualTo(404);
    assertThat(stranger.get("/api/workspaces/" + otherWs + "/agents/" + agent).status())
        .isEqualTo(404);
    assertThat(stranger.get("/api/workspaces/" + otherWs + "/executions/" + run).status())
        .isEqualTo(404);
    assertThat(stranger.get("/api/workspaces/" + otherWs + "/executions/" + run + "/logs").status())
        .isEqualTo(404);
    assertThat(
            stranger
                .post("/api/workspaces/" + otherWs + "/agents/" + agent + "/trigger", null)
                .status())
        .isEqualTo(404);
    assertThat(
            stranger
                .post("/api/workspaces/" + otherWs + "/executions/" + run + "/cancel", null)
                .status())
        .isEqualTo(404);
  }

  @Test
  void a_forged_or_missing_token_is_401() {
    assertThat(owner.withToken("forged-token").get("/api/workspaces").status()).isEqualTo(401);
    assertThat(Api.anonymous(port).get("/api/workspaces").status()).isEqualTo(401);
    assertThat(
            Api.anonymous(port)
                .post("/api/auth/login", Map.of("email", OWNER, "password", "wrong"))
                .status())
        .isEqualTo(401);
  }

  @Test
  void an_expired_token_is_401() {
    Api fresh = Api.login(port, OWNER, OWNER_PASSWORD);
    clock.advance(Accounts.TOKEN_LIFETIME.plus(Duration.ofMinutes(1)));

    assertThat(fresh.get("/api/workspaces").status()).isEqualTo(401);
  }

  @Test
  void members_cannot_create_command_agents_and_viewers_cannot_change_anything() {
    owner.addMember(ws, "m2-" + UUID.randomUUID() + "@test.local", "member-pass-2", "member");
    String viewerEmail = "v2-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, viewerEmail, "viewer-pass-2", "viewer");
    Api viewer = Api.login(port, viewerEmail, "viewer-pass-2");
    String memberEmail = "m3-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, memberEmail, "member-pass-3", "member");
    Api member = Api.login(port, memberEmail, "member-pass-3");

    assertThat(
            member
                .post("/api/workspaces/" + ws + "/agents", aCommandAgent("echo", "hi").body())
                .status())
        .isEqualTo(403);
    assertThat(viewer.post("/api/workspaces/" + ws + "/agents", anAgent().body()).status())
        .isEqualTo(403);
    assertThat(viewer.get("/api/workspaces/" + ws + "/agents").status()).isEqualTo(200);
  }

  @Test
  void the_first_owner_password_is_stored_hashed() {
    String hash =
        jdbc.queryForObject("select password_hash from users where email = ?", String.class, OWNER);

    assertThat(hash).startsWith("$2").doesNotContain(OWNER_PASSWORD);
  }
}
