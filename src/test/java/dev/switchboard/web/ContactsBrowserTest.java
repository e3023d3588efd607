package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The CRM pages in a real browser (Chromium through Playwright) against the real server on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactsBrowserTest {

  static final String EMAIL = "owner@test.local";
  static final String PASSWORD = "owner-pass-123";
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path SHOTS = Paths.get("target/screenshots");

  static Playwright playwright;
  static Browser browser;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("switchboard-crm-web-test");
    registry.add("switchboard.data-dir", dir::toString);
    registry.add("switchboard.admin-email", () -> EMAIL);
    registry.add("switchboard.admin-password", () -> PASSWORD);
  }

  @BeforeAll
  static void launch() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("Chromium is missing at " + CHROMIUM);
      }
      Assumptions.assumeTrue(false, "Chromium is not installed at " + CHROMIUM);
    }
    Files.createDirectories(SHOTS);
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  String ws;
  BrowserContext context;
  Page page;

  @BeforeEach
  void open() {
    ws = new ApiClient(json, base()).login(EMAIL, PASSWORD).firstWorkspace();
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    page = context.newPage();
    page.setDefaultTimeout(15_000);
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
    }
  }

  String base() {
    return "http://localhost:" + port;
  }

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
