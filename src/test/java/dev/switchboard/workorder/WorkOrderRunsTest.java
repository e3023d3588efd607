package dev.switchboard.workorder;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.databind.JsonNode;

@Tag("db")
class WorkOrderRunsTest extends SwitchboardTestBase {

  private String path() {
    return "/api/workspaces/" + ws + "/work-orders";
  }

  /** An approved work order of a new command agent running {@code argv}. */
  private String approvedOrder(String... argv) {
    String agent = aCommandAgent(argv).live().createIn(owner, ws);
    String id =
        owner
            .post(path(), Map.of("title", "Order " + System.nanoTime(), "agentId", agent))
            .expect(201)
            .data()
            .get("id")
            .asString();
    owner.post(path() + "/" + id + "/approve", null).expect(200);
    return id;
  }

  private JsonNode trigger(String id) {
    return owner.post(path() + "/" + id + "/runs", null).expect(201).data();
  }

  private JsonNode awaitStatus(String id, String status) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> owner.get(path() + "/" + id).expect(200).data(),
            w -> status.equals(w.get("status").asString()));
  }

  @Test
  void runs_are_numbered_1_2_3_and_a_run_that_exits_0_puts_the_work_order_in_review() {
    String id = approvedOrder("echo", "{{prompt}}");

    for (int n = 1; n <= 3; n++) {
      JsonNode run = trigger(id);
      assertThat(run.get("runNumber").asInt()).isEqualTo(n);
      assertThat(run.get("status").asString()).isEqualTo("queued");
      assertThat(run.get("workOrderId").asString()).isEqualTo(id);
      Runs.awaitStatus(owner, ws, run.get("runId").asString(), "completed");
      awaitStatus(id, "review");
    }

    JsonNode order = owner.get(path() + "/" + id).expect(200).data();
    List<Integer> numbers = new ArrayList<>();
    order.get("runs").forEach(r -> numbers.add(r.get("runNumber").asInt()));
    assertThat(numbers).containsExactly(3, 2, 1);
    JsonNode first = order.get("runs").get(2);
    assertThat(first.get("triggerType").asString()).isEqualTo("api");
    JsonNode detail = Runs.get(owner, ws, first.get("executionId").asString());
    assertThat(detail.get("prompt").asString()).isEqualTo(order.get("title").asString());
    List<String> moves = new ArrayList<>();
    order.get("transitions").forEach(t -> moves.add(t.get("to").asString()));
    assertThat(moves.subList(0, 5))
        .containsExactly("draft", "approved", "queued", "running", "review");
    assertThat(owner.get(path() + "/" + id + "/runs").expect(200).data().size()).isEqualTo(3);
  }

  @Test
  void the_database_refuses_a_repeated_run_number() {
    String id = approvedOrder("echo", "{{prompt}}");
    String run = trigger(id).get("runId").asString();
    Runs.awaitStatus(owner, ws, run, "completed");

    String second = trigger(id).get("runId").asString();
    assertThatThrownBy(() ->
            jdbc.update(
                "update executions set run_number = 1 where id = ?",
                java.util.UUID.fromString(second)))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void a_failed_run_puts_it_in_failed_and_a_new_run_may_start_from_there() {
    String id = approvedOrder("false");

    String run = trigger(id).get("runId").asString();
    Runs.awaitStatus(owner, ws, run, "failed");
    JsonNode failed = awaitStatus(id, "failed");

    assertThat(failed.get("acceptsRuns").asBoolean()).isTrue();
    assertThat(trigger(id).get("runNumber").asInt()).isEqualTo(2);
    assertThat(owner.post(path() + "/" + id + "/accept", null).status()).isEqualTo(409);
  }

  @Test
  void twenty_simultaneous_triggers_start_one_run_and_refuse_nineteen() throws Exception {
    String id = approvedOrder("sleep", "30");
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Response>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(
          pool.submit(() -> {
            go.await();
            return owner.post(path() + "/" + id + "/runs", null);
          }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (Future<Api.Response> f : answers) {
      Api.Response r = f.get(30, TimeUnit.SECONDS);
      statuses.add(r.status());
      if (r.status() == 409) {
        codes.add(r.error().get("code").asString() + ": " + r.error().get("message").asString());
      }
    }
    pool.shutdown();

    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    assertThat(codes)
        .hasSize(19)
        .allMatch(c -> c.equals("RUN_ALREADY_ACTIVE: Work order already has an active run"));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from executions where work_order_id = ?",
                Long.class,
                java.util.UUID.fromString(id)))
        .isEqualTo(1);
    owner.post(path() + "/" + id + "/cancel", null).expect(200);
  }

  @Test
  void cancel_stops_the_active_run_and_a_cancelled_work_order_takes_no_more_runs() {
    String id = approvedOrder("sleep", "30");
    String run = trigger(id).get("runId").asString();
    Runs.awaitStatus(owner, ws, run, "running");
    awaitStatus(id, "running");

    owner.post(path() + "/" + id + "/cancel", null).expect(200);

    Runs.awaitStatus(owner, ws, run, "canceled");
    assertThat(owner.get(path() + "/" + id).data().get("status").asString()).isEqualTo("cancelled");
    Api.Response again = owner.post(path() + "/" + id + "/runs", null);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.error().get("code").asString()).isEqualTo("WORK_ORDER_COMPLETE");
    assertThat(again.error().get("message").asString())
        .isEqualTo("Cannot trigger run for completed work order");
  }

  @Test
  void an_accepted_work_order_is_complete() {
    String id = approvedOrder("echo", "{{prompt}}");
    Runs.awaitStatus(owner, ws, trigger(id).get("runId").asString(), "completed");
    awaitStatus(id, "review");

    JsonNode accepted = owner.post(path() + "/" + id + "/accept", null).expect(200).data();

    assertThat(accepted.get("status").asString()).isEqualTo("succeeded");
    JsonNode last = accepted.get("transitions").get(accepted.get("transitions").size() - 1);
    assertThat(last.get("actor").asString()).isEqualTo(OWNER);
    assertThat(owner.post(path() + "/" + id + "/runs", null).status()).isEqualTo(403);
  }

  @Test
  void a_draft_must_be_approved_before_it_runs_and_viewers_never_trigger() {
    String agent = aCommandAgent("echo", "{{prompt}}").live().createIn(owner, ws);
    String id =
        owner
            .post(path(), Map.of("title", "Draft", "agentId", agent))
            .expect(201)
            .data()
            .get("id")
            .asString();

    Api.Response draft = owner.post(path() + "/" + id + "/runs", null);
    assertThat(draft.status()).isEqualTo(409);
    assertThat(draft.error().get("code").asString()).isEqualTo("WORK_ORDER_NOT_APPROVED");

    owner.addMember(ws, "runs-viewer@test.local", "viewer-pass-123", "viewer");
    Api viewer = Api.login(port, "runs-viewer@test.local", "viewer-pass-123");
    owner.post(path() + "/" + id + "/approve", null).expect(200);
    assertThat(viewer.post(path() + "/" + id + "/runs", null).status()).isEqualTo(403);
    assertThat(owner.post(path() + "/" + java.util.UUID.randomUUID() + "/runs", null).status())
        .isEqualTo(404);
  }

  @Test
  void max_iterations_and_the_profile_are_checked_naming_the_field() {
    String id = approvedOrder("echo", "{{prompt}}");
    for (Object bad : new Object[] {0, 1000, -1}) {
      Api.Response r =
          owner.post(
              path() + "/" + id + "/runs",
              Map.of("profileOverrides", Map.of("loopStrategy", Map.of("maxIterations", bad))));
      assertThat(r.status()).as("maxIterations %s", bad).isEqualTo(400);
      assertThat(r.error().get("field").asString())
          .isEqualTo("profileOverrides.loopStrategy.maxIterations");
    }
    Api.Response text =
        owner.postRaw(
            path() + "/" + id + "/runs",
            "{\"profileOverrides\":{\"loopStrategy\":{\"maxIterations\":\"abc\"}}}");
    assertThat(text.status()).isEqualTo(400);
    assertThat(text.error().get("field").asString())
        .isEqualTo("profileOverrides.loopStrategy.maxIterations");
    Api.Response profile = owner.post(path() + "/" + id + "/runs", Map.of("profileName", "turbo"));
    assertThat(profile.status()).isEqualTo(400);
    assertThat(profile.error().get("field").asString()).isEqualTo("profileName");
    // Nothing was started by the refusals: the first run is still number 1.
    assertThat(trigger(id).get("runNumber").asInt()).isEqualTo(1);
  }

  @Test
  void create_and_start_takes_a_work_order_from_draft_to_running_with_every_step_recorded() {
    String agent = aCommandAgent("sleep", "2").live().createIn(owner, ws);

    JsonNode answer =
        owner
            .post(path() + "/create-and-start", Map.of("title", "Ship it", "agentId", agent))
            .expect(201)
            .data();

    assertThat(answer.get("launched").asBoolean()).isTrue();
    assertThat(answer.get("message").asString()).isNotBlank();
    String id = answer.get("workOrder").get("id").asString();
    assertThat(answer.get("workOrder").get("status").asString()).isEqualTo("queued");
    JsonNode running = awaitStatus(id, "running");
    List<String> moves = new ArrayList<>();
    running
        .get("transitions")
        .forEach(t -> moves.add(t.get("to").asString() + " by " + t.get("actor").asString()));
    assertThat(moves)
        .containsExactly(
            "draft by " + OWNER,
            "approved by " + OWNER,
            "queued by " + OWNER,
            "running by switchboard");
    awaitStatus(id, "review");
  }

  @Test
  void max_iterations_runs_a_failing_command_again_in_the_same_run_and_marks_each_iteration() {
    String id = approvedOrder("false");

    JsonNode run =
        owner
            .post(
                path() + "/" + id + "/runs",
                Map.of("profileOverrides", Map.of("loopStrategy", Map.of("maxIterations", 3))))
            .expect(201)
            .data();

    String runId = run.get("runId").asString();
    JsonNode failed = Runs.awaitStatus(owner, ws, runId, "failed");
    JsonNode log =
        owner.get("/api/workspaces/" + ws + "/executions/" + runId + "/logs").expect(200).data();
    List<String> lines = new ArrayList<>();
    log.get("lines").forEach(l -> lines.add(l.get("line").asString()));
    assertThat(lines).contains("Iteration 1 of 3", "Iteration 2 of 3", "Iteration 3 of 3");
    assertThat(lines.stream().filter(l -> l.startsWith("Process exited with code 1")).count())
        .isEqualTo(3);
    assertThat(
            failed
                .get("triggerContext")
                .get("context")
                .get("profile")
                .get("loopStrategy")
                .get("maxIterations")
                .asInt())
        .isEqualTo(3);
  }

  @Test
  void the_same_idempotency_key_returns_the_first_answer_and_starts_nothing_new() {
    String id = approvedOrder("sleep", "30");
    String key = "key-" + System.nanoTime();

    Api.Response first = owner.post(path() + "/" + id + "/runs", null, key);
    Api.Response again = owner.post(path() + "/" + id + "/runs", null, key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.data().get("runId").asString())
        .isEqualTo(first.data().get("runId").asString());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from executions where work_order_id = ?",
                Long.class,
                java.util.UUID.fromString(id)))
        .isEqualTo(1);
    // The same key with another body is a mistake: 422, nothing started.
    Api.Response other =
        owner.post(path() + "/" + id + "/runs", Map.of("profileName", "persistent"), key);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.error().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    // A refusal is an answer too: its repeat is the same 409, even once the run is gone.
    String refusedKey = "refused-" + System.nanoTime();
    assertThat(owner.post(path() + "/" + id + "/runs", null, refusedKey).status()).isEqualTo(409);
    owner.post(path() + "/" + id + "/cancel", null).expect(200);
    assertThat(owner.post(path() + "/" + id + "/runs", null, refusedKey).status()).isEqualTo(409);
  }

  @Test
  void create_and_start_with_a_repeated_key_creates_one_work_order() {
    String agent = aCommandAgent("echo", "{{prompt}}").live().createIn(owner, ws);
    String key = "cs-" + System.nanoTime();
    Map<String, Object> body = Map.of("title", "Once only " + key, "agentId", agent);

    String first =
        owner
            .post(path() + "/create-and-start", body, key)
            .expect(201)
            .data()
            .get("workOrder")
            .get("id")
            .asString();
    String again =
        owner
            .post(path() + "/create-and-start", body, key)
            .expect(201)
            .data()
            .get("workOrder")
            .get("id")
            .asString();

    assertThat(again).isEqualTo(first);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from work_orders where title = ?", Long.class, body.get("title")))
        .isEqualTo(1);
  }

  @Test
  void at_capacity_a_run_is_still_201_queued_with_its_position_reason_and_message() {
    // The test server runs 4 workers: 4 long runs fill them and one more waits first in line.
    List<String> busy = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String order = approvedOrder("sleep", "30");
      trigger(order);
      busy.add(order);
    }
    String id = approvedOrder("echo", "{{prompt}}");

    JsonNode run = trigger(id);

    assertThat(run.get("status").asString()).isEqualTo("queued");
    assertThat(run.get("queuePosition").asInt()).isGreaterThan(1);
    assertThat(run.get("queueReason").get("code").asString()).isEqualTo("capacity");
    assertThat(run.get("message").asString())
        .isEqualTo("Server at capacity. Your run has been queued.");
    assertThat(run.has("estimatedStartAt")).isTrue();
    busy.forEach(order -> owner.post(path() + "/" + order + "/cancel", null).expect(200));
    Runs.awaitStatus(owner, ws, run.get("runId").asString(), "completed");
  }

  @Test
  void a_member_may_neither_cancel_nor_stop_over_chat_the_run_of_an_admin_only_agent() {
    String email = "stopper-" + System.nanoTime() + "@test.local";
    owner.addMember(ws, email, "member-pass-123", "member");
    Api member = Api.login(port, email, "member-pass-123");
    String agent = aCommandAgent("sleep", "30").live().adminsOnly().createIn(owner, ws);
    String id =
        owner
            .post(path(), Map.of("title", "Admins only " + System.nanoTime(), "agentId", agent))
            .expect(201)
            .data()
            .get("id")
            .asString();
    owner.post(path() + "/" + id + "/approve", null).expect(200);
    String run = trigger(id).get("runId").asString();
    Runs.awaitStatus(owner, ws, run, "running");

    Api.Response cancel = member.post(path() + "/" + id + "/cancel", null);
    JsonNode stop =
        member
            .post("/api/workspaces/" + ws + "/chat", Map.of("text", "/stop " + run))
            .expect(200)
            .data()
            .get("reply");

    assertThat(cancel.status()).isEqualTo(403);
    assertThat(cancel.error().get("message").asString())
        .isEqualTo("Only workspace owners and admins can stop this agent's runs");
    assertThat(stop.get("kind").asString()).isEqualTo("error");
    assertThat(stop.get("text").asString())
        .isEqualTo("Only workspace owners and admins can stop this agent's runs");
    assertThat(owner.get(path() + "/" + id).expect(200).data().get("status").asString())
        .isEqualTo("running");
    assertThat(Runs.get(owner, ws, run).get("status").asString()).isEqualTo("running");
    owner.post(path() + "/" + id + "/cancel", null).expect(200);
    Runs.awaitStatus(owner, ws, run, "canceled");
  }
}
