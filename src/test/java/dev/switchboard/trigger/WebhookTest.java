package dev.switchboard.trigger;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A webhook trigger's secret URL: no bearer, JSON object in, 202 with the run out. */
@Tag("db")
class WebhookTest extends SwitchboardTestBase {

  @Test
  void a_json_post_to_the_secret_url_runs_the_agent_with_the_payload() {
    JsonNode agent = createAgent(true);
    Api.Response r =
        Api.anonymous(port).post(url(agent), Map.of("email", "ada@example.com", "plan", "pro"));

    r.expect(202);
    String executionId = r.data().get("executionId").asString();
    JsonNode run = Runs.awaitStatus(owner, ws, executionId, "completed", "failed");
    assertThat(run.get("status").asString()).isEqualTo("completed");
    assertThat(run.get("triggerType").asString()).isEqualTo("webhook");
    assertThat(run.get("triggerContext").get("context").get("payload").get("email").asString())
        .isEqualTo("ada@example.com");
    assertThat(owner.get("/api/workspaces/" + ws + "/executions/" + executionId + "/logs").body())
        .contains("Condition payload.plan == \\\"pro\\\" is true");
  }

  @Test
  void a_paused_agent_records_a_skipped_run() {
    JsonNode agent = createAgent(false);
    owner
        .post(
            "/api/workspaces/" + ws + "/agents/" + agent.get("id").asString() + "/status",
            Map.of("status", "paused"))
        .expect(200);

    Api.Response r = Api.anonymous(port).post(url(agent), Map.of("a", 1)).expect(202);

    assertThat(r.data().get("status").asString()).isEqualTo("skipped");
  }

  @Test
  void bad_bodies_and_wrong_secrets_are_refused() {
    JsonNode agent = createAgent(true);
    Api anonymous = Api.anonymous(port);

    assertThat(anonymous.postRaw(url(agent), "not json").status()).isEqualTo(400);
    assertThat(anonymous.postRaw(url(agent), "[1, 2]").status()).isEqualTo(400);
    assertThat(
            anonymous
                .postRaw(url(agent), "{\"big\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .status())
        .isEqualTo(413);
    assertThat(anonymous.post("/api/hooks/not-a-secret", Map.of("a", 1)).status()).isEqualTo(404);
    assertThat(anonymous.postRaw(url(agent), "{\"ok\": true}").status()).isEqualTo(202);
  }

  @Test
  void rotating_replaces_the_secret() {
    JsonNode agent = createAgent(true);
    String old = url(agent);
    String triggerId = agent.get("triggers").get(0).get("id").asString();
    String rotate =
        "/api/workspaces/"
            + ws
            + "/agents/"
            + agent.get("id").asString()
            + "/triggers/"
            + triggerId
            + "/rotate";

    String fresh = owner.post(rotate, null).expect(200).data().get("url").asString();

    assertThat(fresh).isNotEqualTo(old).startsWith("/api/hooks/");
    assertThat(Api.anonymous(port).post(old, Map.of("a", 1)).status()).isEqualTo(404);
    assertThat(Api.anonymous(port).post(fresh, Map.of("a", 1)).status()).isEqualTo(202);
    owner.addMember(ws, "hook-member@test.local", "member-pass-123", "member");
    Api member = Api.login(port, "hook-member@test.local", "member-pass-123");
    assertThat(member.post(rotate, null).status()).isEqualTo(403);
  }

  private JsonNode createAgent(boolean live) {
    var builder =
        anAgent()
            .withSteps(
                Map.of(
                    "type",
                    "if",
                    "condition",
                    Map.of("field", "payload.plan", "operator", "==", "value", "pro"),
                    "then",
                    List.of(step("remember", Map.of("key", "seen", "value", "@payload.email"))),
                    "else",
                    List.of()))
            .withTriggers(Map.of("type", "webhook"));
    if (live) {
      builder.live();
    }
    return owner.post("/api/workspaces/" + ws + "/agents", builder.body()).expect(201).data();
  }

  private static String url(JsonNode agent) {
    return agent.get("triggers").get(0).get("url").asString();
  }
}
