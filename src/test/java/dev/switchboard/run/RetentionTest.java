package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
  private UUID finishedRun(String workspace, String agent, String status, long daysAgo) {
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
    return id;
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

  /**
   * Purges until {@code done}: the background purge of this node may hold the job when the test
   * asks, and then finishes it itself.
   */
  private void purgeUntil(java.util.concurrent.Callable<Boolean> done) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          retention.purge(Duration.ZERO);
          return done.call();
        });
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

    purgeUntil(() -> runs(short30) == 2);

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

    purgeUntil(() -> runs(workspace) <= 5);
    List<String> written = fresh.get(60, TimeUnit.SECONDS);

    assertThat(runs(workspace)).isEqualTo(5);
    for (String id : written) {
      assertThat(Runs.get(owner, workspace, id).get("status").asString()).isEqualTo("completed");
    }
    assertThat(dashboard(workspace).get("totalExecutions").asLong())
        .isEqualTo(Retention.BATCH * 3 + 5);
  }

  /**
   * What every other module keeps about a run, as their own code writes it: a task and a timeline
   * entry (CRM), send claims, a day's email count and a caught email (integrations), a schedule
   * slot and an event outcome (triggers), a chat message, a work order's latest run, a command
   * process, and the run's search term.
   */
  private void referencedEverywhere(String workspace, String agent, UUID run, long daysAgo) {
    UUID ws = UUID.fromString(workspace);
    UUID agentId = UUID.fromString(agent);
    var at = clock.instant().minus(Duration.ofDays(daysAgo)).atOffset(ZoneOffset.UTC);
    UUID contact = UUID.randomUUID();
    jdbc.update(
        "insert into contacts (id, workspace_id, email, email_lower, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?)",
        contact,
        ws,
        run + "@acme.com",
        run + "@acme.com",
        at,
        at);
    jdbc.update(
        "insert into activities (id, workspace_id, contact_id, type, content, execution_id,"
            + " created_at) values (?, ?, ?, 'email_sent', 'Emailed', ?, ?)",
        UUID.randomUUID(),
        ws,
        contact,
        run,
        at);
    jdbc.update(
        "insert into tasks (id, workspace_id, title, status, kind, execution_id, created_at)"
            + " values (?, ?, 'Call', 'open', 'task', ?, ?)",
        UUID.randomUUID(),
        ws,
        run,
        at);
    for (String book : List.of("sent_emails", "linkedin_invitations")) {
      jdbc.update(
          "insert into "
              + book
              + " (execution_id, step, contact_key, workspace_id, agent_id, recipient, status,"
              + " claimed_at) values (?, 0, ?, ?, ?, ?, 'sent', ?)",
          run,
          contact.toString(),
          ws,
          agentId,
          run + "@acme.com",
          at);
    }
    jdbc.update(
        "insert into email_quota (agent_id, sent_on, used) values (?, ?, 1)",
        agentId,
        at.toLocalDate());
    jdbc.update(
        "insert into caught_emails (id, workspace_id, execution_id, sender, recipient, subject,"
            + " body, caught_at) values (?, ?, ?, 'bot@test', 'lead@acme.com', 'Hi', 'Hello', ?)",
        UUID.randomUUID(),
        ws,
        run,
        at);
    UUID trigger = UUID.randomUUID();
    jdbc.update(
        "insert into agent_triggers (id, workspace_id, agent_id, position, type, definition,"
            + " created_at) values (?, ?, ?, 0, 'schedule', '{}', ?)",
        trigger,
        ws,
        agentId,
        at);
    jdbc.update(
        "insert into schedule_slots (trigger_id, slot_at, workspace_id, agent_id, outcome,"
            + " execution_id, recorded_at) values (?, ?, ?, ?, 'started', ?, ?)",
        trigger,
        at,
        ws,
        agentId,
        run,
        at);
    jdbc.update(
        "insert into event_outcomes (event_id, agent_id, workspace_id, event_type, event_at,"
            + " outcome, execution_id) values (?, ?, ?, 'contact_created', ?, 'started', ?)",
        System.nanoTime(),
        agentId,
        ws,
        at,
        run);
    jdbc.update(
        "insert into chat_messages (workspace_id, text, execution_id, created_at)"
            + " values (?, 'Done', ?, ?)",
        ws,
        run,
        at);
    jdbc.update(
        "insert into work_orders (id, workspace_id, title, profile, status, active_run_id,"
            + " created_by, created_at, updated_at) values (?, ?, 'Order', 'default', 'done', ?,"
            + " 'owner', ?, ?)",
        UUID.randomUUID(),
        ws,
        run,
        at,
        at);
    jdbc.update(
        "insert into command_processes (id, execution_id, machine, server_pid, server_started,"
            + " pgid, started, created_at) values (?, ?, 'gone', 1, 1, 1, 1, ?)",
        UUID.randomUUID(),
        run,
        at);
    jdbc.update(
        "insert into execution_search_terms (execution_id, workspace_id, term, created_at)"
            + " values (?, ?, ?, ?)",
        run,
        ws,
        run + "@acme.com",
        at);
  }

  /** The rows of each table that still name {@code run}. */
  private Map<String, Long> referencesTo(UUID run) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (String table :
        List.of(
            "activities",
            "tasks",
            "sent_emails",
            "linkedin_invitations",
            "caught_emails",
            "schedule_slots",
            "event_outcomes",
            "chat_messages",
            "command_processes",
            "execution_search_terms")) {
      out.put(
          table,
          jdbc.queryForObject(
              "select count(*) from " + table + " where execution_id = ?", Long.class, run));
    }
    out.put(
        "work_orders",
        jdbc.queryForObject(
            "select count(*) from work_orders where active_run_id = ?", Long.class, run));
    return out;
  }

  /** The rows of each table the workspace keeps, linked to a run or not. */
  private Map<String, Long> kept(String workspace) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (String table :
        List.of(
            "activities",
            "tasks",
            "caught_emails",
            "schedule_slots",
            "event_outcomes",
            "chat_messages",
            "work_orders")) {
      out.put(table, count("select count(*) from " + table + " where workspace_id = ?", workspace));
    }
    return out;
  }

  @Test
  void the_purge_leaves_nothing_in_other_modules_pointing_at_a_purged_run() {
    String workspace = owner.createWorkspace("Everywhere " + System.nanoTime());
    String agent = agent(workspace);
    UUID old = finishedRun(workspace, agent, "completed", 40);
    UUID recent = finishedRun(workspace, agent, "completed", 2);
    referencedEverywhere(workspace, agent, old, 40);
    referencedEverywhere(workspace, agent, recent, 2);
    Map<String, Long> keptBefore = kept(workspace);
    Map<String, Long> recentBefore = referencesTo(recent);

    purgeUntil(() -> runs(workspace) == 1);

    assertThat(referencesTo(old)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    assertThat(recentBefore).allSatisfy((table, rows) -> assertThat(rows).as(table).isOne());
    assertThat(referencesTo(recent)).isEqualTo(recentBefore);
    // People's tasks, timelines, the Outbox, the ledgers that make slots and events fire once, the
    // conversation and the work order stay, unlinked; claims, processes and terms go.
    assertThat(kept(workspace)).isEqualTo(keptBefore);
    assertThat(
            jdbc.queryForList(
                "select sent_on from email_quota where agent_id = ? order by sent_on",
                java.time.LocalDate.class,
                UUID.fromString(agent)))
        .containsExactly(
            clock.instant().minus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC).toLocalDate());
  }
}
