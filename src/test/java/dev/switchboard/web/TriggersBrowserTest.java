package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The triggers section of the agent editor, the triggers on the agent page, and queued and skipped
 * runs in the history and on the execution page, in a real browser against the real server.
 */
class TriggersBrowserTest extends BrowserTestBase {

  private static final Map<String, Object> SEARCH =
      Map.of("type", "search_contacts", "params", Map.of("filters", List.of()));

  Locator trigger(int index) {
    return page.locator("#triggers-editor .trigger-card[data-index='" + index + "']");
  }

  Locator control(Locator card, String path) {
    return card.locator("[data-path='" + path + "']");
  }

  Locator errorOf(Locator card, String path) {
    return page.locator("#" + control(card, path).getAttribute("id") + "-error");
  }

  void addTrigger(String type) {
    page.getByLabel("New trigger type").selectOption(type);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add trigger")).click();
  }

  void openEditor(String agentId) {
    page.navigate(base() + "/w/" + ws + "/agents/" + agentId + "/edit");
    assertThat(page.locator("#editor-title")).containsText("Edit");
  }

  void save() {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
  }

  JsonNode agent(String agentId) {
    return api.get("/api/workspaces/" + ws + "/agents/" + agentId).expect(200).data();
  }

  List<OffsetDateTime> previewed(Locator card) {
    return card.locator(".next-runs time").all().stream()
        .map(t -> OffsetDateTime.parse(t.getAttribute("datetime")))
        .toList();
  }

  @Test
  void editing_a_schedule_updates_its_next_fire_times_and_saving_round_trips() {
    signIn();
    String agentId = workflowAgent("Monday digest", SEARCH);
    openEditor(agentId);
    addTrigger("schedule");
    Locator card = trigger(0);
    control(card, "frequency").selectOption("weekly");
    control(card, "dayOfWeek").selectOption("MONDAY");
    control(card, "timezone").selectOption("Europe/Berlin");
    control(card, "time").fill("08:00");

    assertThat(card.locator(".next-runs time")).hasCount(5);
    assertThat(card.locator(".next-runs time").first())
        .hasAttribute("datetime", Pattern.compile(".*T08:00(:00)?\\+0[12]:00"));
    for (OffsetDateTime at : previewed(card)) {
      assertThat(at.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
      assertThat(at.getHour()).isEqualTo(8);
    }

    // Editing moves the preview: a monthly schedule on day 31 fires on the last day of each month.
    control(card, "frequency").selectOption("monthly");
    control(card, "dayOfMonth").fill("31");
    control(card, "time").fill("09:30");
    assertThat(card.locator(".next-runs time").first())
        .hasAttribute("datetime", Pattern.compile(".*T09:30.*"));
    for (OffsetDateTime at : previewed(card)) {
      assertThat(at.getDayOfMonth()).isEqualTo(at.toLocalDate().lengthOfMonth());
    }
    shot("triggers-schedule-1280");

    save();
    assertThat(page).hasURL(Pattern.compile(".*/agents/" + agentId + "$"));
    assertThat(page.locator("#trigger-items"))
        .containsText("Every month on day 31 at 09:30 (Europe/Berlin)");
    assertThat(page.locator("#next-run")).containsText("Next run:");
    JsonNode saved = agent(agentId).get("triggers").get(0);
    assertThat(saved.get("frequency").asString()).isEqualTo("monthly");
    assertThat(saved.get("dayOfMonth").asInt()).isEqualTo(31);
    assertThat(saved.get("time").asString()).isEqualTo("09:30");
    assertThat(saved.get("timezone").asString()).isEqualTo("Europe/Berlin");
    assertThat(page.locator("#next-run time"))
        .hasAttribute("datetime", saved.get("nextRunAt").asString());

    // Back in the editor the schedule is loaded as saved.
    openEditor(agentId);
    assertThat(control(trigger(0), "frequency")).hasValue("monthly");
    assertThat(control(trigger(0), "dayOfMonth")).hasValue("31");
    assertThat(control(trigger(0), "timezone")).hasValue("Europe/Berlin");
  }

  @Test
  void a_bad_cron_shows_the_field_error_in_the_preview_and_on_save() {
    signIn();
    String agentId = workflowAgent("Cron agent", SEARCH);
    openEditor(agentId);
    addTrigger("webhook");
    addTrigger("schedule");
    Locator card = trigger(1);
    control(card, "frequency").selectOption("cron");
    control(card, "cron").fill("61 * * * *");

    assertThat(errorOf(card, "cron")).containsText("Invalid cron expression '61 * * * *'");
    assertThat(control(card, "cron")).hasAttribute("aria-invalid", "true");
    assertThat(card.locator(".next-runs time")).hasCount(0);

    save();
    assertThat(page.locator("#form-error")).containsText("Invalid cron expression");
    assertThat(errorOf(card, "cron")).isVisible();
    assertThat(control(card, "cron")).isFocused();
    assertThat(page).hasURL(Pattern.compile(".*/edit$"));
    assertThat(agent(agentId).get("triggers")).isEmpty();

    // Five classic fields are fine: the error goes, the fire times come.
    control(card, "cron").fill("0 9 * * 1-5");
    assertThat(card.locator(".next-runs time")).hasCount(5);
    assertThat(errorOf(card, "cron")).isHidden();
    save();
    assertThat(page).hasURL(Pattern.compile(".*/agents/" + agentId + "$"));
    JsonNode triggers = agent(agentId).get("triggers");
    assertThat(triggers.get(0).get("type").asString()).isEqualTo("webhook");
    assertThat(triggers.get(1).get("cron").asString()).isEqualTo("0 9 * * 1-5");
  }

  @Test
  void an_event_condition_is_saved_as_the_plan_schema_condition() {
    signIn();
    String agentId = workflowAgent("Big deals", SEARCH);
    openEditor(agentId);
    addTrigger("event");
    Locator card = trigger(0);
    control(card, "event").selectOption("deal.stage_updated");
    Locator addRule =
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add a rule"));
    addRule.click();
    control(card, "condition.field").fill("deal.value");
    control(card, "condition.operator").selectOption(">");
    control(card, "condition.value").fill("10000");
    addRule.click();
    Locator rows = card.locator(".compare-row");
    rows.nth(1).locator("input").first().fill("deal.stage");
    rows.nth(1).locator("input").nth(1).fill("Closed Won");
    card.getByLabel("Match").selectOption("any");
    save();

    assertThat(page).hasURL(Pattern.compile(".*/agents/" + agentId + "$"));
    JsonNode saved = agent(agentId).get("triggers").get(0);
    assertThat(saved.get("event").asString()).isEqualTo("deal.stage_updated");
    assertThat(saved.get("condition").toString())
        .isEqualTo(
            "{\"any\":[{\"field\":\"deal.value\",\"operator\":\">\",\"value\":10000},"
                + "{\"field\":\"deal.stage\",\"operator\":\"==\",\"value\":\"Closed Won\"}]}");
    assertThat(page.locator("#trigger-items"))
        .containsText(
            "When a deal moves stage and deal.value > 10000 or deal.stage == \"Closed Won\"");

    // Loaded back as two OR rules; removing one saves a single comparison.
    openEditor(agentId);
    Locator loaded = trigger(0);
    assertThat(loaded.locator(".compare-row")).hasCount(2);
    assertThat(loaded.getByLabel("Match")).hasValue("any");
    loaded
        .locator(".compare-row")
        .nth(1)
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove this rule"))
        .click();
    save();
    assertThat(page).hasURL(Pattern.compile(".*/agents/" + agentId + "$"));
    assertThat(agent(agentId).get("triggers").get(0).get("condition").toString())
        .isEqualTo("{\"field\":\"deal.value\",\"operator\":\">\",\"value\":10000}");
  }

  @Test
  void a_form_submitted_trigger_names_its_form() {
    signIn();
    String formId =
        api.post(
                "/api/workspaces/" + ws + "/forms",
                Map.of(
                    "name",
                    "Demo request " + System.nanoTime(),
                    "fields",
                    List.of(Map.of("name", "email", "type", "email"))))
            .expect(201)
            .data()
            .get("id")
            .asString();
    String agentId = workflowAgent("Demo follow-up", SEARCH);
    openEditor(agentId);
    addTrigger("event");
    Locator card = trigger(0);
    assertThat(control(card, "formId")).isHidden();
    control(card, "event").selectOption("form.submitted");
    control(card, "formId").selectOption(formId);
    save();

    assertThat(page).hasURL(Pattern.compile(".*/agents/" + agentId + "$"));
    JsonNode saved = agent(agentId).get("triggers").get(0);
    assertThat(saved.get("event").asString()).isEqualTo("form.submitted");
    assertThat(saved.get("formId").asString()).isEqualTo(formId);
    assertThat(saved.has("condition")).isFalse();
    assertThat(page.locator("#trigger-items")).containsText("When a form is submitted");
  }

  @Test
  void the_webhook_url_is_copied_and_rotated() {
    context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
    signIn();
    String agentId =
        createAgent(
            Map.of(
                "name", "Hooked",
                "kind", "workflow",
                "status", "live",
                "plan", Map.of("steps", List.of(SEARCH)),
                "triggers", List.of(Map.of("type", "webhook"))));
    String before = agent(agentId).get("triggers").get(0).get("url").asString();
    page.navigate(base() + "/w/" + ws + "/agents/" + agentId);
    assertThat(page.locator("#trigger-items .webhook-url")).hasText(base() + before);

    openEditor(agentId);
    Locator card = trigger(0);
    Locator url = card.getByLabel("Webhook URL");
    assertThat(url).hasValue(base() + before);
    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy")).click();
    assertThat(card.locator(".webhook-note")).hasText("Copied to the clipboard.");
    assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(base() + before);

    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rotate").setExact(true))
        .click();
    Locator keep =
        card.getByRole(
            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep the current URL"));
    assertThat(keep).isFocused();
    keep.click();
    assertThat(url).hasValue(base() + before);
    assertThat(agent(agentId).get("triggers").get(0).get("url").asString()).isEqualTo(before);

    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rotate").setExact(true))
        .click();
    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rotate URL")).click();
    assertThat(card.locator(".webhook-note")).containsText("New URL issued");
    String after = agent(agentId).get("triggers").get(0).get("url").asString();
    assertThat(after).isNotEqualTo(before);
    assertThat(url).hasValue(base() + after);
    assertThat(Api.anonymous(port).postRaw(before, "{}").status()).isEqualTo(404);

    // Saving keeps the rotated URL.
    save();
    assertThat(page).hasURL(Pattern.compile(".*/agents/" + agentId + "$"));
    assertThat(agent(agentId).get("triggers").get(0).get("url").asString()).isEqualTo(after);
  }

  @Test
  void history_shows_skipped_runs_with_their_reason_and_queued_runs_with_position_live() {
    signIn();
    Map<String, Object> busyBody =
        Map.of(
            "name", "Busy",
            "kind", "command",
            "status", "live",
            "command", List.of("sleep", "30"),
            "triggers", List.of(Map.of("type", "webhook")));
    String busy = createAgent(busyBody);
    String hook = agent(busy).get("triggers").get(0).get("url").asString();
    String running = Runs.trigger(api, ws, busy);
    Runs.awaitStatus(api, ws, running, "running");
    Api hooks = Api.anonymous(port);
    String first =
        hooks.postRaw(hook, "{\"n\":1}").expect(202).data().get("executionId").asString();
    String second =
        hooks.postRaw(hook, "{\"n\":2}").expect(202).data().get("executionId").asString();
    try {
      page.navigate(base() + "/w/" + ws + "/agents/" + busy);
      Locator secondRow = page.locator("#history-rows tr[data-execution='" + second + "']");
      assertThat(secondRow.locator(".result")).containsText("Position 2 in queue");
      assertThat(secondRow.locator(".result")).containsText("Waiting for run " + running);
      assertThat(page.locator("#history-rows tr[data-execution='" + first + "'] .result"))
          .containsText("Next in queue");
      shot("triggers-history-queued");

      // The run ahead goes: the page is told the new position without a reload.
      api.post("/api/workspaces/" + ws + "/executions/" + first + "/cancel", null).expect(200);
      assertThat(secondRow.locator(".result")).containsText("Next in queue");

      page.navigate(base() + "/w/" + ws + "/executions/" + second);
      assertThat(page.locator("#exec-queue")).containsText("Next in queue");
      assertThat(page.locator("#exec-queue")).containsText("Estimated start");
      page.setViewportSize(375, 800);
      assertThat(scrollWidth()).isLessThanOrEqualTo(375);
      shot("triggers-execution-queued-375");
    } finally {
      for (String id : List.of(second, running)) {
        api.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null);
        Runs.awaitStatus(api, ws, id, "canceled");
      }
    }

    String paused =
        createAgent(
            Map.of(
                "name", "Paused hook",
                "kind", "workflow",
                "status", "live",
                "plan", Map.of("steps", List.of(SEARCH)),
                "triggers", List.of(Map.of("type", "webhook"))));
    api.post("/api/workspaces/" + ws + "/agents/" + paused + "/status", Map.of("status", "paused"))
        .expect(200);
    String pausedHook = agent(paused).get("triggers").get(0).get("url").asString();
    String skipped =
        hooks.postRaw(pausedHook, "{}").expect(202).data().get("executionId").asString();
    page.navigate(base() + "/w/" + ws + "/agents/" + paused);
    Locator row = page.locator("#history-rows tr[data-execution='" + skipped + "']");
    assertThat(row.locator(".badge")).hasText("skipped");
    assertThat(row.locator(".result")).hasText("Skipped: Agent paused");
    page.navigate(base() + "/w/" + ws + "/executions/" + skipped);
    assertThat(page.locator("#exec-queue")).hasText("Skipped: Agent paused");
  }

  @Test
  void the_triggers_fit_375px_and_work_from_the_keyboard_with_a_label_on_every_control() {
    signIn();
    String agentId =
        createAgent(
            Map.of(
                "name",
                "Small screen",
                "kind",
                "workflow",
                "status",
                "draft",
                "plan",
                Map.of("steps", List.of(SEARCH)),
                "triggers",
                List.of(
                    Map.of(
                        "type", "schedule",
                        "frequency", "weekly",
                        "time", "08:00",
                        "dayOfWeek", "MONDAY",
                        "timezone", "America/Argentina/ComodRivadavia"),
                    Map.of(
                        "type",
                        "event",
                        "event",
                        "deal.stage_updated",
                        "condition",
                        Map.of("field", "deal.value", "operator", ">", "value", 10000)),
                    Map.of("type", "webhook"),
                    Map.of(
                        "type",
                        "manual",
                        "filters",
                        List.of(
                            Map.of("field", "createdAt", "operator", ">=", "value", "today"))))));
    page.setViewportSize(375, 800);
    openEditor(agentId);
    assertThat(trigger(0).locator(".next-runs time")).hasCount(5);
    assertThat(trigger(1).locator(".compare-row")).hasCount(1);
    assertThat(scrollWidth()).isLessThanOrEqualTo(375);
    shot("triggers-editor-375");

    Object unlabeled =
        page.evaluate(
            "() => [...document.querySelectorAll('#triggers-section input, #triggers-section select')]"
                + ".filter(c => c.labels.length === 0).length");
    assertThat(((Number) unlabeled).intValue()).isZero();

    // Keyboard only: pick a type, Tab to "Add trigger", Enter; focus lands in the new trigger.
    page.getByLabel("New trigger type").focus();
    page.keyboard().press("ArrowDown");
    assertThat(page.getByLabel("New trigger type")).hasValue("event");
    page.keyboard().press("Tab");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add trigger")))
        .isFocused();
    page.keyboard().press("Enter");
    Locator added = trigger(4);
    assertThat(control(added, "event")).isFocused();
    // Tab through the event card to "Add a rule" and press Space: a rule row appears, focused.
    Locator addRule =
        added.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add a rule"));
    for (int i = 0; i < 10 && !isFocused(addRule); i++) {
      page.keyboard().press("Tab");
    }
    assertThat(addRule).isFocused();
    page.keyboard().press(" ");
    assertThat(control(added, "condition.field")).isFocused();
    page.keyboard().type("contact.title");
    assertThat(scrollWidth()).isLessThanOrEqualTo(375);

    page.navigate(base() + "/w/" + ws + "/agents/" + agentId);
    assertThat(page.locator("#trigger-items li")).hasCount(4);
    assertThat(page.locator("#trigger-items"))
        .containsText("Every Monday at 08:00 (America/Argentina/ComodRivadavia)");
    assertThat(page.locator("#next-run")).containsText("skipped while the agent is draft");
    assertThat(scrollWidth()).isLessThanOrEqualTo(375);
    shot("triggers-agent-375");
    page.setViewportSize(1280, 900);
    shot("triggers-agent-1280");
  }

  private boolean isFocused(Locator locator) {
    return (Boolean) locator.evaluate("n => n === document.activeElement");
  }

  private int scrollWidth() {
    return ((Number) page.evaluate("() => document.scrollingElement.scrollWidth")).intValue();
  }
}
