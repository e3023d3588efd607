package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class CommandRunTest extends SwitchboardTestBase {

  @Test
  void a_command_printing_100000_lines_has_every_line_stored_and_paged_in_order() {
    String agent = aCommandAgent("seq", "1", "100000").live().createIn(owner, ws);

    JsonNode run = Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "completed");

    String id = run.get("executionId").asString();
    Integer stdout =
        jdbc.queryForObject(
            "select count(*) from execution_logs where execution_id = ? and stream = 'stdout'",
            Integer.class,
            UUID.fromString(id));
    assertThat(stdout).isEqualTo(100_000);
    JsonNode page =
        owner.get("/api/workspaces/" + ws + "/executions/" + id + "/logs?after=0").data();
    assertThat(page.get("lines")).hasSize(1000);
    assertThat(page.get("hasMore").asBoolean()).isTrue();
    long after = page.get("nextAfter").asLong();
    JsonNode next =
        owner.get("/api/workspaces/" + ws + "/executions/" + id + "/logs?after=" + after).data();
    assertThat(next.get("lines").get(0).get("seq").asLong()).isEqualTo(after + 1);
    JsonNode last =
        owner
            .get(
                "/api/workspaces/"
                    + ws
                    + "/executions/"
                    + id
                    + "/logs?after="
                    + (run.get("logLines").asLong() - 2))
            .data();
    assertThat(last.get("lines").get(0).get("line").asString()).isEqualTo("100000");
  }

  @Test
  void a_command_that_exits_non_zero_fails_with_its_exit_code() {
    String agent = aCommandAgent("false").live().createIn(owner, ws);

    JsonNode run = Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "failed");

    assertThat(run.get("error").get("message").asString())
        .isEqualTo("Agent command exited with code 1");
  }

  @Test
  void a_missing_program_fails_with_the_install_hint() {
    String agent =
        aCommandAgent("claude-not-installed", "--print", "{{prompt}}").live().createIn(owner, ws);

    JsonNode run = Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "failed");

    assertThat(run.get("error").get("message").asString())
        .isEqualTo(
            "Agent command 'claude-not-installed' not found. Install it or change the agent's command.");
  }

  @Test
  void stopping_a_command_that_ignores_sigterm_ends_the_run_as_canceled() {
    String agent =
        aCommandAgent("sh", "-c", "trap '' TERM; while true; do sleep 1; done")
            .live()
            .createIn(owner, ws);
    String id = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, id, "running");

    owner.post("/api/workspaces/" + ws + "/executions/" + id + "/stop", null).expect(200);

    JsonNode run = Runs.awaitStatus(owner, ws, id, "canceled");
    assertThat(run.get("canceledBy").asString()).isEqualTo(OWNER);
  }
}
