package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The workspace dashboard, an agent's dashboard tab and the agent page's configuration card. */
class DashboardBrowserTest extends BrowserTestBase {

  @Autowired JdbcTemplate jdbc;

  private String board;

  private String agentIn(String workspace, String name) {
    return api.post(
            "/api/workspaces/" + workspace + "/agents",
            Map.of(
                "name",
                name,
                "status",
                "live",
                "plan",
                Map.of(
                    "steps",
                    List.of(
                        Map.of("type", "remember", "params", Map.of("key", "k", "value", "v"))))))
        .expect(201)
        .data()
        .get("id")
        .asString();
  }

  /** Finished runs of {@code agent}, one every few hours back from now. */
  private void runs(String agent, int completed, int failed) {
    for (int i = 0; i < completed + failed; i++) {
      Instant at = Instant.now().minusSeconds(3600L * 7 * i);
      jdbc.update(
          """
          insert into executions (id, workspace_id, agent_id, agent_name, trigger_type,
          triggered_by, status, created_at, started_at, finished_at, processed_count, summary)
          values (?, ?, ?, 'A', 'manual', 'user', ?, ?, ?, ?, 2, '{"emailsSent": 1}')\
          """,
          UUID.randomUUID(),
          UUID.fromString(board),
          UUID.fromString(agent),
          i < completed ? "completed" : "failed",
          at.atOffset(ZoneOffset.UTC),
          at.atOffset(ZoneOffset.UTC),
          at.plusSeconds(12).atOffset(ZoneOffset.UTC));
    }
  }

  private List<String> agentColumn() {
    return page.locator("#compare-rows tr td:first-child").allTextContents();
  }

  @Test
  void the_workspace_dashboard_shows_totals_charts_and_a_sortable_comparison() {
    board = api.createWorkspace("Board " + System.nanoTime());
    String strong = agentIn(board, "Strong");
    String weak = agentIn(board, "Weak");
    agentIn(board, "Idle");
    runs(strong, 12, 0);
    runs(weak, 3, 3);
    signIn();

    page.navigate(base() + "/w/" + board + "/dashboard");

    assertThat(page.locator("[data-metric=successRate]")).hasText("83.3% (15 of 18 executions)");
    assertThat(page.locator("[data-metric=emailsSent]")).hasText("18");
    assertThat(page.locator("[data-metric=avgDurationMs]"))
        .hasText("Avg execution time: 12s (100% under 30s target)");
    assertThat(page.locator("#dash-warning")).isHidden();
    assertThat(page.locator("#chart-success")).isVisible();
    assertThat(page.locator("#chart-runs")).isVisible();
    assertThat(page.locator("#compare-rows tr")).hasCount(3);
    org.assertj.core.api.Assertions.assertThat(agentColumn())
        .containsExactly("Strong", "Weak", "Idle");
    shot("dashboard-1280");

    Locator success = page.locator("#compare th[data-sort=successRate]");
    success.getByRole(AriaRole.BUTTON).click();
    assertThat(success).hasAttribute("aria-sort", "descending");
    success.getByRole(AriaRole.BUTTON).click();
    assertThat(success).hasAttribute("aria-sort", "ascending");
    assertThat(page.locator("#compare-rows tr").first()).containsText("Idle");
    org.assertj.core.api.Assertions.assertThat(agentColumn())
        .containsExactly("Idle", "Weak", "Strong");
    assertThat(page).hasURL(Pattern.compile(".*sort=successRate&order=asc.*"));

    page.locator("#d-range").selectOption("custom");
    page.locator("#d-from").fill("2026-02-10");
    page.locator("#d-to").fill("2026-02-01");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
    assertThat(page.locator("#dash-error")).hasText("to must not be before from");

    page.setViewportSize(375, 800);
    page.navigate(base() + "/w/" + board + "/dashboard?dateRange=7d");
    assertThat(page.locator("#d-range")).hasValue("7d");
    assertThat(page.locator("#compare-rows tr")).hasCount(3);
    Object width = page.evaluate("() => document.scrollingElement.scrollWidth");
    org.assertj.core.api.Assertions.assertThat(((Number) width).intValue())
        .isLessThanOrEqualTo(375);
    shot("dashboard-375");
  }

  @Test
  void an_agents_dashboard_tab_warns_below_80_percent_and_compares_periods() {
    board = api.createWorkspace("Agent board " + System.nanoTime());
    String weak = agentIn(board, "Shaky outreach");
    runs(weak, 3, 2);
    signIn();
    page.navigate(base() + "/w/" + board + "/agents/" + weak);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard").setExact(true))
        .last()
        .click();

    assertThat(page).hasURL(Pattern.compile(".*/agents/" + weak + "/dashboard.*"));
    assertThat(page.locator("#dash-title")).hasText("Shaky outreach · Dashboard");
    assertThat(page.locator("[data-metric=successRate]")).hasText("60% (3 of 5 executions)");
    assertThat(page.locator("#dash-warning-message")).hasText("⚠️ Success rate below target (60%)");
    assertThat(page.locator("#dash-warning-advice"))
        .hasText("Review recent failures and update instructions");
    assertThat(page.locator(".metric-previous").first()).containsText("Previous period: 0%");
    shot("agent-dashboard-1280");

    page.locator("#d-compare").uncheck();
    assertThat(page.locator(".metric-previous")).hasCount(0);
    page.setViewportSize(375, 800);
    page.reload();
    assertThat(page.locator("#d-compare")).not().isChecked();
    assertThat(page.locator("[data-metric=successRate]")).hasText("60% (3 of 5 executions)");
    Object width = page.evaluate("() => document.scrollingElement.scrollWidth");
    org.assertj.core.api.Assertions.assertThat(((Number) width).intValue())
        .isLessThanOrEqualTo(375);
    shot("agent-dashboard-375");
  }

  @Test
  void the_agent_page_previews_and_creates_a_copy_of_its_configuration() {
    board = api.createWorkspace("Copy source " + System.nanoTime());
    String agent = agentIn(board, "Copied agent");
    signIn();
    page.navigate(base() + "/w/" + board + "/agents/" + agent);

    page.locator("#config-target").selectOption(ws);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview copy")).click();
    assertThat(page.locator("#config-result"))
        .hasText("Would create a draft agent \"Copied agent\" with 0 triggers.");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create copy")).click();
    assertThat(page.locator("#config-result")).containsText("Created a draft agent");
    shot("agent-config-copied");
    page.locator("#config-result a").click();
    assertThat(page.locator("#agent-name")).hasText("Copied agent");
    assertThat(page).hasURL(Pattern.compile(".*/w/" + ws + "/agents/.*"));
  }

  @Test
  void unknown_pages_and_other_workspaces_dashboards_show_our_error_page() {
    signIn();

    for (String path :
        List.of(
            "/w/" + ws + "/no-such-page",
            "/w/" + UUID.randomUUID() + "/dashboard",
            "/w/" + ws + "/agents/" + UUID.randomUUID() + "/dashboard")) {
      page.navigate(base() + path);
      assertThat(page.locator("h1")).containsText("Not found");
      assertThat(
              page.getByRole(
                  AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to Switchboard")))
          .isVisible();
      // Chromium logs the page's own 404 as a console error; the answer is what is checked here.
      problems.removeIf(p ->
          p.startsWith("Failed to load resource: the server responded with a status of 404")
              && p.contains(path));
    }
  }
}
