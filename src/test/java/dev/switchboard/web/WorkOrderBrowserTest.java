package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 002's Trigger New Run button and dialog, in a real browser. */
class WorkOrderBrowserTest extends BrowserTestBase {

  @org.springframework.beans.factory.annotation.Autowired dev.switchboard.run.RunSettings settings;

  static final com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions SOON =
      new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
          .setTimeout(20_000);

  private String workOrder(String title) {
    return api.post(
            "/api/workspaces/" + ws + "/work-orders",
            Map.of("title", title, "prompt", "Fix the authentication bug in the login flow"))
        .expect(201)
        .data()
        .get("id")
        .asString();
  }

  private String approved(String title) {
    String id = workOrder(title);
    api.post("/api/workspaces/" + ws + "/work-orders/" + id + "/approve", null).expect(200);
    return id;
  }

  private void open(String id) {
    page.navigate(base() + "/w/" + ws + "/work-orders/" + id);
    assertThat(page.locator("#wo-status")).not().hasText("…");
  }

  private Locator trigger() {
    return page.locator("#trigger-run");
  }

  @Test
  void the_list_links_to_a_detail_with_back_link_title_status_prompt_and_created() {
    String id = workOrder("Listed order");
    signIn();
    page.navigate(base() + "/w/" + ws + "/work-orders");
    page.locator("a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Listed order"))
        .click();

    assertThat(page.locator("#wo-title")).hasText("Work Order: Listed order");
    assertThat(page.locator("#wo-status")).hasText("draft");
    assertThat(page.locator("#wo-prompt")).hasText("Fix the authentication bug in the login flow");
    assertThat(page.locator("#wo-created")).not().hasText("—");
    assertThat(page.locator(".back-link")).hasText("← Back to Work Orders");
    assertThat(page.locator("#run-count")).hasText("0");
    // A draft is approved first; it takes no run yet.
    assertThat(trigger()).isHidden();
    page.locator("#wo-approve").click();
    assertThat(page.locator("#wo-status")).hasText("approved");
    assertThat(trigger()).isEnabled();
    assertThat(page).hasURL(base() + "/w/" + ws + "/work-orders/" + id);
  }

  @Test
  void the_button_is_hidden_on_a_succeeded_work_order() {
    String id = approvedOf("Accepted order", "echo", "{{prompt}}");
    api.post("/api/workspaces/" + ws + "/work-orders/" + id + "/runs", null).expect(201);
    awaitStatus(id, "review");
    api.post("/api/workspaces/" + ws + "/work-orders/" + id + "/accept", null).expect(200);
    signIn();
    open(id);

    assertThat(page.locator("#wo-status")).hasText("succeeded");
    assertThat(trigger()).isHidden();
  }

  @Test
  void the_button_is_hidden_on_a_cancelled_work_order() {
    String id = approved("Cancelled order");
    api.post("/api/workspaces/" + ws + "/work-orders/" + id + "/cancel", null).expect(200);
    signIn();
    open(id);

    assertThat(page.locator("#wo-status")).hasText("cancelled");
    assertThat(trigger()).isHidden();
  }

  @Test
  void the_dialog_shows_the_work_order_and_run_number_and_cancel_or_escape_close_it() {
    String id = approved("Dialog order");
    signIn();
    open(id);

    trigger().click();
    Locator dialog = page.getByRole(com.microsoft.playwright.options.AriaRole.DIALOG);
    assertThat(dialog).isVisible();
    assertThat(page.locator("#dlg-wo")).hasText("Dialog order");
    assertThat(page.locator("#dlg-prompt")).hasText("Fix the authentication bug in the login flow");
    assertThat(page.locator("#dlg-run-info"))
        .hasText("This will create Run #1 using the current profile settings.");
    assertThat(page.locator("#dlg-max")).isHidden();
    page.locator("#dlg-advanced summary").click();
    assertThat(page.locator("#dlg-max")).isVisible();
    assertThat(page.locator("#dlg-profile")).hasValue("default");
    assertThat(dialog).containsText("These overrides apply only to this run");

    page.locator("#dlg-cancel").click();
    assertThat(dialog).isHidden();
    trigger().click();
    assertThat(dialog).isVisible();
    page.keyboard().press("Escape");
    assertThat(dialog).isHidden();
  }

  @Test
  void tab_stays_inside_the_dialog() {
    String id = approved("Keyboard order");
    signIn();
    open(id);
    trigger().focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#trigger-dialog")).isVisible();

    for (int i = 0; i < 12; i++) {
      page.keyboard().press("Tab");
      Object inside =
          page.evaluate(
              "() => document.getElementById('trigger-dialog').contains(document.activeElement)");
      org.assertj.core.api.Assertions.assertThat(inside)
          .as("focus after %d tabs", i + 1)
          .isEqualTo(true);
    }
  }

  @Test
  void at_375px_the_dialog_is_full_screen_with_44px_targets() {
    String id = approved("Mobile order");
    signIn();
    page.setViewportSize(375, 800);
    // Without the slide-up animation the dialog's box is final at once.
    page.emulateMedia(
        new com.microsoft.playwright.Page.EmulateMediaOptions()
            .setReducedMotion(com.microsoft.playwright.options.ReducedMotion.REDUCE));
    open(id);
    trigger().click();
    assertThat(page.locator("#trigger-dialog")).isVisible();

    Object box =
        page.evaluate(
            "() => { const r = document.getElementById('trigger-dialog').getBoundingClientRect();"
                + " return [r.width, r.height]; }");
    java.util.List<?> size = (java.util.List<?>) box;
    org.assertj.core.api.Assertions.assertThat(((Number) size.get(0)).intValue()).isEqualTo(375);
    org.assertj.core.api.Assertions.assertThat(((Number) size.get(1)).intValue()).isEqualTo(800);
    for (String button : new String[] {"#dlg-cancel", "#dlg-confirm"}) {
      Object height =
          page.evaluate("s => document.querySelector(s).getBoundingClientRect().height", button);
      org.assertj.core.api.Assertions.assertThat(((Number) height).doubleValue())
          .isGreaterThanOrEqualTo(44);
    }
    Object width = page.evaluate("() => document.scrollingElement.scrollWidth");
    org.assertj.core.api.Assertions.assertThat(((Number) width).intValue())
        .isLessThanOrEqualTo(375);
    shot("trigger-dialog-375");
  }

  /** An approved work order of a new command agent running {@code argv}. */
  private String approvedOf(String title, String... argv) {
    String agent =
        createAgent(
            Map.of(
                "name",
                "cmd " + System.nanoTime(),
                "kind",
                "command",
                "status",
                "live",
                "command",
                java.util.List.of(argv)));
    String id =
        api.post(
                "/api/workspaces/" + ws + "/work-orders",
                Map.of("title", title, "prompt", "Do it", "agentId", agent))
            .expect(201)
            .data()
            .get("id")
            .asString();
    api.post("/api/workspaces/" + ws + "/work-orders/" + id + "/approve", null).expect(200);
    return id;
  }

  private String status(String id) {
    return api.get("/api/workspaces/" + ws + "/work-orders/" + id)
        .expect(200)
        .data()
        .get("status")
        .asString();
  }

  private void awaitStatus(String id, String wanted) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> status(id).equals(wanted));
  }

  @Test
  void confirm_shows_triggering_then_run_started_and_navigates_to_the_run() {
    String id = approvedOf("Happy order", "echo", "{{prompt}}");
    signIn();
    open(id);
    trigger().click();
    // Hold the request back so the loading state can be seen, then let it through.
    java.util.concurrent.atomic.AtomicReference<com.microsoft.playwright.Route> held =
        new java.util.concurrent.atomic.AtomicReference<>();
    page.route("**/work-orders/" + id + "/runs", held::set);
    page.locator("#dlg-confirm").click();
    assertThat(page.locator("#trigger-label")).hasText("Triggering...");
    assertThat(page.locator("#trigger-spinner")).isVisible();
    assertThat(page.locator("#dlg-confirm")).isDisabled();
    page.waitForCondition(() -> held.get() != null);
    held.get().resume();

    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/w/" + ws + "/executions/.+"));
    String runs =
        api.get("/api/workspaces/" + ws + "/work-orders/" + id + "/runs")
            .expect(200)
            .data()
            .get(0)
            .get("runNumber")
            .asString();
    org.assertj.core.api.Assertions.assertThat(runs).isEqualTo("1");
  }

  @Test
  void
      the_button_shows_on_a_failed_work_order_and_is_disabled_with_a_tooltip_while_a_run_is_active() {
    String failed = approvedOf("Failed order", "false");
    api.post("/api/workspaces/" + ws + "/work-orders/" + failed + "/runs", null).expect(201);
    awaitStatus(failed, "failed");
    String busy = approvedOf("Busy order", "sleep", "30");
    api.post("/api/workspaces/" + ws + "/work-orders/" + busy + "/runs", null).expect(201);
    signIn();

    open(failed);
    assertThat(page.locator("#wo-status")).hasText("failed");
    assertThat(trigger()).isEnabled();
    assertThat(page.locator("#run-rows tr")).hasCount(1);
    assertThat(page.locator("#run-rows")).containsText("Run #1");

    open(busy);
    assertThat(trigger()).isDisabled();
    page.locator("#trigger-wrap").hover();
    assertThat(page.locator("#trigger-tip")).hasText("A run is already in progress");
    api.post("/api/workspaces/" + ws + "/work-orders/" + busy + "/cancel", null).expect(200);
  }

  @Test
  void at_capacity_the_dialog_shows_the_queue_position() {
    // Long runs take every worker, and one more waits.
    java.util.List<String> busy = new java.util.ArrayList<>();
    for (int i = 0; i <= settings.workers(); i++) {
      String order = approvedOf("Busy " + i, "sleep", "30");
      api.post("/api/workspaces/" + ws + "/work-orders/" + order + "/runs", null).expect(201);
      busy.add(order);
    }
    String id = approvedOf("Waiting order", "echo", "{{prompt}}");
    try {
      signIn();
      open(id);
      trigger().click();
      page.locator("#dlg-confirm").click();

      assertThat(page.locator("#dlg-queued"))
          .containsText("Server at capacity. Your run has been queued. Queue position: ");
      assertThat(page.locator("#trigger-dialog")).isVisible();
      assertThat(page.locator(".toast")).containsText("Run #1 queued");
    } finally {
      busy.forEach(
          order -> api.post("/api/workspaces/" + ws + "/work-orders/" + order + "/cancel", null));
    }
    awaitStatus(id, "review");
  }

  @Test
  void a_run_already_active_closes_the_dialog_with_a_toast() {
    String id = approvedOf("Raced order", "sleep", "30");
    signIn();
    open(id);
    trigger().click();
    assertThat(page.locator("#trigger-dialog")).isVisible();
    // Someone else starts a run meanwhile: the real server answers 409.
    api.post("/api/workspaces/" + ws + "/work-orders/" + id + "/runs", null).expect(201);

    page.locator("#dlg-confirm").click();

    assertThat(page.locator("#trigger-dialog")).isHidden();
    assertThat(page.locator(".toast-error"))
        .containsText("A run is already in progress for this work order");
    api.post("/api/workspaces/" + ws + "/work-orders/" + id + "/cancel", null).expect(200);
  }

  @Test
  void a_completed_work_order_closes_the_dialog_and_refreshes_the_page() {
    String id = approvedOf("Finished order", "echo", "{{prompt}}");
    signIn();
    open(id);
    trigger().click();
    assertThat(page.locator("#trigger-dialog")).isVisible();
    api.post("/api/workspaces/" + ws + "/work-orders/" + id + "/cancel", null).expect(200);

    page.locator("#dlg-confirm").click();

    assertThat(page.locator(".toast-error")).containsText("This work order has already succeeded");
    assertThat(page.locator("#wo-status")).hasText("cancelled");
    assertThat(trigger()).isHidden();
  }

  @Test
  void a_network_error_keeps_the_dialog_open_with_retry_and_bad_input_shows_inline() {
    String id = approvedOf("Flaky order", "echo", "{{prompt}}");
    signIn();
    open(id);
    trigger().click();
    page.locator("#dlg-advanced summary").click();
    page.locator("#dlg-max").fill("0");
    page.locator("#dlg-confirm").click();
    assertThat(page.locator("#dlg-max-error")).containsText("maxIterations must be from 1 to 100");
    assertThat(page.locator("#trigger-dialog")).isVisible();

    page.locator("#dlg-max").fill("2");
    abortRequests("**/work-orders/" + id + "/runs");
    page.locator("#dlg-confirm").click();
    assertThat(page.locator("#dlg-error"))
        .hasText("Could not connect to server. Please try again.");
    assertThat(page.locator("#dlg-retry")).isVisible();
    page.unroute("**/work-orders/" + id + "/runs");
    page.locator("#dlg-retry").click();
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/w/" + ws + "/executions/.+"));
  }

  @Test
  void the_chat_console_starts_a_task_and_follows_it_at_1280_and_375_px() {
    // The browser tests share one workspace: another test's agent may be named "Chatty" too.
    String agent = "Chatty " + System.nanoTime();
    createAgent(
        Map.of(
            "name",
            agent,
            "kind",
            "command",
            "status",
            "live",
            "command",
            java.util.List.of("sleep", "1")));
    signIn();
    java.util.List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
    page.onRequest(r -> {
      if (r.method().equals("POST") && r.url().endsWith("/chat")) {
        posted.add(r.url());
      }
    });
    for (int width : new int[] {1280, 375}) {
      page.setViewportSize(width, 800);
      page.navigate(base() + "/w/" + ws + "/chat");
      page.waitForCondition(() -> Boolean.TRUE.equals(page.evaluate("() => SBLive.isConnected()")));
      page.locator("#chat-input").fill("/he");
      assertThat(page.locator("#chat-suggest")).containsText("/help");
      page.keyboard().press("Tab");
      assertThat(page.locator("#chat-input")).hasValue("/help");
      page.keyboard().press("Enter");
      assertThat(page.locator("#chat-log")).containsText("Commands you can use");

      posted.clear();
      page.locator("#chat-input").fill("/task @" + agent + " Write the docs at " + width);
      page.keyboard().press("Enter");
      assertThat(page.locator("#chat-log")).containsText("Task created and launched");
      // One line follows the task over the WebSocket (chat:update), updated in place.
      Locator progress = page.locator("#chat-log .chat-progress").last();
      assertThat(progress).containsText("review", SOON);
      assertThat(progress.locator("a")).hasCount(2);
      org.assertj.core.api.Assertions.assertThat(posted).as("sent over the WebSocket").isEmpty();
      Object scroll = page.evaluate("() => document.scrollingElement.scrollWidth");
      org.assertj.core.api.Assertions.assertThat(((Number) scroll).intValue())
          .isLessThanOrEqualTo(width);
      shot("chat-" + width);
    }
    page.locator(
            "#chat-log a",
            new com.microsoft.playwright.Page.LocatorOptions().setHasText("work order"))
        .last()
        .click();
    assertThat(page.locator("#wo-title")).containsText("Write the docs at 375");
  }
}
