package dev.switchboard.live;

import static dev.switchboard.live.LiveClient.event;
import static dev.switchboard.live.LiveClient.type;
import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who may watch what: topics must hold together, and a removed member stops watching. */
@Tag("db")
class LiveAccessTest extends SwitchboardTestBase {

  @Autowired JsonMapper json;

  @Test
  void an_agent_topic_naming_another_workspace_than_the_agents_is_forbidden() throws Exception {
    String otherWs = owner.createWorkspace("Topic B " + UUID.randomUUID());
    String agentOfA = remembering(ws);
    String forged = "workspace:" + otherWs + ":agent:" + agentOfA;
    String real = "workspace:" + ws + ":agent:" + agentOfA;
    try (LiveClient client = LiveClient.connect(json, port, owner.token())) {
      client.send("subscribe", forged);
      JsonNode refused = client.await(type("error", forged));
      client.send("subscribe", real);
      client.await(type("subscribed", real));

      assertThat(refused.path("code").asString()).isEqualTo("FORBIDDEN");
      assertThat(client.on(forged)).hasSize(1);
    }
  }

  @Test
  void a_removed_member_loses_every_subscription_to_the_workspace_and_its_events()
      throws Exception {
    String email = "removed-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, email, "removed-pass-1", "member");
    Api member = Api.login(port, email, "removed-pass-1");
    String agent = remembering(ws);
    String earlier = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, earlier, "completed");
    List<String> topics =
        List.of("workspace:" + ws, "workspace:" + ws + ":agent:" + agent, "execution:" + earlier);
    try (LiveClient watcher = LiveClient.connect(json, port, member.token());
        LiveClient ownerWatch = LiveClient.connect(json, port, owner.token())) {
      for (String topic : topics) {
        watcher.send("subscribe", topic);
        watcher.await(type("snapshot", topic));
      }
      String agentTopic = topics.get(1);
      ownerWatch.send("subscribe", agentTopic);
      ownerWatch.await(type("snapshot", agentTopic));

      owner.delete("/api/workspaces/" + ws + "/members/" + userId(email)).expect(200);

      for (String topic : topics) {
        JsonNode ended = watcher.await(type("error", topic));
        assertThat(ended.path("code").asString()).as(topic).isEqualTo("FORBIDDEN");
      }
      String run = Runs.trigger(owner, ws, agent);
      ownerWatch.await(event("execution:completed", agentTopic));
      assertThat(watcher.received())
          .filteredOn(m -> "event".equals(m.path("type").asString()))
          .noneMatch(m -> run.equals(m.path("data").path("executionId").asString()));
      watcher.send("subscribe", agentTopic);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> watcher.on(agentTopic).stream().filter(m -> isError(m)).count() == 2);
      List<String> kinds =
          watcher.on(agentTopic).stream().map(m -> m.path("type").asString()).toList();
      assertThat(kinds.subList(kinds.indexOf("error"), kinds.size())).containsOnly("error");
    }
    assertThat(member.get("/api/workspaces/" + ws + "/agents").status()).isEqualTo(404);
    assertThat(member.page("/w/" + ws + "/agents").status()).isEqualTo(404);
  }

  private static boolean isError(JsonNode m) {
    return "error".equals(m.path("type").asString())
        && "FORBIDDEN".equals(m.path("code").asString());
  }

  private String userId(String email) {
    return jdbc.queryForObject("select id from users where email = ?", UUID.class, email)
        .toString();
  }

  private String remembering(String workspace) {
    return anAgent()
        .live()
        .withSteps(step("remember", Map.of("key", "k", "value", "v")))
        .createIn(owner, workspace);
  }
}
