package dev.switchboard.live;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The WebSocket {@code chat} message: chat:reply at once, then chat:update as the task moves. */
@Tag("db")
class ChatOverSocketTest extends SwitchboardTestBase {

  @Autowired JsonMapper json;

  private String agentNamed(String... argv) {
    String name = "Socket agent " + System.nanoTime();
    aCommandAgent(argv).named(name).live().createIn(owner, ws);
    return name;
  }

  private void say(LiveClient client, String workspaceId, String text, String clientMessageId) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "chat");
    message.put("workspaceId", workspaceId);
    message.put("text", text);
    message.put("clientMessageId", clientMessageId);
    client.sendRaw(json.writeValueAsString(message));
  }

  private static Predicate<JsonNode> reply(String clientMessageId) {
    return m ->
        "chat:reply".equals(m.path("type").asString(null))
            && clientMessageId.equals(m.path("clientMessageId").asString(null));
  }

  private static Predicate<JsonNode> update(String clientMessageId, String status) {
    return m ->
        "chat:update".equals(m.path("type").asString(null))
            && clientMessageId.equals(m.path("clientMessageId").asString(null))
            && status.equals(m.path("status").asString(null));
  }

  private static Predicate<JsonNode> error(String clientMessageId) {
    return m ->
        "error".equals(m.path("type").asString(null))
            && clientMessageId.equals(m.path("clientMessageId").asString(null));
  }

  private List<String> statuses(LiveClient client, String clientMessageId) {
    List<String> out = new ArrayList<>();
    client.received().stream()
        .filter(m -> "chat:update".equals(m.path("type").asString(null)))
        .filter(m -> clientMessageId.equals(m.path("clientMessageId").asString(null)))
        .forEach(m -> out.add(m.path("status").asString()));
    return out;
  }

  @Test
  void a_task_is_answered_at_once_then_followed_from_queued_with_its_position_to_review()
      throws Exception {
    String name = agentNamed("sleep", "2");
    String first = "m-" + UUID.randomUUID();
    String id = "m-" + UUID.randomUUID();
    try (LiveClient client = LiveClient.connect(json, port, owner.token())) {
      say(client, ws, "/task @" + name + " Keep the agent busy", first);
      client.await(reply(first));
      say(client, ws, "/task @" + name + " Write the release notes", id);

      JsonNode reply = client.await(reply(id));
      assertThat(reply.path("workspaceId").asString()).isEqualTo(ws);
      assertThat(reply.path("reply").path("kind").asString()).isEqualTo("success");
      assertThat(reply.path("reply").path("text").asString())
          .startsWith("Task created and launched");
      String workOrderId = reply.path("workOrder").path("id").asString();
      String executionId = reply.path("execution").path("executionId").asString();
      assertThat(reply.path("execution").path("runNumber").asInt()).isEqualTo(1);

      JsonNode queued = client.await(update(id, "queued"));
      client.await(update(id, "running"));
      JsonNode review = client.await(update(id, "review"));

      assertThat(queued.path("topic").asString()).isEqualTo("work-order:" + workOrderId);
      assertThat(queued.path("workOrderId").asString()).isEqualTo(workOrderId);
      assertThat(queued.path("executionId").asString()).isEqualTo(executionId);
      assertThat(queued.path("queuePosition").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(queued.path("queueReason").path("code").asString()).isEqualTo("agent_busy");
      assertThat(review.path("executionId").asString()).isEqualTo(executionId);
      assertThat(review.path("runNumber").asInt()).isEqualTo(1);
      assertThat(statuses(client, id)).containsSubsequence("queued", "running", "review");
      assertThat(statuses(client, id).getLast()).isEqualTo("review");
    }
  }

  @Test
  void a_failing_task_is_followed_to_failed() throws Exception {
    String name = agentNamed("false");
    String id = "m-" + UUID.randomUUID();
    try (LiveClient client = LiveClient.connect(json, port, owner.token())) {
      say(client, ws, "/task @" + name + " Break the build", id);

      client.await(reply(id));
      client.await(update(id, "failed"));

      assertThat(statuses(client, id)).doesNotContain("review");
    }
  }

  @Test
  void a_removed_member_stops_getting_updates_of_the_task_they_started() throws Exception {
    String email = "chat-removed-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, email, "removed-pass-1", "member");
    Api member = Api.login(port, email, "removed-pass-1");
    String name = agentNamed("sleep", "2");
    String id = "m-" + UUID.randomUUID();
    try (LiveClient client = LiveClient.connect(json, port, member.token())) {
      say(client, ws, "/task @" + name + " Outlive the membership", id);
      String workOrderId = client.await(reply(id)).path("workOrder").path("id").asString();
      UUID userId = jdbc.queryForObject("select id from users where email = ?", UUID.class, email);

      owner.delete("/api/workspaces/" + ws + "/members/" + userId).expect(200);

      JsonNode ended =
          client.await(m ->
              "error".equals(m.path("type").asString(null))
                  && ("work-order:" + workOrderId).equals(m.path("topic").asString(null)));
      assertThat(ended.path("code").asString()).isEqualTo("FORBIDDEN");
      int seen = client.received().size();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() ->
              owner
                  .get("/api/workspaces/" + ws + "/work-orders/" + workOrderId)
                  .expect(200)
                  .data()
                  .path("status")
                  .asString()
                  .equals("review"));
      List<JsonNode> all = List.copyOf(client.received());
      assertThat(all.subList(seen, all.size()))
          .noneMatch(m -> "chat:update".equals(m.path("type").asString(null)));
    }
  }

  @Test
  void a_redelivered_message_gets_the_first_reply_and_creates_nothing() throws Exception {
    String name = agentNamed("echo", "{{prompt}}");
    String title = "Only once " + System.nanoTime();
    String id = "m-" + UUID.randomUUID();
    try (LiveClient client = LiveClient.connect(json, port, owner.token())) {
      say(client, ws, "/task @" + name + " " + title, id);
      String first = client.await(reply(id)).path("workOrder").path("id").asString();
      say(client, ws, "/task @" + name + " " + title, id);
      client.await(m -> client.received().stream().filter(reply(id)).count() == 2);

      List<JsonNode> replies = client.received().stream().filter(reply(id)).toList();
      assertThat(replies.get(1).path("workOrder").path("id").asString()).isEqualTo(first);
      // The HTTP form shares the key: the same clientMessageId there is the same message.
      JsonNode overHttp =
          owner
              .post(
                  "/api/workspaces/" + ws + "/chat",
                  Map.of("text", "/task @" + name + " " + title, "clientMessageId", id))
              .expect(200)
              .data();
      assertThat(overHttp.path("workOrder").path("id").asString()).isEqualTo(first);
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from work_orders where title = ?", Long.class, title))
        .isEqualTo(1);
  }

  @Test
  void viewers_get_the_api_roles_and_strangers_and_bad_messages_get_errors() throws Exception {
    owner.addMember(ws, "socket-viewer@test.local", "viewer-pass-123", "viewer");
    Api viewer = Api.login(port, "socket-viewer@test.local", "viewer-pass-123");
    String foreign = owner.createWorkspace("Not the viewer's " + System.nanoTime());
    try (LiveClient client = LiveClient.connect(json, port, viewer.token())) {
      say(client, ws, "/task Sneaky", "v1");
      say(client, ws, "/help", "v2");
      say(client, foreign, "/help", "v3");
      say(client, ws, "x".repeat(100_000), "v4");
      client.sendRaw(
          "{\"type\":\"chat\",\"workspaceId\":\"nope\",\"text\":\"/help\",\"clientMessageId\":\"v5\"}");

      JsonNode refused = client.await(reply("v1"));
      assertThat(refused.path("reply").path("kind").asString()).isEqualTo("error");
      assertThat(refused.path("workOrder").isNull()).isTrue();
      String help = client.await(reply("v2")).path("reply").path("text").asString();
      assertThat(help).contains("/status", "/help").doesNotContain("/task", "/stop");
      assertThat(client.await(error("v3")).path("code").asString()).isEqualTo("FORBIDDEN");
      JsonNode tooLong = client.await(error("v4"));
      assertThat(tooLong.path("code").asString()).isEqualTo("VALIDATION_ERROR");
      assertThat(tooLong.path("field").asString()).isEqualTo("text");
      assertThat(client.await(error("v5")).path("field").asString()).isEqualTo("workspaceId");
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from work_orders where title = 'Sneaky'", Long.class))
        .isZero();
  }
}
