package dev.switchboard.integration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * "Test connection": one cheap real call with the saved settings. SMTP connects and authenticates;
 * search runs one query; LinkedIn and Apollo make one authenticated read. Messages never quote what
 * the peer said, which might echo a secret.
 */
@Component
class ConnectionCheck {

  /** The answer of {@code POST …/test}. */
  record Result(boolean ok, String message) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", ok);
      m.put("message", message);
      return m;
    }
  }

  private final Integrations integrations;
  private final SmtpMailer mailer;
  private final WebSearchClient search;
  private final LinkedInClient linkedIn;
  private final ApolloClient apollo;

  ConnectionCheck(
      Integrations integrations,
      SmtpMailer mailer,
      WebSearchClient search,
      LinkedInClient linkedIn,
      ApolloClient apollo) {
    this.integrations = integrations;
    this.mailer = mailer;
    this.search = search;
    this.linkedIn = linkedIn;
    this.apollo = apollo;
  }

  Result test(UUID workspaceId, IntegrationKind kind) {
    Optional<Integration> settings = integrations.find(workspaceId, kind);
    if (settings.isEmpty()) {
      return new Result(false, kind.notConnectedMessage());
    }
    Integration s = settings.get();
    return switch (kind) {
      case EMAIL ->
          CaughtEmails.catches(s)
              ? new Result(true, "Emails are kept in the workspace's Outbox; nothing is sent")
              : smtp(SmtpAccount.of(s));
      case SEARCH -> search(s);
      case LINKEDIN -> http(() -> linkedIn.me(s), "LinkedIn");
      case ENRICHMENT -> http(() -> apollo.health(s), "Apollo");
    };
  }

  private Result smtp(SmtpAccount account) {
    try {
      mailer.check(account);
      return new Result(true, "Connected to " + account.host() + ":" + account.port());
    } catch (SmtpMailer.MailFailure failure) {
      if (failure.kind() == SmtpMailer.MailFailure.Kind.AUTHENTICATION) {
        return new Result(false, "The SMTP server refused the username or password");
      }
      return new Result(
          false,
          failure
              .connectionProblem(account)
              .orElse(
                  "The SMTP server at "
                      + account.host()
                      + ":"
                      + account.port()
                      + " refused ("
                      + failure.getMessage()
                      + ")"));
    }
  }

  private Result search(Integration settings) {
    try {
      List<Map<String, Object>> results = search.search(settings, "switchboard", 1);
      return new Result(
          true,
          "Search works (" + results.size() + " result" + (results.size() == 1 ? "" : "s") + ")");
    } catch (WebSearchClient.SearchFailure failure) {
      return new Result(false, failure.getMessage());
    }
  }

  private static Result http(java.util.function.Supplier<HttpConnector.Answer> call, String name) {
    try {
      HttpConnector.Answer answer = call.get();
      if (answer.ok()) {
        return new Result(true, "Connected to " + name);
      }
      if (answer.status() == 401 || answer.status() == 403) {
        return new Result(false, name + " refused the credentials (HTTP " + answer.status() + ")");
      }
      return new Result(false, name + " answered HTTP " + answer.status());
    } catch (HttpConnector.Unreachable e) {
      return new Result(
          false, name + (e.timedOut() ? " did not answer in time" : " is unreachable"));
    }
  }
}
