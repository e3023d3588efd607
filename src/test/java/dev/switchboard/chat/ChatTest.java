package dev.switchboard.chat;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class ChatTest extends SwitchboardTestBase {

  private String chat() {
    return "/api/workspaces/" + ws + "/chat";
  }

  private JsonNode say(Api api, String text) {
    return api.post(chat(), Map.of("text", text)).expect(200).data();
  }

  private JsonNode workOrder(String id) {
    return owner.get("/api/workspaces/" + ws + "/work-orders/" + id).expect(200).data();
  }

  @Test
  void task_creates_and_launches_a_work_order_that_reaches_running_with_its_audit_trail() {
    String agent =
        aCommandAgent("sleep", "2")
            .named("Sleeper " + System.nanoTime())
            .live()
            .createIn(owner, ws);
    String name =
        owner.get("/api/workspaces/" + ws + "/agents/" + agent).data().get("name").asString();

    long before = System.nanoTime();
    JsonNode answer = say(owner, "/task @" + name + " Implement user authentication");
    long replyMillis = (System.nanoTime() - before) / 1_000_000;

    assertThat(answer.get("reply").get("kind").asString()).isEqualTo("success");
    assertThat(answer.get("reply").get("text").asString()).startsWith("Task created and launched");
    String id = answer.get("workOrder").get("id").asString();
    assertThat(answer.get("reply").get("text").asString()).contains(id).contains("run #1");
    assertThat(answer.get("workOrder").get("title").asString())
        .isEqualTo("Implement user authentication");
    assertThat(answer.get("execution").get("runNumber").asInt()).isEqualTo(1);
    assertThat(replyMillis).isLessThan(5_000);
    JsonNode running =
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> workOrder(id), w -> w.get("status").asString().equals("running"));
    List<String> moves = new ArrayList<>();
    running.get("transitions").forEach(t -> moves.add(t.get("to").asString()));
    assertThat(moves).containsExactly("draft", "approved", "queued", "running");
    assertThat(running.get("agentId").asString()).isEqualTo(agent);
    JsonNode run = running.get("runs").get(0);
    assertThat(run.get("triggerType").asString()).isEqualTo("chat");
  }

  @Test
  void a_repeated_client_message_id_creates_the_work_order_once() {
    String agent =
        aCommandAgent("echo", "{{prompt}}")
            .named("Echo " + System.nanoTime())
            .live()
            .createIn(owner, ws);
    String name =
        owner.get("/api/workspaces/" + ws + "/agents/" + agent).data().get("name").asString();
    String text = "/task @" + name + " Once " + System.nanoTime();
    Map<String, Object> body = Map.of("text", text, "clientMessageId", "m-" + System.nanoTime());

    String first =
        owner.post(chat(), body).expect(200).data().get("workOrder").get("id").asString();
    String again =
        owner.post(chat(), body).expect(200).data().get("workOrder").get("id").asString();

    assertThat(again).isEqualTo(first);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from work_orders where title = ?",
                Long.class,
                text.substring(text.indexOf(" Once ") + 1)))
        .isEqualTo(1);
  }

  @Test
  void help_lists_only_what_the_role_may_use_and_viewers_cannot_start_tasks() {
    owner.addMember(ws, "chat-viewer@test.local", "viewer-pass-123", "viewer");
    Api viewer = Api.login(port, "chat-viewer@test.local", "viewer-pass-123");

    String ownerHelp = say(owner, "/help").get("reply").get("text").asString();
    String viewerHelp = say(viewer, "/help").get("reply").get("text").asString();

    assertThat(ownerHelp).contains("/task", "/run", "/stop", "/status", "/help");
    assertThat(viewerHelp).contains("/status", "/help").doesNotContain("/task", "/run", "/stop");
    JsonNode refused = say(viewer, "/task Sneaky");
    assertThat(refused.get("reply").get("kind").asString()).isEqualTo("error");
    assertThat(refused.has("workOrder") && !refused.get("workOrder").isNull()).isFalse();
    assertThat(say(viewer, "/status").get("reply").get("kind").asString()).isEqualTo("info");
  }

  @Test
  void agents_sharing_a_name_are_not_guessed_at() {
    String name = "Twin " + System.nanoTime();
    aCommandAgent("echo", "one").named(name).live().createIn(owner, ws);
    aCommandAgent("echo", "two").named(name).live().createIn(owner, ws);

    for (String text : new String[] {"/task @" + name + " Write the docs", "/run " + name}) {
      JsonNode answer = say(owner, text);
      assertThat(answer.get("reply").get("kind").asString()).as(text).isEqualTo("error");
      assertThat(answer.get("reply").get("text").asString())
          .as(text)
          .isEqualTo(
              "Several agents are named '"
                  + name
                  + "'. Rename all but one of them, then try again.");
      assertThat(answer.has("workOrder") && !answer.get("workOrder").isNull()).isFalse();
      assertThat(answer.has("execution") && !answer.get("execution").isNull()).isFalse();
    }
  }

  @Test
  void unknown_text_and_empty_commands_answer_an_error_naming_help() {
    for (String text :
        new String[] {"hello there", "/dance", "/task", "/task   ", "/run", "/stop"}) {
      JsonNode reply = say(owner, text).get("reply");
      assertThat(reply.get("kind").asString()).as(text).isEqualTo("error");
      assertThat(reply.get("text").asString()).as(text).contains("/help");
    }
    Api.Response huge = owner.post(chat(), Map.of("text", "x".repeat(100_000)));
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.error().get("field").asString()).isEqualTo("text");
  }

  @Test
  void run_stop_and_status_follow_the_api_rules() {
    String name = "Chat sleeper " + System.nanoTime();
    aCommandAgent("sleep", "30").named(name).live().createIn(owner, ws);

    JsonNode started = say(owner, "/run " + name);
    assertThat(started.get("reply").get("kind").asString()).isEqualTo("success");
    String executionId = started.get("execution").get("executionId").asString();
    JsonNode busy = say(owner, "/run " + name).get("reply");
    assertThat(busy.get("kind").asString()).isEqualTo("error");
    assertThat(busy.get("text").asString())
        .isEqualTo("Agent is already running. Wait for current execution to complete.");
    assertThat(say(owner, "/status").get("reply").get("text").asString()).contains(executionId);

    String other = owner.createWorkspace("Chat elsewhere " + System.nanoTime());
    JsonNode foreign =
        owner
            .post("/api/workspaces/" + other + "/chat", Map.of("text", "/stop " + executionId))
            .expect(200)
            .data()
            .get("reply");
    assertThat(foreign.get("kind").asString()).isEqualTo("error");

    JsonNode stopped = say(owner, "/stop " + executionId).get("reply");
    assertThat(stopped.get("kind").asString()).isEqualTo("success");
    dev.switchboard.support.Runs.awaitStatus(owner, ws, executionId, "canceled");
  }

  @Test
  void the_conversation_is_stored_with_authors() {
    say(owner, "/status");
    say(owner, "/help");

    JsonNode history = owner.get(chat()).expect(200).data();

    JsonNode last = history.get(history.size() - 1);
    JsonNode question = history.get(history.size() - 2);
    assertThat(question.get("text").asString()).isEqualTo("/help");
    assertThat(question.get("author").get("email").asString()).isEqualTo(OWNER);
    assertThat(last.get("author").isNull()).isTrue();
    assertThat(last.get("kind").asString()).isEqualTo("info");
    long seq = question.get("seq").asLong();
    JsonNode earlier = owner.get(chat() + "?before=" + seq).expect(200).data();
    assertThat(earlier.size()).as("the /status question and its reply").isGreaterThanOrEqualTo(2);
    earlier.forEach(m -> assertThat(m.get("seq").asLong()).isLessThan(seq));
    assertThat(earlier.get(earlier.size() - 2).get("text").asString()).isEqualTo("/status");
  }

  @Test
  void a_too_long_title_and_a_reused_client_message_id_are_refused_and_create_nothing() {
    String title = "t".repeat(600);
    JsonNode tooLong = say(owner, "/task " + title).get("reply");
    assertThat(tooLong.get("kind").asString()).isEqualTo("error");
    assertThat(tooLong.get("text").asString()).contains("title is too long");

    String id = "reused-" + System.nanoTime();
    owner.post(chat(), Map.of("text", "/status", "clientMessageId", id)).expect(200);
    Api.Response reused =
        owner.post(chat(), Map.of("text", "/task Another", "clientMessageId", id));

    // 422, not 409: the key is fine, the request under it is not the one it was first used for.
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.error().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from work_orders where title in (?, 'Another')",
                Long.class,
                title))
        .isZero();
  }
}
