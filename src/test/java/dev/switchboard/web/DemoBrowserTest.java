package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * What a newcomer sees after {@code bin/run}: the demo workspace, where the first Run Now of every
 * sample agent succeeds, and the emails its outreach agent sent are readable in the Outbox.
 */
@TestPropertySource(properties = "switchboard.demo=true")
class DemoBrowserTest extends BrowserTestBase {

  static final LocatorAssertions.IsVisibleOptions SOON =
      new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);

  @Test
  void every_demo_agent_first_run_succeeds_and_the_outreach_emails_are_in_the_outbox() {
    signIn();

    runNow("CEO outreach", "Agent completed successfully. Processed 3 contacts.");
    runNow("Say hello (command)", "Agent completed successfully.");
    runNow("Welcome new leads", "Agent is waiting until");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Outbox")).click();
    assertThat(page.locator("#outbox-summary")).hasText("3 emails, newest first");
    assertThat(page.locator(".outbox-email")).hasCount(3);
    assertThat(page.locator(".outbox-to")).containsText(new String[] {"bill@initech.com"});
    assertThat(page.locator(".outbox-subject").first()).hasText("Quick question about Initech");
    shot("outbox");
    page.setViewportSize(375, 800);
    page.reload();
    assertThat(page.locator(".outbox-email")).hasCount(3);
    Object width = page.evaluate("() => document.scrollingElement.scrollWidth");
    org.assertj.core.api.Assertions.assertThat(((Number) width).intValue())
        .isLessThanOrEqualTo(375);
    shot("outbox-375");
  }

  private void runNow(String agent, String toast) {
    page.navigate(base() + "/w/" + ws + "/agents");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(agent)).click();
    assertThat(page.locator("#agent-name")).hasText(agent);
    page.locator("#run-now").click();
    assertThat(
            page.locator(".toast")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(toast)))
        .isVisible(SOON);
    assertThat(page.locator(".toast-error")).hasCount(0);
  }
}
