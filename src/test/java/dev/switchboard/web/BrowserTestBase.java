package dev.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.support.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages in a real browser (Chromium through Playwright) against the real server on a fresh H2
 * database shared by the browser tests. Without Chromium the tests fail when {@code CI=true} and
 * are skipped otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BrowserTestBase {

  static final String EMAIL = "owner@test.local";
  static final String PASSWORD = "owner-pass-123";
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path SHOTS = Paths.get("target/screenshots");

  private static final String REPORT_CSP_VIOLATIONS =
      """
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error("CSP violation: " + e.violatedDirective + " blocked " + e.blockedURI));
      """;

  static Playwright playwright;
  static Browser browser;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("switchboard-browser-test");
    registry.add("switchboard.data-dir", dir::toString);
    registry.add("switchboard.jobs-dir", () -> dir + "-jobs");
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
  Api api;
  String ws;
  BrowserContext context;
  Page page;

  /** The page's problems so far; a test that provokes one on purpose takes it out. */
  final List<String> problems = new CopyOnWriteArrayList<>();

  /** The URLs of the requests the test made fail on purpose ({@link #abortRequests}). */
  private final List<String> aborted = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    api = Api.login(port, EMAIL, PASSWORD);
    ws = api.firstWorkspace();
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    context.addInitScript(REPORT_CSP_VIOLATIONS);
    page = context.newPage();
    page.setDefaultTimeout(15_000);
    page.onConsoleMessage(this::record);
    page.onPageError(error -> problems.add("uncaught error: " + error));
  }

  /**
   * Every page must pass the Content-Security-Policy and log no error: a blocked script, style or
   * connection, or a script failing, fails the test that opened the page.
   */
  @AfterEach
  void closeContext() {
    List<String> seen = List.copyOf(problems);
    problems.clear();
    aborted.clear();
    if (context != null) {
      context.close();
    }
    org.assertj.core.api.Assertions.assertThat(seen)
        .as("CSP violations and console errors of the pages")
        .isEmpty();
  }

  /**
   * Chromium logs a refused fetch answer (a 409 the test asked for) as a console error; those are
   * the API's answers, which the tests check themselves. So is the failure of a request the test
   * aborted itself ({@link #abortRequests}). A missing asset is still a problem.
   */
  private void record(ConsoleMessage message) {
    if (!"error".equals(message.type())) {
      return;
    }
    boolean apiAnswer =
        message.text().startsWith("Failed to load resource: the server responded with a status")
            && message.location().contains("/api/");
    boolean abortedOnPurpose =
        message.text().equals("Failed to load resource: net::ERR_FAILED")
            && aborted.stream().anyMatch(url -> message.location().startsWith(url + ":"));
    if (!apiAnswer && !abortedOnPurpose) {
      problems.add(message.text() + " (" + message.location() + ")");
    }
  }

  /**
   * Makes the page's requests matching {@code urlGlob} fail as a lost connection would, until
   * {@code page.unroute(urlGlob)}; the console error Chromium logs for each is expected.
   */
  void abortRequests(String urlGlob) {
    page.route(
        urlGlob,
        route -> {
          aborted.add(route.request().url());
          route.abort();
        });
  }

  String base() {
    return "http://localhost:" + port;
  }

  /** Signs in through the login form, starting from the agents list. */
  void signIn() {
    signIn(EMAIL, PASSWORD);
  }

  void signIn(String email, String password) {
    page.navigate(base() + "/w/" + ws + "/agents");
    assertThat(page).hasURL(Pattern.compile(".*/login$"));
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page).hasURL(Pattern.compile(".*/w/" + ws + "/agents$"));
  }

  /** Creates an agent through the API and returns its id. */
  String createAgent(Map<String, Object> body) {
    return api.post("/api/workspaces/" + ws + "/agents", body)
        .expect(201)
        .data()
        .get("id")
        .asString();
  }

  /** A live workflow agent with one step. */
  String workflowAgent(String name, Map<String, Object> step) {
    return createAgent(
        Map.of(
            "name",
            name,
            "kind",
            "workflow",
            "status",
            "live",
            "plan",
            Map.of("steps", List.of(step))));
  }

  void shot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
