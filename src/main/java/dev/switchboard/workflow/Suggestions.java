package dev.switchboard.workflow;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person can do about a failed step, read from its message: "Email template 'xyz' not found"
 * → "Create template or update agent instructions". Kept beside the interpreter, in one table,
 * rather than in each action: the messages are the actions' contract with the user already.
 */
final class Suggestions {

  private record Rule(Pattern message, String suggestion) {}

  private static final List<Rule> RULES =
      List.of(
          rule("^Email template '.*' not found$", "Create template or update agent instructions"),
          rule("^Email integration not connected$", "Connect email in Integrations"),
          rule("^Web search integration not connected$", "Connect web search in Integrations"),
          rule("^LinkedIn integration not connected$", "Connect LinkedIn in Integrations"),
          rule("^Enrichment integration not connected$", "Connect enrichment in Integrations"),
          rule(
              "^Email limit reached",
              "Wait for tomorrow or raise maxEmailsPerDay, then set the agent live again"),
          rule("rate limit|Try again later", "Retry the execution later"),
          rule(
              "refused the username or password|expired|Unauthorized",
              "Check the connection's credentials in Integrations"),
          rule("^Email server|^Cannot reach|unreachable", "Check the integration in Integrations"),
          rule(
              "^Custom field '.*' not found",
              "Create the custom field or update agent instructions"),
          rule("^Invalid email address", "Correct the contact's email address"),
          rule("^No recipient", "Give the step a 'to' address or search contacts first"),
          rule("cannot be used inside a condition", "Move the step out of the condition"),
          rule(
              "^Internal error \\(ref ",
              "Retry the execution; if it fails again, give the"
                  + " reference to your administrator"));

  private static final String DEFAULT = "Check the agent's instructions, then retry the execution";

  private Suggestions() {}

  static String forFailure(String message) {
    if (message == null) {
      return DEFAULT;
    }
    return RULES.stream()
        .filter(r -> r.message().matcher(message).find())
        .map(Rule::suggestion)
        .findFirst()
        .orElse(DEFAULT);
  }

  private static Rule rule(String regex, String suggestion) {
    return new Rule(Pattern.compile(regex), suggestion);
  }
}
