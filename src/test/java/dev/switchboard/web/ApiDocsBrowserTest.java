package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiDocsBrowserTest extends BrowserTestBase {

  @Test
  void the_footer_link_opens_swagger_ui_listing_the_api() {
    List<String> failed = new ArrayList<>();
    page.onResponse(r -> {
      if (r.status() >= 400) {
        failed.add(r.status() + " " + r.url());
      }
    });
    signIn();

    page.getByRole(
            AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("API docs"))
        .click();

    assertThat(page).hasURL(Pattern.compile(".*/swagger-ui/index.html$"));
    // Swagger UI is a large script: give a loaded machine time to start it.
    LocatorAssertions.IsVisibleOptions slow =
        new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);
    try {
      assertThat(page.locator(".opblock-summary-path[data-path='/api/auth/login']"))
          .isVisible(slow);
    } finally {
      shot("swagger-ui");
    }
    assertThat(page.getByText("Switchboard API").first()).isVisible();
    assertThat(failed).isEmpty();
  }
}
