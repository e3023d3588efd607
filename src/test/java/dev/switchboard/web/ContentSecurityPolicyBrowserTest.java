package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The policy is enforced by the browser, and the check every browser test makes notices it. */
class ContentSecurityPolicyBrowserTest extends BrowserTestBase {

  @Test
  void an_inline_script_is_blocked_and_reported_as_a_problem_of_the_page() {
    page.navigate(base() + "/login");

    page.evaluate(
        "() => { const s = document.createElement('script');"
            + " s.textContent = 'window.injected = true'; document.head.append(s); }");

    assertThat(page.evaluate("() => window.injected === true")).isEqualTo(false);
    assertThat(problems).anyMatch(p -> p.contains("script-src"));
    problems.clear();
  }

  @Test
  void an_inline_style_attribute_is_blocked_and_reported() {
    page.navigate(base() + "/login");

    page.evaluate("() => document.body.setAttribute('style', 'background: red')");

    assertThat(page.evaluate("() => getComputedStyle(document.body).backgroundColor"))
        .isNotEqualTo("rgb(255, 0, 0)");
    assertThat(problems).anyMatch(p -> p.contains("style-src"));
    problems.clear();
  }
}
