package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pages in a real browser (Chromium through Playwright) against the real server on H2. */
class PagesBrowserTest extends BrowserTestBase {

  static final LocatorAssertions.IsVisibleOptions SOON =
      new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);

  Locator runNow() {
    return page.locator("#run-now");
  }

  @Test
  void wrong_password_shows_the_form_again_with_the_message() {
    page.navigate(base() + "/login");
    page.getByLabel("Email").fill(EMAIL);
    page.getByLabel("Password").fill("nope");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong email or password");
    shot("login-error");
  }

  @Test
  void run_now_shows_success_toast_and_the_execution_log_shows_completed_steps() throws Exception {
    workflowAgent(
        "Remember things", Map.of("type", "remember", "params", Map.of("key", "k", "value", "v")));
    signIn();
    assertThat(
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remember things")))
        .isVisible();
    shot("agents-list");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remember things")).click();
    assertThat(page.locator("#agent-name")).hasText("Remember things");
    assertThat(runNow()).hasText("Run Now");
    assertThat(runNow()).isEnabled();

    runNow().click();

    Locator toast =
        page.locator(".toast-success")
            .filter(
                new Locator.FilterOptions()
                    .setHasText("Agent completed successfully. Processed 0 contacts."));
    assertThat(toast).isVisible(SOON);
    assertThat(page.locator("#toasts")).hasAttribute("aria-live", "polite");
    assertThat(runNow()).hasText("Run Now");
    assertThat(page.locator("#history-rows tr").first()).containsText("completed");
    shot("agent-page-completed");

    toast
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("View Execution Log"))
        .click();
    assertThat(page).hasURL(Pattern.compile(".*/w/" + ws + "/executions/[0-9a-f-]{36}$"));
    assertThat(page.locator("#exec-status")).hasText("completed");
    assertThat(page.locator("#exec-progress")).hasText("Step 1 of 1 completed");
    assertThat(page.locator("#exec-steps .step-completed")).hasCount(1);
    assertThat(page.locator("#exec-steps")).containsText("remember");
    shot("execution-completed");
  }

  @Test
  void a_page_loaded_while_the_agent_runs_shows_run_now_disabled_with_the_current_execution() {
    String agentId =
        createAgent(
            Map.of(
                "name",
                "Slow",
                "kind",
                "command",
                "status",
                "live",
                "command",
                List.of("sleep", "30")));
    String current = dev.switchboard.support.Runs.trigger(api, ws, agentId);
    try {
      signIn();
      page.navigate(base() + "/w/" + ws + "/agents/" + agentId);
      // Loaded during the run: Run Now is disabled at once and says which run it waits for.
      Locator note = page.locator("#run-note");
      assertThat(note)
          .containsText("Agent is already running. Wait for current execution to complete.");
      assertThat(note.getByRole(AriaRole.LINK)).hasText(current);
      assertThat(note.getByRole(AriaRole.LINK))
          .hasAttribute("href", "/w/" + ws + "/executions/" + current);
      assertThat(runNow()).isDisabled();
      shot("agent-already-running");
    } finally {
      api.post("/api/workspaces/" + ws + "/executions/" + current + "/cancel", null).expect(200);
    }
  }

  @Test
  void a_failed_run_shows_the_error_toast_with_retry() {
    String agentId =
        workflowAgent("Mailer", Map.of("type", "send_email", "params", Map.of("template", "X")));
    signIn();
    page.navigate(base() + "/w/" + ws + "/agents/" + agentId);
    runNow().click();

    Locator toast = page.locator(".toast-error");
    assertThat(toast).isVisible(SOON);
    assertThat(toast.locator(".toast-message")).hasText(Pattern.compile("^Agent failed: .+"));
    assertThat(
            toast.getByRole(
                AriaRole.LINK, new Locator.GetByRoleOptions().setName("View Error Log")))
        .isVisible();
    Locator retry =
        toast.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry Execution"));
    assertThat(retry).isVisible();
    shot("agent-failed");

    retry.click();
    // The retry fails the same way: a fresh failure toast for the new execution.
    assertThat(page.locator(".toast-error")).isVisible(SOON);
    assertThat(page.locator("#history-rows tr")).hasCount(2);

    page.locator("#history-rows tr").first().getByRole(AriaRole.LINK).click();
    assertThat(page.locator("#exec-status")).hasText("failed");
    assertThat(page.locator("#exec-error")).isVisible();
    assertThat(
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry Execution")))
        .isVisible();
    shot("execution-failed");
  }

  @Test
  void agent_page_fits_375px_and_run_now_works_from_the_keyboard() {
    String agentId =
        workflowAgent(
            "Pocket", Map.of("type", "remember", "params", Map.of("key", "k", "value", "v")));
    signIn();
    page.setViewportSize(375, 800);
    page.navigate(base() + "/w/" + ws + "/agents/" + agentId);
    assertThat(page.locator("#agent-name")).hasText("Pocket");
    assertThat(runNow()).isEnabled();

    Object width = page.evaluate("() => document.scrollingElement.scrollWidth");
    assertThat(((Number) width).intValue()).isLessThanOrEqualTo(375);
    shot("agent-page-375");

    boolean reached = false;
    for (int i = 0; i < 30 && !reached; i++) {
      page.keyboard().press("Tab");
      reached = Boolean.TRUE.equals(page.evaluate("() => document.activeElement.id === 'run-now'"));
    }
    assertThat(reached).as("Run Now is reachable with Tab").isTrue();
    page.keyboard().press("Enter");
    assertThat(page.locator(".toast-success")).isVisible(SOON);
    Object after = page.evaluate("() => document.scrollingElement.scrollWidth");
    assertThat(((Number) after).intValue()).isLessThanOrEqualTo(375);
    shot("agent-page-375-completed");
  }

  @Test
  void a_log_of_100000_lines_loads_fully_but_keeps_at_most_2000_in_the_page() {
    String agentId =
        createAgent(
            Map.of(
                "name",
                "Chatty",
                "kind",
                "command",
                "status",
                "live",
                "command",
                List.of("seq", "1", "100000")));
    String run = dev.switchboard.support.Runs.trigger(api, ws, agentId);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() ->
            dev.switchboard.support.Runs.get(api, ws, run)
                .get("status")
                .asString()
                .equals("completed"));
    signIn();

    page.navigate(base() + "/w/" + ws + "/executions/" + run);

    assertThat(page.locator("#log-count"))
        .hasText("100,002 lines", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
    assertThat(page.locator("#console .ln").last()).containsText("Process exited with code 0");
    assertThat(page.locator("#console .ln").count()).isLessThanOrEqualTo(2000);
    page.locator("#log-earlier").click();
    assertThat(page.locator("#log-bottom")).isVisible();
    assertThat(page.locator("#console .ln").count()).isLessThanOrEqualTo(2000);
    shot("execution-100000-lines");
  }
}
