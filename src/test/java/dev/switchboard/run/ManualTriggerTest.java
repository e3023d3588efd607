package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class ManualTriggerTest extends SwitchboardTestBase {

  @Test
  void run_now_answers_202_and_the_run_completes_with_every_state_change_recorded() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);

    Api.Response response =
        owner.post("/api/workspaces/" + ws + "/agents/" + agent + "/trigger", null);

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.data().get("status").asString()).isEqualTo("queued");
    JsonNode run =
        Runs.awaitStatus(owner, ws, response.data().get("executionId").asString(), "completed");
    assertThat(run.get("triggerType").asString()).isEqualTo("manual");
    assertThat(run.get("triggeredBy").asString()).isEqualTo(OWNER);
    assertThat(run.get("duration").isNumber()).isTrue();
    List<String> changes = new ArrayList<>();
    run.get("transitions").forEach(t -> changes.add(t.get("to").asString()));
    assertThat(changes).containsExactly("queued", "running", "completed");
  }

  @Test
  void draft_agents_run_by_hand_but_paused_ones_do_not() {
    String draft =
        anAgent()
            .draft()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, draft), "completed");

    String paused =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    owner
        .post("/api/workspaces/" + ws + "/agents/" + paused + "/status", Map.of("status", "paused"))
        .expect(200);

    Api.Response refused =
        owner.post("/api/workspaces/" + ws + "/agents/" + paused + "/trigger", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error().get("code").asString()).isEqualTo("AGENT_NOT_RUNNABLE");
  }

  @Test
  void second_trigger_while_running_is_rejected_with_409_and_the_current_run() {
    String agent = aCommandAgent("sleep", "30").live().createIn(owner, ws);
    String first = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, first, "running");

    Api.Response second =
        owner.post("/api/workspaces/" + ws + "/agents/" + agent + "/trigger", null);

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.error().get("code").asString()).isEqualTo("AGENT_ALREADY_RUNNING");
    assertThat(second.error().get("message").asString())
        .isEqualTo("Agent is already running. Wait for current execution to complete.");
    assertThat(second.json().get("currentExecutionId").asString()).isEqualTo(first);
    assertThat(second.json().get("startedAt").isNull()).isFalse();
    owner.post("/api/workspaces/" + ws + "/executions/" + first + "/cancel", null).expect(200);
    Runs.awaitStatus(owner, ws, first, "canceled");
  }

  @Test
  void twenty_simultaneous_run_now_requests_create_exactly_one_run() throws Exception {
    String agent = aCommandAgent("sleep", "30").live().withLimits(100, 100).createIn(owner, ws);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(
          pool.submit(() -> {
            start.await();
            return owner
                .post("/api/workspaces/" + ws + "/agents/" + agent + "/trigger", null)
                .status();
          }));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get());
    }
    pool.shutdown();

    assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    Integer runs =
        jdbc.queryForObject(
            "select count(*) from executions where agent_id = ?",
            Integer.class,
            java.util.UUID.fromString(agent));
    assertThat(runs).isEqualTo(1);
    JsonNode history =
        owner.get("/api/workspaces/" + ws + "/agents/" + agent + "/executions").data();
    String id = history.get("items").get(0).get("executionId").asString();
    owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null).expect(200);
    Runs.awaitStatus(owner, ws, id, "canceled");
  }

  @Test
  void viewers_cannot_run_and_members_cannot_run_admin_only_agents() {
    owner.addMember(ws, "viewer@test.local", "viewer-pass-1", "viewer");
    owner.addMember(ws, "member@test.local", "member-pass-1", "member");
    Api viewer = Api.login(port, "viewer@test.local", "viewer-pass-1");
    Api member = Api.login(port, "member@test.local", "member-pass-1");
    String open =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    String adminsOnly =
        anAgent()
            .live()
            .adminsOnly()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);

    Api.Response byViewer =
        viewer.post("/api/workspaces/" + ws + "/agents/" + open + "/trigger", null);
    Api.Response byMember =
        member.post("/api/workspaces/" + ws + "/agents/" + adminsOnly + "/trigger", null);

    assertThat(byViewer.status()).isEqualTo(403);
    assertThat(byViewer.error().get("code").asString()).isEqualTo("FORBIDDEN");
    assertThat(byMember.status()).isEqualTo(403);
    Runs.awaitStatus(member, ws, Runs.trigger(member, ws, open), "completed");
  }

  @Test
  void over_the_per_minute_rate_the_trigger_is_refused() {
    String agent = anAgentThatRanTwice(2, 100);

    Api.Response third =
        owner.post("/api/workspaces/" + ws + "/agents/" + agent + "/trigger", null);

    assertThat(third.status()).isEqualTo(429);
    assertThat(third.error().get("code").asString()).isEqualTo("RATE_LIMITED");
  }

  @Test
  void over_the_daily_budget_the_agent_pauses_and_the_owner_is_notified() {
    String agent = anAgentThatRanTwice(100, 2);

    Api.Response third =
        owner.post("/api/workspaces/" + ws + "/agents/" + agent + "/trigger", null);

    assertThat(third.status()).isEqualTo(429);
    assertThat(third.error().get("message").asString())
        .isEqualTo("Agent paused: execution limit reached");
    assertThat(
            owner.get("/api/workspaces/" + ws + "/agents/" + agent).data().get("status").asString())
        .isEqualTo("paused");
    JsonNode notifications = owner.get("/api/workspaces/" + ws + "/notifications").data();
    assertThat(notifications.get("unread").asLong()).isPositive();
    assertThat(notifications.get("items").get(0).get("message").asString())
        .isEqualTo("Agent paused: execution limit reached");
    assertThat(notifications.get("items").get(0).get("link").asString())
        .isEqualTo("/w/" + ws + "/agents/" + agent);
  }

  @Test
  void execute_answers_with_the_finished_run_for_live_agents_and_owners() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);

    JsonNode run =
        owner
            .post("/api/workspaces/" + ws + "/agents/" + agent + "/execute", null)
            .expect(200)
            .data();

    assertThat(run.get("status").asString()).isEqualTo("completed");
    assertThat(run.get("triggerType").asString()).isEqualTo("api");
    assertThat(run.get("steps").get(0).get("status").asString()).isEqualTo("completed");
    String draft =
        anAgent()
            .draft()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    assertThat(owner.post("/api/workspaces/" + ws + "/agents/" + draft + "/execute", null).status())
        .isEqualTo(409);
  }

  @Test
  void retry_creates_a_new_run_with_the_same_trigger_context() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("send_email", Map.of("template", "Nope")))
            .createIn(owner, ws);
    String first =
        owner
            .post(
                "/api/workspaces/" + ws + "/agents/" + agent + "/trigger",
                Map.of("context", Map.of("contact", Map.of("email", "a@b.c"))))
            .expect(202)
            .data()
            .get("executionId")
            .asString();
    Runs.awaitStatus(owner, ws, first, "failed");

    String retry =
        owner
            .post("/api/workspaces/" + ws + "/executions/" + first + "/retry", null)
            .expect(202)
            .data()
            .get("executionId")
            .asString();

    JsonNode run = Runs.awaitStatus(owner, ws, retry, "failed", "completed");
    assertThat(run.get("triggerType").asString()).isEqualTo("retry");
    assertThat(run.get("retryOf").asString()).isEqualTo(first);
    assertThat(run.get("triggerContext").get("context").get("contact").get("email").asString())
        .isEqualTo("a@b.c");
  }

  @Test
  void an_api_run_queues_behind_the_active_run_instead_of_being_refused() {
    String agent = aCommandAgent("sleep", "1").live().createIn(owner, ws);
    String first = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, first, "running");

    JsonNode second =
        owner
            .post("/api/workspaces/" + ws + "/agents/" + agent + "/execute", null)
            .expect(200)
            .data();

    assertThat(second.get("status").asString()).isEqualTo("completed");
    assertThat(Runs.get(owner, ws, first).get("status").asString()).isEqualTo("completed");
    assertThat(second.get("startedAt").asString())
        .isGreaterThan(Runs.get(owner, ws, first).get("completedAt").asString());
  }

  /** A live agent with these limits that has completed two runs already. */
  private String anAgentThatRanTwice(int perMinute, int perDay) {
    String agent =
        anAgent()
            .live()
            .withLimits(perMinute, perDay)
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "completed");
    Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "completed");
    return agent;
  }
}
