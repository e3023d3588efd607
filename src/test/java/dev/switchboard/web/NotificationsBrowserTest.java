package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Notifications link to what they are about, in the bell and on their own page. */
class NotificationsBrowserTest extends BrowserTestBase {

  @Autowired JdbcTemplate jdbc;

  @Test
  void a_notification_links_to_integrations_from_the_bell_and_from_its_page() {
    UUID user = jdbc.queryForObject("select id from users where email = ?", UUID.class, EMAIL);
    String message = "Email is not connected " + System.nanoTime();
    jdbc.update(
        "insert into notifications (id, workspace_id, user_id, kind, message, link, created_at)"
            + " values (?, ?, ?, 'integration', ?, ?, ?)",
        UUID.randomUUID(),
        UUID.fromString(ws),
        user,
        message,
        "/w/" + ws + "/integrations",
        Instant.now().atOffset(ZoneOffset.UTC));
    signIn();

    // the bell is wired once its first load has labelled it; a click before that opens nothing
    assertThat(page.locator("#bell"))
        .hasAttribute("aria-label", Pattern.compile("Notifications, \\d+ unread"));
    page.locator("#bell").click();
    assertThat(
            page.locator("#notification-list")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(message)))
        .hasAttribute("href", "/w/" + ws + "/integrations");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("All notifications")).click();

    assertThat(page).hasURL(Pattern.compile(".*/w/" + ws + "/notifications$"));
    assertThat(page.locator("h1")).hasText("Notifications");
    shot("notifications-1280");
    page.locator("#notification-page-list")
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(message))
        .click();
    assertThat(page).hasURL(Pattern.compile(".*/w/" + ws + "/integrations$"));
    page.setViewportSize(375, 800);
    page.navigate(base() + "/w/" + ws + "/notifications");
    assertThat(page.locator("#notification-page-list li").first()).isVisible();
    shot("notifications-375");
  }
}
