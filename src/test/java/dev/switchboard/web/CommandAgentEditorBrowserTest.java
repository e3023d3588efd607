package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The editor of a command agent: the instance admin creates and edits one (argv as a list, working
 * directory, timeout) with the API's validation shown on the field it names; a workspace admin whom
 * the instance does not let change command agents is told why and offered no save.
 */
class CommandAgentEditorBrowserTest extends BrowserTestBase {

  @Test
  void the_instance_admin_creates_a_command_agent_and_a_bad_field_is_shown_on_its_control() {
    signIn();
    page.navigate(base() + "/w/" + ws + "/agents/new");
    page.getByLabel("Name").fill("Coder " + UUID.randomUUID());
    page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Command")).check();
    assertThat(page.locator("#instructions-field")).isHidden();
    assertThat(box("Argument 1")).hasValue("{{prompt}}");

    // The program is missing: the API names command[0] and the message sits under that box.
    save();
    assertThat(page.locator("#argv-0-error")).hasText("Name the program to run");
    assertThat(box("Program")).hasAttribute("aria-invalid", "true");

    box("Program").fill("echo");
    box("Argument 1").press("Enter");
    box("Argument 2").fill("--fast");
    shot("command-agent-new");
    page.getByLabel("Working directory").fill("../../elsewhere");
    page.getByLabel("Timeout in seconds").fill("0");
    save();
    assertThat(page.locator("#workdir-input-error")).containsText("must be inside this workspace");
    assertThat(page.locator("#argv-0-error")).isHidden();

    page.getByLabel("Working directory").fill("repo/app");
    save();
    assertThat(page.locator("#timeout-input-error"))
        .hasText("timeoutSeconds must be from 1 to 604800");
    assertThat(page.locator("#workdir-input-error")).isHidden();

    page.getByLabel("Timeout in seconds").fill("120");
    page.setViewportSize(375, 800);
    shot("command-agent-new-375");
    save();
    page.waitForURL(url -> url.matches(".*/agents/[0-9a-f-]{36}$"));
    String id = page.url().substring(page.url().lastIndexOf('/') + 1);
    var agent = api.get("/api/workspaces/" + ws + "/agents/" + id).data();
    assertThat(agent.get("kind").asText()).isEqualTo("command");
    assertThat(agent.get("command").toString()).isEqualTo("[\"echo\",\"{{prompt}}\",\"--fast\"]");
    assertThat(agent.get("workingDirectory").asText()).isEqualTo("repo/app");
    assertThat(agent.get("timeoutSeconds").asInt()).isEqualTo(120);
  }

  @Test
  void the_instance_admin_edits_a_command_agents_arguments() {
    String agent =
        createAgent(
            Map.of(
                "name",
                "Coder",
                "kind",
                "command",
                "command",
                List.of("echo", "--slow", "{{prompt}}")));
    signIn();
    page.navigate(base() + "/w/" + ws + "/agents/" + agent + "/edit");
    assertThat(box("Argument 1")).hasValue("--slow");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove argument 1"))
        .click();
    assertThat(box("Argument 1")).hasValue("{{prompt}}");
    page.getByLabel("Timeout in seconds").fill("900");
    shot("command-agent-edit");
    save();
    page.waitForURL(url -> url.endsWith("/agents/" + agent));
    var saved = api.get("/api/workspaces/" + ws + "/agents/" + agent).data();
    assertThat(saved.get("command").toString()).isEqualTo("[\"echo\",\"{{prompt}}\"]");
    assertThat(saved.get("timeoutSeconds").asInt()).isEqualTo(900);
  }

  @Test
  void a_workspace_admin_who_may_not_create_command_agents_sees_the_choice_disabled_with_why() {
    String email = "ws-admin-" + UUID.randomUUID() + "@test.local";
    api.addMember(ws, email, "ws-admin-pass-1", "admin");
    signIn(email, "ws-admin-pass-1");
    page.navigate(base() + "/w/" + ws + "/agents/new");
    assertThat(page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Command")))
        .isDisabled();
    assertThat(page.locator("#kind-hint"))
        .hasText(
            "Command agents can only be created or changed by an instance administrator"
                + " (SWITCHBOARD_COMMAND_AGENTS=admins).");
  }

  /** An argument's box by its label alone (its remove button's name contains the label too). */
  private Locator box(String label) {
    return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
  }

  private void save() {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
  }

  @Test
  void a_workspace_admin_who_is_not_instance_admin_is_told_why_and_offered_no_save() {
    String agent =
        createAgent(
            Map.of("name", "Coder", "kind", "command", "command", List.of("echo", "{{prompt}}")));
    String email = "ws-admin-" + UUID.randomUUID() + "@test.local";
    api.addMember(ws, email, "ws-admin-pass-1", "admin");
    signIn(email, "ws-admin-pass-1");

    page.navigate(base() + "/w/" + ws + "/agents/" + agent + "/edit");

    assertThat(page.locator("#command-text")).hasText("echo {{prompt}}");
    assertThat(page.locator("#command-refusal"))
        .hasText(
            "Command agents can only be created or changed by an instance administrator"
                + " (SWITCHBOARD_COMMAND_AGENTS=admins).");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")))
        .isDisabled();
    assertThat(page.getByLabel("Name")).isDisabled();
    shot("command-agent-refused");
  }

  @Test
  void the_instance_admin_may_edit_a_command_agent() {
    String agent =
        createAgent(
            Map.of("name", "Coder", "kind", "command", "command", List.of("echo", "{{prompt}}")));
    signIn();

    page.navigate(base() + "/w/" + ws + "/agents/" + agent + "/edit");

    assertThat(box("Program")).hasValue("echo");
    assertThat(page.locator("#command-refusal")).hasCount(0);
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")))
        .isEnabled();
  }
}
