package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.SwitchboardTestBase;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class DashboardTest extends SwitchboardTestBase {

  private String workspace;

  private String agent(String name) {
    return anAgent()
        .named(name)
        .live()
        .withSteps(step("remember", Map.of("key", "k", "value", "v")))
        .createIn(owner, workspace);
  }

  /** A finished run created {@code hoursAgo}, lasting {@code seconds}. */
  private void run(String agent, String status, long hoursAgo, long seconds, int emails) {
    var created = clock.instant().minusSeconds(3600 * hoursAgo);
    jdbc.update(
        """
        insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
        status, created_at, started_at, finished_at, processed_count, summary)
        values (?, ?, ?, 'A', 'manual', 'user', ?, ?, ?, ?, 2, ?)\
        """,
        UUID.randomUUID(),
        UUID.fromString(workspace),
        UUID.fromString(agent),
        status,
        created.atOffset(ZoneOffset.UTC),
        created.atOffset(ZoneOffset.UTC),
        created.plusSeconds(seconds).atOffset(ZoneOffset.UTC),
        "{\"emailsSent\": " + emails + ", \"tasksCreated\": 1, \"contactsProcessed\": 2}");
  }

  private JsonNode dashboard(String agent, String range) {
    return owner
        .get("/api/workspaces/" + workspace + "/agents/" + agent + "/dashboard?dateRange=" + range)
        .expect(200)
        .data();
  }

  @Test
  void an_agents_dashboard_adds_up_the_range_and_compares_with_the_period_before() {
    workspace = owner.createWorkspace("Dashboard " + System.nanoTime());
    String agent = agent("Outreach");
    for (int i = 0; i < 100; i++) {
      run(agent, i < 90 ? "completed" : "failed", i % 48, i < 80 ? 10 : 60, 1);
    }
    for (int i = 0; i < 4; i++) {
      run(agent, i < 3 ? "completed" : "failed", 24 * 40 + i, 5, 0);
    }
    run(agent, "skipped", 1, 0, 0);

    JsonNode last30 = dashboard(agent, "30d");
    JsonNode all = dashboard(agent, "all");

    assertThat(last30.get("totalExecutions").asLong()).isEqualTo(100);
    assertThat(last30.get("successRate").asDouble()).isEqualTo(90.0);
    assertThat(last30.get("successText").asString()).isEqualTo("90% (90 of 100 executions)");
    assertThat(last30.get("failureRate").asDouble()).isEqualTo(10.0);
    assertThat(last30.get("under30sPercent").asDouble()).isEqualTo(80.0);
    assertThat(last30.get("avgDurationMs").asLong()).isEqualTo(20_000);
    assertThat(last30.get("durationText").asString())
        .isEqualTo("Avg execution time: 20s (80% under 30s target)");
    assertThat(last30.get("contactsProcessed").asLong()).isEqualTo(200);
    assertThat(last30.get("emailsSent").asLong()).isEqualTo(100);
    assertThat(last30.get("tasksCreated").asLong()).isEqualTo(100);
    assertThat(last30.has("warning")).isFalse();
    assertThat(last30.get("previous").get("totalExecutions").asLong()).isEqualTo(4);
    assertThat(last30.get("previous").get("successText").asString())
        .isEqualTo("75% (3 of 4 executions)");
    assertThat(last30.get("byDay")).hasSizeBetween(30, 31);
    long completed = 0;
    long failed = 0;
    for (JsonNode day : last30.get("byDay")) {
      completed += day.get("completed").asLong();
      failed += day.get("failed").asLong();
    }
    assertThat(completed).isEqualTo(90);
    assertThat(failed).isEqualTo(10);
    assertThat(all.get("totalExecutions").asLong()).isEqualTo(104);
    assertThat(all.get("previous").isNull()).isTrue();
  }

  @Test
  void below_80_percent_it_warns_and_the_workspace_compares_agents_sorted_by_any_metric() {
    workspace = owner.createWorkspace("Dashboard " + System.nanoTime());
    String weak = agent("Weak");
    String strong = agent("Strong");
    String idle = agent("Idle");
    for (int i = 0; i < 4; i++) {
      run(weak, i < 3 ? "completed" : "failed", 2, 1, 0);
      run(strong, "completed", 3, 1, 0);
    }
    run(strong, "completed", 4, 1, 0);

    JsonNode weakBoard = dashboard(weak, "7d");
    JsonNode idleBoard = dashboard(idle, "7d");
    JsonNode bySuccess =
        owner
            .get("/api/workspaces/" + workspace + "/dashboard?sort=successRate&order=asc")
            .expect(200)
            .data();
    JsonNode byExecutions = owner.get("/api/workspaces/" + workspace + "/dashboard").data();

    assertThat(weakBoard.get("warning").get("message").asString())
        .isEqualTo("⚠️ Success rate below target (75%)");
    assertThat(weakBoard.get("warning").get("recommendation").asString())
        .isEqualTo("Review recent failures and update instructions");
    assertThat(weakBoard.get("byDay")).hasSizeBetween(7, 8);
    assertThat(idleBoard.get("totalExecutions").asLong()).isZero();
    assertThat(idleBoard.get("avgDurationMs").isNull()).isTrue();
    assertThat(idleBoard.has("warning")).isFalse();
    assertThat(names(bySuccess)).containsExactly("Idle", "Weak", "Strong");
    assertThat(names(byExecutions)).containsExactly("Strong", "Weak", "Idle");
    assertThat(byExecutions.get("totalExecutions").asLong()).isEqualTo(9);
    assertThat(byExecutions.get("agents").get(0).get("executions").asLong()).isEqualTo(5);
    for (String bad : List.of("dateRange=2w", "sort=color", "order=up")) {
      assertThat(
              owner
                  .get("/api/workspaces/" + workspace + "/dashboard?" + bad)
                  .expect(400)
                  .error()
                  .get("field")
                  .asString())
          .isEqualTo(bad.substring(0, bad.indexOf('=')));
    }
    String other = owner.createWorkspace("Other " + System.nanoTime());
    assertThat(owner.get("/api/workspaces/" + other + "/agents/" + weak + "/dashboard").status())
        .isEqualTo(404);
  }

  @Test
  void a_custom_range_counts_its_days_and_bad_ranges_name_their_field() {
    workspace = owner.createWorkspace("Dashboard " + System.nanoTime());
    String agent = agent("Ranged");
    for (int i = 0; i < 3; i++) {
      run(agent, "completed", 24 * 10, 1, 0);
    }
    run(agent, "failed", 24 * 20, 1, 0);
    var today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    String base = "/api/workspaces/" + workspace + "/agents/" + agent + "/dashboard?";

    JsonNode custom =
        owner
            .get(base + "from=" + today.minusDays(15) + "&to=" + today.minusDays(5))
            .expect(200)
            .data();

    assertThat(custom.get("dateRange").asString()).isEqualTo("custom");
    assertThat(custom.get("totalExecutions").asLong()).isEqualTo(3);
    assertThat(custom.get("byDay")).hasSize(11);
    assertThat(custom.get("previous").get("totalExecutions").asLong()).isEqualTo(1);
    Map<String, String> bad =
        Map.of(
            "from=" + today + "&to=" + today.minusDays(3),
            "to",
            "from=1900-01-01",
            "from",
            "from=" + today.minusDays(2) + "&to=" + today.plusYears(5),
            "to",
            "from=yesterday",
            "from",
            "to=" + today,
            "from",
            "dateRange=7d&from=" + today,
            "dateRange");
    bad.forEach((query, field) ->
        assertThat(owner.get(base + query).expect(400).error().get("field").asString())
            .as(query)
            .isEqualTo(field));
  }

  @Test
  void a_fold_that_adds_to_some_days_and_starts_others_gives_each_agent_and_day_its_own_sums() {
    workspace = owner.createWorkspace("Dashboard " + System.nanoTime());
    String first = agent("First");
    String second = agent("Second");
    for (int i = 0; i < 3; i++) {
      run(first, "completed", 0, 10, 1);
    }
    run(second, "failed", 48, 40, 0);
    assertThat(dashboard(first, "all").get("totalExecutions").asLong()).isEqualTo(3);

    // One fold: two days that have rows already, two that have none yet, over both agents.
    run(first, "completed", 0, 20, 2);
    run(first, "failed", 96, 5, 0);
    run(second, "completed", 48, 1, 3);
    run(second, "canceled", 0, 1, 0);
    run(second, "skipped", 0, 0, 0);
    JsonNode firstBoard = dashboard(first, "all");
    JsonNode secondBoard = dashboard(second, "all");

    assertThat(firstBoard.get("totalExecutions").asLong()).isEqualTo(5);
    assertThat(firstBoard.get("completed").asLong()).isEqualTo(4);
    assertThat(firstBoard.get("failed").asLong()).isEqualTo(1);
    assertThat(firstBoard.get("avgDurationMs").asLong()).isEqualTo((3 * 10 + 20 + 5) * 1000 / 5);
    assertThat(firstBoard.get("emailsSent").asLong()).isEqualTo(5);
    assertThat(secondBoard.get("totalExecutions").asLong()).isEqualTo(3);
    assertThat(secondBoard.get("completed").asLong()).isEqualTo(1);
    assertThat(secondBoard.get("failed").asLong()).isEqualTo(1);
    assertThat(secondBoard.get("canceled").asLong()).isEqualTo(1);
    assertThat(secondBoard.get("under30sPercent").asDouble()).isEqualTo(66.7);
    assertThat(secondBoard.get("emailsSent").asLong()).isEqualTo(3);
    assertThat(
            jdbc.queryForList(
                "select total from daily_totals where workspace_id = ? order by agent_id, run_day",
                Long.class,
                UUID.fromString(workspace)))
        .hasSize(4)
        .containsExactlyInAnyOrder(4L, 1L, 2L, 1L);
  }

  @Test
  void an_agent_without_runs_has_zeros() {
    workspace = owner.createWorkspace("Dashboard " + System.nanoTime());
    JsonNode board = dashboard(agent("Fresh"), "all");

    assertThat(board.get("totalExecutions").asLong()).isZero();
    assertThat(board.get("successText").asString()).isEqualTo("0% (0 of 0 executions)");
    assertThat(board.get("byDay")).isEmpty();
    assertThat(board.has("warning")).isFalse();
  }

  private static List<String> names(JsonNode dashboard) {
    List<String> names = new ArrayList<>();
    dashboard.get("agents").forEach(a -> names.add(a.get("name").asString()));
    return names;
  }
}
