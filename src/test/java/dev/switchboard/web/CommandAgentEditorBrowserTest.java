package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The editor of a command agent for a workspace admin whom the instance does not let change it. */
class CommandAgentEditorBrowserTest extends BrowserTestBase {

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

    assertThat(page.locator("#command-text")).hasText("echo {{prompt}}");
    assertThat(page.locator("#command-refusal")).hasCount(0);
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")))
        .isEnabled();
  }
}
