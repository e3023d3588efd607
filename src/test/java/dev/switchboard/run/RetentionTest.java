package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@Tag("db")
class RetentionTest extends SwitchboardTestBase {

  @Autowired Retention retention;

  private String agent(String workspace) {
    return anAgent()
        .live()
        .withSteps(step("remember", Map.of("key", "k", "value", "v")))
        .createIn(owner, workspace);
  }

  /** A run created and finished {@code daysAgo}, with two log lines and its transitions. */
  private void finishedRun(String workspace, String agent, String status, long daysAgo) {
    UUID id = UUID.randomUUID();
    Instant at = clock.instant().minus(Duration.ofDays(daysAgo));
    jdbc.update(
        """
        insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
        status, created_at, started_at, finished_at, processed_count, summary)
        values (?, ?, ?, 'Old', 'manual', 'user', ?, ?, ?, ?, 3, '{"emailsSent": 2}')\
        """,
        id,
        UUID.fromString(workspace),
        UUID.fromString(agent),
        status,
        at.atOffset(ZoneOffset.UTC),
        at.atOffset(ZoneOffset.UTC),
        status.equals("waiting") ? null : at.plusSeconds(5).atOffset(ZoneOffset.UTC));
    for (int seq = 1; seq <= 2; seq++) {
      jdbc.update(
          "insert into execution_logs (execution_id, seq, stream, line, ts) values (?, ?, 'system',"
              + " 'line', ?)",
          id,
          seq,
          at.atOffset(ZoneOffset.UTC));
    }
    jdbc.update(
        "insert into execution_transitions (execution_id, from_status, to_status, at, actor)"
            + " values (?, 'running', ?, ?, 'test')",
        id,
        status,
        at.atOffset(ZoneOffset.UTC));
  }

  private long count(String sql, String workspace) {
    return jdbc.queryForObject(sql, Long.class, UUID.fromString(workspace));
  }

  private long runs(String workspace) {
    return count("select count(*) from executions where workspace_id = ?", workspace);
  }

  private long logsAndTransitions(String workspace) {
    return count(
            "select count(*) from execution_logs l join executions e on e.id = l.execution_id"
                + " where e.workspace_id = ?",
            workspace)
        + count(
            "select count(*) from execution_transitions t join executions e on e.id ="
                + " t.execution_id where e.workspace_id = ?",
            workspace);
  }

  private long orphans() {
    return jdbc.queryForObject(
        "select count(*) from execution_logs l where not exists (select 1 from executions e where"
            + " e.id = l.execution_id)",
        Long.class);
  }

  private JsonNode dashboard(String workspace) {
    JsonNode board =
        owner.get("/api/workspaces/" + workspace + "/dashboard?dateRange=all").expect(200).data();
    assertThat(board.get("totalExecutions").asLong()).isPositive();
    return board;
  }

  @Test
  void only_the_owner_sets_retention_to_30_or_365_days() {
    String workspace = owner.createWorkspace("Retention " + System.nanoTime());
    String adminEmail = "admin-" + System.nanoTime() + "@test.local";
    owner.addMember(workspace, adminEmail, "admin-pass-123", "admin");
    Api admin = Api.login(port, adminEmail, "admin-pass-123");
    String path = "/api/workspaces/" + workspace;

    assertThat(owner.get(path).expect(200).data().get("retentionDays").asInt()).isEqualTo(30);
    assertThat(
            owner
                .put(path, Map.of("retentionDays", 365))
                .expect(200)
                .data()
                .get("retentionDays")
                .asInt())
        .isEqualTo(365);
    assertThat(admin.get(path).expect(200).data().get("retentionDays").asInt()).isEqualTo(365);
    assertThat(admin.put(path, Map.of("retentionDays", 30)).status()).isEqualTo(403);
    assertThat(admin.put(path, Map.of("name", "Renamed")).expect(200).data().get("name").asString())
        .isEqualTo("Renamed");
    for (Object bad : List.of(90, -1, "soon")) {
      assertThat(
              owner
                  .put(path, Map.of("retentionDays", bad))
                  .expect(400)
                  .error()
                  .get("field")
                  .asString())
          .isEqualTo("retentionDays");
    }
    assertThat(owner.get(path).data().get("retentionDays").asInt()).isEqualTo(365);
  }

  @Test
  void the_purge_removes_old_finished_runs_with_logs_and_transitions_and_keeps_dashboards() {
    String short30 = owner.createWorkspace("Short " + System.nanoTime());
    String long365 = owner.createWorkspace("Long " + System.nanoTime());
    owner.put("/api/workspaces/" + long365, Map.of("retentionDays", 365)).expect(200);
    String a = agent(short30);
    String b = agent(long365);
    for (int i = 0; i < Retention.BATCH * 2 + 50; i++) {
      finishedRun(short30, a, i % 4 == 0 ? "failed" : "completed", 40);
    }
    finishedRun(short30, a, "completed", 2);
    finishedRun(short30, a, "waiting", 40);
    for (int i = 0; i < 5; i++) {
      finishedRun(long365, b, "completed", 40);
    }
    JsonNode before = dashboard(short30);

    int purged = retention.purge(Duration.ZERO);

    assertThat(purged).isGreaterThanOrEqualTo(Retention.BATCH * 2 + 50);
    assertThat(runs(short30)).isEqualTo(2);
    assertThat(logsAndTransitions(short30)).isEqualTo(2 * 3);
    assertThat(runs(long365)).isEqualTo(5);
    assertThat(orphans()).isZero();
    JsonNode after = dashboard(short30);
    assertThat(after.get("totalExecutions").asLong()).isEqualTo(Retention.BATCH * 2 + 51);
    assertThat(after).isEqualTo(before);
    assertThat(retention.purge(Duration.ofDays(1))).isZero();
  }

  @Test
  void runs_written_while_the_purge_deletes_are_kept_and_counted() throws Exception {
    String workspace = owner.createWorkspace("Busy " + System.nanoTime());
    String agent = agent(workspace);
    for (int i = 0; i < Retention.BATCH * 3; i++) {
      finishedRun(workspace, agent, "completed", 45);
    }
    CompletableFuture<List<String>> fresh =
        CompletableFuture.supplyAsync(() -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            String id = Runs.trigger(owner, workspace, agent);
            Runs.awaitStatus(owner, workspace, id, "completed");
            ids.add(id);
          }
          return ids;
        });

    int purged = retention.purge(Duration.ZERO);
    List<String> written = fresh.get(60, TimeUnit.SECONDS);

    assertThat(purged).isGreaterThanOrEqualTo(Retention.BATCH * 3);
    assertThat(runs(workspace)).isEqualTo(5);
    for (String id : written) {
      assertThat(Runs.get(owner, workspace, id).get("status").asString()).isEqualTo("completed");
    }
    assertThat(dashboard(workspace).get("totalExecutions").asLong())
        .isEqualTo(Retention.BATCH * 3 + 5);
  }
}
