package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent editor and its live preview in a real browser against the real server on H2. */
class AgentEditorBrowserTest extends BrowserTestBase {

  Locator instructions() {
    return page.getByLabel("Instructions");
  }

  Locator preview() {
    return page.locator("#preview");
  }

  /**
   * Types at the end of the text like a person, so every keystroke goes through the debounce and
   * the sequence check.
   */
  void type(String text) {
    instructions().focus();
    instructions().press("Control+End");
    instructions().pressSequentially(text);
  }

  @Test
  void typing_shows_the_plan_as_steps_and_saving_a_draft_lands_on_the_agent_page() {
    signIn();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New agent")).click();
    assertThat(page).hasURL(Pattern.compile(".*/w/" + ws + "/agents/new$"));
    assertThat(page.locator("#preview-body")).hasAttribute("aria-live", "polite");
    assertThat(page.locator("#preview-status")).containsText("Start typing");

    page.getByLabel("Name").fill("CEO outreach");
    page.getByLabel("Goal").fill("Meet SaaS CEOs");
    type("Find contacts where title contains CEO and send email using template 'Outbound v2'");

    assertThat(preview()).containsText("Here is what your agent will do");
    Locator steps = page.locator("#plan-steps > li");
    assertThat(steps).hasCount(2);
    assertThat(steps.nth(0)).hasText("Find contacts where title contains “CEO”");
    assertThat(steps.nth(1)).containsText("Outbound v2");
    assertThat(page.locator("#hl-backdrop mark")).hasCount(0);
    shot("editor-plan");

    page.getByLabel("Status").selectOption("draft");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

    assertThat(page).hasURL(Pattern.compile(".*/w/" + ws + "/agents/[0-9a-f-]{36}$"));
    assertThat(page.locator("#agent-name")).hasText("CEO outreach");
    assertThat(page.locator("#agent-status")).hasText("draft");
    assertThat(page.locator("#agent-details")).containsText("Outbound v2");

    // And back into the editor: the saved text is loaded and previewed again.
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit")).click();
    assertThat(page).hasURL(Pattern.compile(".*/agents/[0-9a-f-]{36}/edit$"));
    assertThat(page.getByLabel("Name")).hasValue("CEO outreach");
    assertThat(page.locator("#plan-steps > li")).hasCount(2);
  }

  @Test
  void unreadable_words_are_highlighted_and_listed() {
    signIn();
    page.navigate(base() + "/w/" + ws + "/agents/new");
    page.getByLabel("Name").fill("Travel agent");
    String text = "Send email using template 'Intro' then book a flight to Paris";
    type(text);

    assertThat(preview()).containsText("Unable to parse instructions. Please clarify.");
    Locator mark = page.locator("#hl-backdrop mark");
    assertThat(mark).hasCount(1);
    assertThat(mark).containsText("book a flight");
    assertThat(page.locator("#plan-steps > li")).hasCount(0);
    shot("editor-unreadable");

    // The listed problem selects its words in the text.
    page.locator("#problem-list button.problem").first().click();
    Object selected =
        page.evaluate(
            "() => { const t = document.getElementById('instructions');"
                + " return t.value.slice(t.selectionStart, t.selectionEnd); }");
    assertThat((String) selected).contains("book a flight");

    // A live agent with unreadable instructions is refused; the message says so.
    page.getByLabel("Status").selectOption("live");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
    assertThat(page.locator("#form-error")).containsText("Unable to parse instructions.");
    assertThat(page).hasURL(Pattern.compile(".*/agents/new$"));

    // Fixing the text clears the highlight.
    instructions().fill("Send email using template 'Intro'");
    assertThat(page.locator("#plan-steps > li")).hasCount(1);
    assertThat(mark).hasCount(0);
  }

  @Test
  void a_late_answer_for_older_text_does_not_replace_the_newer_one_and_warnings_are_listed() {
    // Answers to a parse request for text containing "slowly" arrive 1.5 s late.
    page.addInitScript(
        "(() => { const fetch0 = window.fetch; window.fetch = (url, init) =>"
            + " fetch0(url, init).then(r => init && String(init.body).includes('slowly')"
            + " ? new Promise(done => setTimeout(() => done(r), 1500)) : r); })()");
    signIn();
    page.navigate(base() + "/w/" + ws + "/agents/new");
    instructions().fill("Book a flight slowly");
    page.waitForTimeout(500); // the debounced request for it is on its way
    instructions().fill("Add tag 'Hot' then remove tag 'Hot'");

    Locator steps = page.locator("#plan-steps > li");
    assertThat(steps).hasCount(2);
    assertThat(page.locator("#warning-list li")).containsText("added and then removed");
    page.waitForTimeout(1_800); // the late answer has arrived by now and must have been dropped
    assertThat(steps).hasCount(2);
    assertThat(preview()).not().containsText("Unable to parse");
    assertThat(page.locator("#hl-backdrop mark")).hasCount(0);
    shot("editor-warnings");

    // Emptying the text shows the hint again, without asking the server.
    instructions().fill("");
    assertThat(page.locator("#preview-status")).containsText("Start typing");
    assertThat(steps).hasCount(0);
  }

  @Test
  void a_viewer_sees_the_preview_but_saving_shows_the_api_refusal() {
    String email = "viewer-" + System.nanoTime() + "@test.local";
    api.post(
            "/api/workspaces/" + ws + "/members",
            Map.of("email", email, "name", "Vera", "password", "viewer-pass-123", "role", "viewer"))
        .expect(201);
    page.navigate(base() + "/w/" + ws + "/agents/new");
    assertThat(page).hasURL(Pattern.compile(".*/login$"));
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill("viewer-pass-123");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.navigate(base() + "/w/" + ws + "/agents/new");

    page.getByLabel("Name").fill("Not mine");
    type("Wait 2 hours");
    assertThat(page.locator("#plan-steps > li")).hasText(new String[] {"Wait 2 hours"});
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
    assertThat(page.getByRole(AriaRole.ALERT))
        .hasText("Viewers cannot change anything in this workspace");
    assertThat(page).hasURL(Pattern.compile(".*/agents/new$"));
  }

  @Test
  void renaming_an_agent_with_a_plan_but_no_instructions_keeps_the_plan() {
    String agentId =
        workflowAgent("JSON plan", Map.of("type", "wait", "params", Map.of("duration", "PT2H")));
    signIn();
    page.navigate(base() + "/w/" + ws + "/agents/" + agentId + "/edit");
    assertThat(page.getByLabel("Name")).hasValue("JSON plan");
    assertThat(page.locator("#plan-steps > li")).hasText(new String[] {"Wait 2 hours"});
    assertThat(page.locator("#preview-status")).containsText("set without instructions");

    page.getByLabel("Name").fill("JSON plan, renamed");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
    assertThat(page.locator("#agent-name")).hasText("JSON plan, renamed");
    assertThat(page.locator("#agent-status")).hasText("live");
    assertThat(
            api.get("/api/workspaces/" + ws + "/agents/" + agentId)
                .json()
                .at("/data/plan/steps/0/params/duration")
                .asString())
        .isEqualTo("PT2H");
  }

  @Test
  void the_editor_fits_375px_with_nested_branches() {
    String agentId =
        createAgent(
            Map.of(
                "name",
                "Follow-up",
                "kind",
                "workflow",
                "status",
                "draft",
                "instructions",
                "Find contacts created in the last 7 days and send email using template"
                    + " 'Outbound v2'. Wait 5 days. If contact.replied is false and"
                    + " contact.title contains 'CEO', send email using template 'Nudge' and"
                    + " add tag 'Chased'; otherwise create a task 'Call @contact.firstName'"
                    + " due in 2 days."));
    signIn();
    page.setViewportSize(375, 800);
    page.navigate(base() + "/w/" + ws + "/agents/" + agentId + "/edit");
    assertThat(page.getByLabel("Name")).hasValue("Follow-up");
    Locator steps = page.locator("#plan-steps > li");
    assertThat(steps).hasCount(4);
    assertThat(steps.nth(0)).containsText("created in the last 7 days");
    assertThat(steps.nth(2)).hasText("Wait 5 days");
    assertThat(steps.nth(3)).containsText("Otherwise");
    assertThat(steps.nth(3).locator(".chip")).containsText("@contact.firstName");

    Object width = page.evaluate("() => document.scrollingElement.scrollWidth");
    assertThat(((Number) width).intValue()).isLessThanOrEqualTo(375);
    shot("editor-375");

    type(" Then book a flight.");
    assertThat(page.locator("#hl-backdrop mark")).containsText("book a flight");
    Object after = page.evaluate("() => document.scrollingElement.scrollWidth");
    assertThat(((Number) after).intValue()).isLessThanOrEqualTo(375);
    shot("editor-375-unreadable");
  }
}
