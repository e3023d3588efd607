package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A node died mid-run (its lease ran out): another worker takes the run over and resumes it. */
@Tag("db")
class RecoveryTest extends SwitchboardTestBase {

  @Test
  void a_run_whose_node_died_is_taken_over_and_resumes_after_its_last_completed_step() {
    String agent =
        anAgent()
            .live()
            .withSteps(
                step("remember", Map.of("key", "first", "value", "done before the crash")),
                step("remember", Map.of("key", "second", "value", "@memory.first and after")))
            .createIn(owner, ws);
    UUID id = UUID.randomUUID();
    String steps =
        """
        [{"index":1,"action":"remember","params":{},"status":"completed","result":{"remembered":"first"}},
         {"index":2,"action":"remember","params":{},"status":"pending"}]\
        """;
    jdbc.update(
        """
        insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
        status, head_agent_id, created_at, started_at, lease_owner, lease_until, attempt,
        step_cursor, state, steps, trigger_context) values (?, ?, ?, 'Crashed', 'manual', 'owner@test.local', 'running', ?, ?, ?,
        'dead-node', ?, 1, 1, ?, ?, '{}')\
        """,
        id,
        UUID.fromString(ws),
        UUID.fromString(agent),
        UUID.fromString(agent),
        clock.instant().minusSeconds(60).atOffset(ZoneOffset.UTC),
        clock.instant().minusSeconds(60).atOffset(ZoneOffset.UTC),
        clock.instant().minusSeconds(5).atOffset(ZoneOffset.UTC),
        "{\"memory\":{\"first\":\"done before the crash\"},\"counters\":{}}",
        steps);

    JsonNode run = Runs.awaitStatus(owner, ws, id.toString(), "completed");

    assertThat(run.get("attempt").asInt()).isEqualTo(2);
    List<String> changes = new ArrayList<>();
    run.get("transitions")
        .forEach(t ->
            changes.add(
                t.get("from").asString()
                    + "->"
                    + t.get("to").asString()
                    + " by "
                    + t.get("by").asString()));
    assertThat(changes.get(0)).isEqualTo("running->queued by lease-reaper");
    assertThat(changes.get(2)).startsWith("running->completed");
    String state =
        jdbc.queryForObject("select state from executions where id = ?", String.class, id);
    assertThat(state).contains("\"second\":\"done before the crash and after\"");
    JsonNode logs =
        owner.get("/api/workspaces/" + ws + "/executions/" + id + "/logs").data().get("lines");
    assertThat(logs.get(0).get("line").asString()).isEqualTo("Resuming at step 2 of 2");
  }

  @Test
  void a_waiting_run_resumes_when_its_time_comes_and_does_not_block_new_runs_meanwhile() {
    String agent =
        anAgent()
            .live()
            .withSteps(
                step("remember", Map.of("key", "a", "value", "1")),
                step("wait", Map.of("duration", "P5D")),
                step("remember", Map.of("key", "b", "value", "2")))
            .createIn(owner, ws);
    String id = Runs.trigger(owner, ws, agent);
    JsonNode waiting = Runs.awaitStatus(owner, ws, id, "waiting");
    assertThat(waiting.get("resumeAt").isNull()).isFalse();
    JsonNode logs =
        owner.get("/api/workspaces/" + ws + "/executions/" + id + "/logs").data().get("lines");
    List<String> lines = new ArrayList<>();
    logs.forEach(l -> lines.add(l.get("line").asString()));
    assertThat(lines).contains("Agent paused. Will resume in 5 days.");

    String other = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, other, "waiting");
    clock.advance(Duration.ofDays(5).plusMinutes(1));

    JsonNode done = Runs.awaitStatus(owner, ws, id, "completed");
    assertThat(done.get("progress").asString()).isEqualTo("Step 3 of 3 completed");
    Runs.awaitStatus(owner, ws, other, "completed");
  }

  @Test
  void canceling_a_waiting_run_ends_it_for_good() {
    String agent =
        anAgent()
            .live()
            .withSteps(
                step("wait", Map.of("duration", "P30D")),
                step("remember", Map.of("key", "b", "value", "2")))
            .createIn(owner, ws);
    String id = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, id, "waiting");

    owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null).expect(200);
    clock.advance(Duration.ofDays(31));
    owner = dev.switchboard.support.Api.login(port, OWNER, OWNER_PASSWORD);

    JsonNode run = Runs.awaitStatus(owner, ws, id, "canceled");
    assertThat(run.get("steps").get(1).get("status").asString()).isEqualTo("pending");
    assertThat(run.get("canceledBy").asString()).isEqualTo(OWNER);
  }
}
