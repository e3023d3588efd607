package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CRM pages in a real browser (Chromium through Playwright) against the real server on H2. */
class ContactsBrowserTest extends BrowserTestBase {

  @Test
  void a_csv_imported_through_the_page_lists_its_contacts() {
    page.navigate(base() + "/w/" + ws + "/contacts");
    page.getByLabel("Email").fill(EMAIL);
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.navigate(base() + "/w/" + ws + "/contacts");
    assertThat(page.locator("#contacts-summary")).hasText("No contacts found.");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import CSV")).click();
    assertThat(page).hasURL(Pattern.compile(".*/contacts/import$"));
    String csv =
        "First Name,Last Name,Email,Title,Company,Tags\n"
            + "John,Doe,john@acme.com,CEO,Acme Corp,vip;lead\n"
            + "Ana,Lima,ana@globex.io,CTO,Globex,lead\n"
            + "Bad,Row,nope,CEO,,\n";
    page.getByLabel("CSV file")
        .setInputFiles(
            new FilePayload("contacts.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();

    assertThat(page.locator("#import-summary")).hasText("Imported 2 contacts, skipped 1.");
    assertThat(page.locator("#import-errors")).containsText("Row 4: Invalid email address: nope");
    assertThat(page.locator("#import-progress")).hasAttribute("value", "1");
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("contacts-import.png")));

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See the contacts")).click();
    assertThat(page.locator("#contacts-summary")).hasText("2 contacts");
    assertThat(page.locator("#contact-rows")).containsText("john@acme.com");
    assertThat(page.locator("#contact-rows")).containsText("ana@globex.io");

    page.getByLabel("Search").fill("acme");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
    assertThat(page.locator("#contacts-summary")).hasText("1 contact");
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("contacts-list.png")));

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("John Doe")).click();
    assertThat(page.locator("#contact-name")).hasText("John Doe");
    assertThat(page.locator("#contact-tags")).containsText("vip");
    assertThat(page.locator("#contact-details")).containsText("Acme Corp");
  }
}
