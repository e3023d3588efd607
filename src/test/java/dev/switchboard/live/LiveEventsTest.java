package dev.switchboard.live;

import static dev.switchboard.live.LiveClient.event;
import static dev.switchboard.live.LiveClient.type;
import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.notification.Notifier;
import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@org.junit.jupiter.api.Tag("db")
class LiveEventsTest extends SwitchboardTestBase {

  @Autowired JsonMapper json;
  @Autowired Notifier notifier;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;

  /** The owner's bearer token, for the WebSocket. */
  private String token() {
    return owner.token();
  }

  private String liveAgent(String name) {
    return anAgent()
        .named(name)
        .live()
        .withSteps(step("remember", Map.of("key", "k", "value", "v")))
        .createIn(owner, ws);
  }

  @Test
  void subscriber_of_an_agent_sees_its_run_from_start_to_completion() throws Exception {
    String agent = liveAgent("Watched " + UUID.randomUUID());
    String topic = "workspace:" + ws + ":agent:" + agent;
    try (LiveClient client = LiveClient.connect(json, port, token())) {
      client.send("subscribe", topic);
      client.await(type("subscribed", topic));
      JsonNode snapshot = client.await(type("snapshot", topic));
      assertThat(snapshot.path("data").path("agentId").asString()).isEqualTo(agent);
      assertThat(snapshot.path("data").path("latestExecution").isNull()).isTrue();

      String execution = Runs.trigger(owner, ws, agent);

      JsonNode completed = client.await(event("execution:completed", topic));
      assertThat(completed.path("data").path("executionId").asString()).isEqualTo(execution);
      assertThat(completed.path("data").path("success").asBoolean()).isTrue();
      assertThat(completed.path("data").has("processedCount")).isTrue();
      assertThat(completed.path("data").has("summary")).isTrue();

      JsonNode started = client.await(event("execution:started", topic));
      assertThat(started.path("data").path("executionId").asString()).isEqualTo(execution);
      assertThat(started.path("data").path("agentId").asString()).isEqualTo(agent);
      assertThat(Instant.parse(started.path("data").path("startedAt").asString()))
          .isBeforeOrEqualTo(clock.instant());

      List<String> events =
          client.on(topic).stream()
              .filter(m -> m.path("type").asString().equals("event"))
              .map(m -> m.path("event").asString())
              .toList();
      assertThat(events.indexOf("execution:started"))
          .isLessThan(events.indexOf("execution:completed"));
      assertThat(client.on(topic).getFirst().path("type").asString()).isEqualTo("subscribed");
      assertThat(client.on(topic).get(1).path("type").asString()).isEqualTo("snapshot");
    }
  }

  @Test
  void workspace_and_execution_topics_get_the_same_run() throws Exception {
    String agent = liveAgent("Fanned " + UUID.randomUUID());
    String workspaceTopic = "workspace:" + ws;
    try (LiveClient client = LiveClient.connect(json, port, token())) {
      client.send("subscribe", workspaceTopic);
      client.await(type("snapshot", workspaceTopic));

      String execution = Runs.trigger(owner, ws, agent);
      String executionTopic = "execution:" + execution;
      client.send("subscribe", executionTopic);

      JsonNode done = client.await(event("execution:completed", workspaceTopic));
      assertThat(done.path("data").path("executionId").asString()).isEqualTo(execution);
      client.await(type("snapshot", executionTopic));
      // Either the snapshot already shows the end, or the completed event follows it.
      await().atMost(Duration.ofSeconds(15)).until(() -> endsCompleted(client.on(executionTopic)));
    }
  }

  private static boolean endsCompleted(List<JsonNode> messages) {
    return messages.stream()
        .anyMatch(m ->
            ("snapshot".equals(m.path("type").asString())
                    && "completed".equals(m.path("data").path("status").asString()))
                || "execution:completed".equals(m.path("event").asString()));
  }

  @Test
  void foreign_topic_is_forbidden() throws Exception {
    String other = "other-" + UUID.randomUUID() + "@test.local";
    String theirs = owner.createWorkspace("Theirs " + UUID.randomUUID());
    owner.addMember(theirs, other, "other-pass-123", "member");
    String stranger = Api.login(port, other, "other-pass-123").token();
    String agent = liveAgent("Private " + UUID.randomUUID());
    String execution = Runs.trigger(owner, ws, agent);

    try (LiveClient client = LiveClient.connect(json, port, stranger)) {
      for (String topic :
          List.of(
              "workspace:" + ws,
              "workspace:" + ws + ":agent:" + agent,
              "execution:" + execution,
              "execution:" + UUID.randomUUID(),
              "work-order:" + UUID.randomUUID(),
              "no-such-topic")) {
        client.send("subscribe", topic);
        JsonNode error = client.await(type("error", topic));
        assertThat(error.path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(error.path("message").asString()).isEqualTo("Not a topic you may watch");
      }
      client.send("subscribe", "workspace:" + theirs);
      client.await(type("subscribed", "workspace:" + theirs));
      assertThat(client.received()).noneMatch(m -> m.path("type").asString().equals("event"));
    }
  }

  @Test
  void viewer_may_watch_its_workspace() throws Exception {
    String viewer = "viewer-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, viewer, "viewer-pass-123", "viewer");
    String token = Api.login(port, viewer, "viewer-pass-123").token();
    try (LiveClient client = LiveClient.connect(json, port, token)) {
      client.send("subscribe", "workspace:" + ws);
      client.await(type("subscribed", "workspace:" + ws));
    }
  }

  @Test
  void connection_without_token_is_refused_with_401() {
    for (String query : List.of("", "?token=not-a-token")) {
      assertThatThrownBy(() ->
              HttpClient.newHttpClient()
                  .newWebSocketBuilder()
                  .buildAsync(
                      URI.create("ws://localhost:" + port + "/ws" + query),
                      new WebSocket.Listener() {})
                  .get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
    }
  }

  @Test
  void late_subscriber_to_a_finished_execution_gets_a_completed_snapshot() throws Exception {
    String agent = liveAgent("Finished " + UUID.randomUUID());
    String execution = Runs.trigger(owner, ws, agent);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Runs.get(owner, ws, execution).path("status").asString(), "completed"::equals);

    String topic = "execution:" + execution;
    try (LiveClient client = LiveClient.connect(json, port, token())) {
      client.send("subscribe", topic);
      JsonNode data = client.await(type("snapshot", topic)).path("data");
      assertThat(data.path("executionId").asString()).isEqualTo(execution);
      assertThat(data.path("status").asString()).isEqualTo("completed");
      assertThat(data.path("steps").isArray()).isTrue();
      assertThat(data.path("steps")).isNotEmpty();
      assertThat(data.path("logTail").isArray()).isTrue();
      long lastSeq = data.path("lastSeq").asLong();
      assertThat(lastSeq)
          .isEqualTo(
              data.path("logTail").size() == 0
                  ? 0
                  : data.path("logTail").get(data.path("logTail").size() - 1).path("seq").asLong());
    }
  }

  @Test
  void a_members_snapshot_of_a_run_holds_its_system_log_lines_only() throws Exception {
    String agent = liveAgent("Printed " + UUID.randomUUID());
    String execution = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, execution, "completed");
    jdbc.update(
        "insert into execution_logs (execution_id, seq, stream, line, ts) values (?, 10000,"
            + " 'stdout', 'printed by the run', ?)",
        UUID.fromString(execution),
        java.time.OffsetDateTime.now(clock));
    String member = "member-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, member, "member-pass-123", "member");
    String topic = "execution:" + execution;

    for (String token : List.of(Api.login(port, member, "member-pass-123").token(), token())) {
      try (LiveClient client = LiveClient.connect(json, port, token)) {
        client.send("subscribe", topic);
        JsonNode data = client.await(type("snapshot", topic)).path("data");
        List<String> streams = new java.util.ArrayList<>();
        data.path("logTail").forEach(l -> streams.add(l.path("stream").asString()));
        if (token.equals(token())) {
          assertThat(streams).contains("system", "stdout");
        } else {
          assertThat(streams).isNotEmpty().containsOnly("system");
          assertThat(data.path("steps").get(0).has("result")).isFalse();
        }
      }
    }
  }

  @Test
  void malformed_or_unknown_messages_are_bad_requests() throws Exception {
    try (LiveClient client = LiveClient.connect(json, port, token())) {
      client.sendRaw("not json");
      client.sendRaw("{\"type\":\"shout\",\"topic\":\"workspace:" + ws + "\"}");
      client.sendRaw("{\"type\":\"ping\"}");
      client.await(m -> m.path("type").asString().equals("pong"));
      List<JsonNode> errors =
          client.received().stream()
              .filter(m -> m.path("type").asString().equals("error"))
              .toList();
      assertThat(errors)
          .extracting(m -> m.path("code").asString())
          .containsExactly("BAD_REQUEST", "BAD_REQUEST");
    }
  }

  @Test
  void unsubscribed_topic_gets_no_more_events() throws Exception {
    String agent = liveAgent("Left " + UUID.randomUUID());
    String topic = "workspace:" + ws + ":agent:" + agent;
    String marker = "workspace:" + ws;
    try (LiveClient client = LiveClient.connect(json, port, token())) {
      client.send("subscribe", topic);
      client.await(type("snapshot", topic));
      client.send("unsubscribe", topic);
      client.await(type("unsubscribed", topic));
      client.send("subscribe", marker);
      client.await(type("snapshot", marker));

      String execution = Runs.trigger(owner, ws, agent);

      client.await(m ->
          event("execution:completed", marker).test(m)
              && m.path("data").path("executionId").asString().equals(execution));
      assertThat(client.on(topic)).noneMatch(m -> m.path("type").asString().equals("event"));
    }
  }

  @Test
  void notification_reaches_only_its_recipient_on_the_workspace_topic() throws Exception {
    String colleague = "colleague-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, colleague, "colleague-pass-123", "member");
    JsonNode login =
        Api.anonymous(port)
            .post(
                "/api/auth/login",
                java.util.Map.of("email", colleague, "password", "colleague-pass-123"))
            .expect(200)
            .data();
    String topic = "workspace:" + ws;
    try (LiveClient mine = LiveClient.connect(json, port, token());
        LiveClient theirs = LiveClient.connect(json, port, login.path("token").asString())) {
      mine.send("subscribe", topic);
      theirs.send("subscribe", topic);
      mine.await(type("snapshot", topic));
      theirs.await(type("snapshot", topic));

      notifier.notify(
          UUID.fromString(ws),
          UUID.fromString(login.path("user").path("id").asString()),
          "test",
          "Hello colleague",
          null);

      JsonNode ring = theirs.await(event("notification:created", topic));
      assertThat(ring.path("data").path("message").asString()).isEqualTo("Hello colleague");
      mine.send("ping", topic);
      mine.await(m -> m.path("type").asString().equals("pong"));
      assertThat(mine.received())
          .noneMatch(m -> m.path("event").asString("").equals("notification:created"));
    }
  }

  @Test
  void a_notification_whose_transaction_rolls_back_reaches_nobody_and_leaves_no_row()
      throws Exception {
    UUID me = jdbc.queryForObject("select id from users where email = ?", UUID.class, OWNER);
    String topic = "workspace:" + ws;
    String rolledBack = "Never happened " + UUID.randomUUID();
    try (LiveClient client = LiveClient.connect(json, port, token())) {
      client.send("subscribe", topic);
      client.await(type("snapshot", topic));

      tx.executeWithoutResult(status -> {
        notifier.notify(UUID.fromString(ws), me, "test", rolledBack, null);
        status.setRollbackOnly();
      });
      notifier.notify(UUID.fromString(ws), me, "test", "Marker after the rollback", null);

      client.await(m ->
          event("notification:created", topic).test(m)
              && m.path("data").path("message").asString().equals("Marker after the rollback"));
      assertThat(client.received())
          .noneMatch(m -> m.path("data").path("message").asString("").equals(rolledBack));
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from notifications where message = ?", Integer.class, rolledBack))
        .isZero();
  }
}
