package dev.switchboard.workorder;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import dev.switchboard.run.Admission;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * A server that dies part-way leaves no work order stuck: create-and-start's approve and queue are
 * one transaction, and the pass at start lands work orders whose run ended unfollowed.
 */
@Tag("db")
class WorkOrderCrashTest extends SwitchboardTestBase {

  @Autowired StuckWorkOrders stuck;
  @MockitoSpyBean Admission admission;

  private String path() {
    return "/api/workspaces/" + ws + "/work-orders";
  }

  private JsonNode order(String id) {
    return owner.get(path() + "/" + id).expect(200).data();
  }

  @Test
  void a_crash_between_approve_and_queue_leaves_nothing_behind_and_the_retry_launches_it() {
    String agent = aCommandAgent("echo", "{{prompt}}").live().createIn(owner, ws);
    String title = "Crash " + System.nanoTime();
    String key = "crash-" + System.nanoTime();
    Map<String, Object> body = Map.of("title", title, "agentId", agent, "prompt", "crash here");
    // The server dies at the queue insert, after the work order was created and approved.
    doThrow(new IllegalStateException("killed before the queue insert"))
        .when(admission)
        .admit(any(TriggerSource.WorkOrder.class), any(), any());

    Api.Response crashed = owner.post(path() + "/create-and-start", body, key);
    reset(admission);

    assertThat(crashed.status()).isEqualTo(500);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from work_orders where title = ?", Long.class, title))
        .as("no draft or approved work order waits for a run that never comes")
        .isZero();
    JsonNode launched =
        owner.post(path() + "/create-and-start", body, key).expect(201).data().get("workOrder");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> order(launched.get("id").asString()).get("status").asString(), "review"::equals);
  }

  @Test
  void a_work_order_whose_run_ended_while_it_was_not_followed_lands_at_the_next_start() {
    String succeeded = finishedOrder("true");
    String failed = finishedOrder("false");
    for (String id : new String[] {succeeded, failed}) {
      // What a server killed after the run's end, before its work order followed, leaves behind.
      jdbc.update(
          "update work_orders set status = 'running', active_run_id = ? where id = ?",
          UUID.fromString(order(id).get("runs").get(0).get("executionId").asString()),
          UUID.fromString(id));
    }

    assertThat(stuck.land()).isGreaterThanOrEqualTo(2);

    JsonNode review = order(succeeded);
    JsonNode down = order(failed);
    assertThat(review.get("status").asString()).isEqualTo("review");
    assertThat(down.get("status").asString()).isEqualTo("failed");
    assertThat(
            down.get("transitions")
                .get(down.get("transitions").size() - 1)
                .get("reason")
                .asString())
        .isEqualTo("Run #1 ended (failed) while the server was down; recovered at start");
    assertThat(review.get("acceptsRuns").asBoolean()).isTrue();
    owner.post(path() + "/" + succeeded + "/runs", null).expect(201);
  }

  @Test
  void a_run_still_going_is_left_to_resume_and_be_followed() {
    String agent = aCommandAgent("sleep", "30").live().createIn(owner, ws);
    String id =
        owner
            .post(
                path() + "/create-and-start",
                Map.of("title", "Going " + System.nanoTime(), "agentId", agent))
            .expect(201)
            .data()
            .get("workOrder")
            .get("id")
            .asString();
    String run = order(id).get("runs").get(0).get("executionId").asString();
    Runs.awaitStatus(owner, ws, run, "running");

    stuck.land();

    assertThat(order(id).get("status").asString()).isEqualTo("running");
    owner.post(path() + "/" + id + "/cancel", null).expect(200);
    Runs.awaitStatus(owner, ws, run, "canceled");
  }

  /** A work order whose first run of {@code command} has ended and been followed. */
  private String finishedOrder(String command) {
    String agent = aCommandAgent(command).live().createIn(owner, ws);
    String id =
        owner
            .post(
                path() + "/create-and-start",
                Map.of("title", command + " " + System.nanoTime(), "agentId", agent))
            .expect(201)
            .data()
            .get("workOrder")
            .get("id")
            .asString();
    String landed = command.equals("true") ? "review" : "failed";
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> order(id).get("status").asString(), landed::equals);
    return id;
  }
}
