package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.Runs;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Story 3.14 in the browser: the execution's step accordion and the workspace's history list. */
class HistoryBrowserTest extends BrowserTestBase {

  static final LocatorAssertions.IsVisibleOptions SOON =
      new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);

  private String finishedRun(String agent, String status) {
    String run = Runs.trigger(api, ws, agent);
    Runs.awaitStatus(api, ws, run, status);
    return run;
  }

  @Test
  void steps_expand_warned_and_failed_ones_open_and_the_error_says_what_to_do() {
    String agent =
        createAgent(
            Map.of(
                "name",
                "Rememberer",
                "kind",
                "workflow",
                "status",
                "live",
                "plan",
                Map.of(
                    "steps",
                    List.of(
                        Map.of(
                            "type",
                            "remember",
                            "params",
                            Map.of("key", "greeting", "value", "hello")),
                        Map.of(
                            "type",
                            "if",
                            "condition",
                            Map.of(
                                "field", "contact.customField99", "operator", "==", "value", "x"),
                            "then",
                            List.of(
                                Map.of(
                                    "type",
                                    "remember",
                                    "params",
                                    Map.of("key", "k", "value", "v"))))))));
    String run = finishedRun(agent, "completed");
    signIn();
    page.navigate(base() + "/w/" + ws + "/executions/" + run);

    Locator steps = page.locator("#exec-steps details.step");
    assertThat(steps).hasCount(2);
    assertThat(page.locator("#exec-steps details.step[open]")).hasCount(1);
    Locator warned = steps.nth(1);
    assertThat(warned.locator("summary")).containsText("with warning");
    assertThat(warned)
        .containsText("Field 'contact.customField99' not found. Defaulting to false.");
    assertThat(warned).containsText("\"branch\": \"else\"");
    assertThat(steps.nth(0).locator(".step-body")).not().isVisible();
    steps.nth(0).locator("summary").click();
    assertThat(steps.nth(0).locator(".step-body")).containsText("\"value\": \"hello\"");
    // A short log gets a short box: it is sized to its lines, not a fixed 420 px.
    assertThat(page.locator("#console .ln").first()).isVisible();
    assertThat(page.locator("#console").boundingBox().height).isLessThan(400);
    shot("execution-steps");
    page.setViewportSize(375, 800);
    shot("execution-steps-375");
    assertThat(
            (Boolean)
                page.evaluate(
                    "document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
        .isTrue();

    page.setViewportSize(1280, 900);
    String mailer =
        workflowAgent(
            "Unconnected mailer",
            Map.of("type", "send_email", "params", Map.of("template", "Outbound v2")));
    String failed = finishedRun(mailer, "failed");
    page.navigate(base() + "/w/" + ws + "/executions/" + failed);

    Locator error = page.locator("#exec-error");
    assertThat(error).containsText("Email integration not connected");
    assertThat(error).containsText("Suggestion: Connect email in Integrations");
    assertThat(error).not().containsText("null");
    assertThat(page.locator("#exec-steps details.step-failed[open]"))
        .containsText("Suggestion: Connect email in Integrations");
    shot("execution-failed");
  }

  @Test
  void a_waiting_run_that_wakes_up_shows_it_without_a_reload() {
    String agent =
        createAgent(
            Map.of(
                "name",
                "Sleeper",
                "kind",
                "workflow",
                "status",
                "live",
                "plan",
                Map.of(
                    "steps",
                    List.of(
                        Map.of("type", "wait", "params", Map.of("duration", "PT1H")),
                        Map.of("type", "remember", "params", Map.of("key", "k", "value", "v"))))));
    String run = finishedRun(agent, "waiting");
    signIn();
    page.navigate(base() + "/w/" + ws + "/executions/" + run);
    assertThat(page.locator("#exec-status")).hasText("waiting");

    api.post("/api/workspaces/" + ws + "/executions/" + run + "/resume", null).expect(200);

    assertThat(page.locator("#exec-status"))
        .hasText("completed", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
    assertThat(page.locator("#exec-progress")).hasText("Step 2 of 2 completed");
  }

  @Test
  void the_workspace_list_keeps_its_filters_in_the_url_exports_them_and_shows_new_runs_live() {
    String agent =
        workflowAgent(
            "Lister", Map.of("type", "remember", "params", Map.of("key", "k", "value", "v")));
    String done = finishedRun(agent, "completed");
    signIn();

    page.navigate(base() + "/w/" + ws + "/executions?status=completed&search=" + done);

    assertThat(page.locator("#f-status")).hasValue("completed");
    assertThat(page.locator("#f-search")).hasValue(done);
    assertThat(page.locator("#f-status option"))
        .hasText(
            new String[] {
              "All", "Completed", "Failed", "Running", "Waiting", "Canceled", "Queued", "Skipped"
            });
    assertThat(page.locator("#history-rows tr")).hasCount(1);
    Locator row = page.locator("#history-rows tr").first();
    assertThat(row).containsText(done.substring(0, 8));
    assertThat(row).containsText("Lister");
    assertThat(page.locator("thead")).containsText("ExecutionId");
    String csvHref =
        "/api/workspaces/" + ws + "/executions/export?format=csv&status=completed&search=" + done;
    assertThat(page.locator("#export-csv")).hasAttribute("href", csvHref);
    assertThat(page.locator("#export-json"))
        .hasAttribute("href", csvHref.replace("format=csv", "format=json"));
    List<String> exported = api.get(csvHref).expect(200).body().lines().toList();
    assertThat(exported).hasSize(2);
    assertThat(exported.get(1)).startsWith(done);
    shot("executions-filtered");

    page.locator("#f-search").fill("");
    page.locator("#f-range").selectOption("7d");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
    assertThat(page)
        .hasURL(Pattern.compile(".*/w/" + ws + "/executions\\?status=completed&range=7d$"));
    page.locator("#f-range").selectOption("custom");
    assertThat(page.locator("#f-from")).isVisible();
    assertThat(page.locator("#f-to")).isVisible();
    page.locator("#f-range").selectOption("7d");

    // A run started now appears without a reload once it completes.
    String fresh = Runs.trigger(api, ws, agent);
    assertThat(page.locator("#history-rows tr[data-execution='" + fresh + "']")).isVisible(SOON);
    page.setViewportSize(375, 800);
    shot("executions-375");
  }
}
