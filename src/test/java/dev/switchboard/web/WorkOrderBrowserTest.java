package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 002's Trigger New Run button and dialog, in a real browser. */
class WorkOrderBrowserTest extends BrowserTestBase {

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
}
