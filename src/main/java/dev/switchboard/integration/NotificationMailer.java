package dev.switchboard.integration;

import dev.switchboard.notification.NotificationCreated;
import dev.switchboard.workspace.Accounts;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails every in-app notification (auto-pauses, handoffs, task assignments, alerts) to its member
 * when the workspace has connected an SMTP account. Sent after the notification is committed, off
 * the caller's thread, so a slow mail server never holds up a run or a request.
 */
@Component
class NotificationMailer implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);
  private static final int SUBJECT_LENGTH = 120;

  private final Integrations integrations;
  private final SmtpMailer mailer;
  private final Accounts accounts;
  private final ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor();

  NotificationMailer(Integrations integrations, SmtpMailer mailer, Accounts accounts) {
    this.integrations = integrations;
    this.mailer = mailer;
    this.accounts = accounts;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void mail(NotificationCreated n) {
    integrations
        .find(n.workspaceId(), IntegrationKind.EMAIL)
        .ifPresent(email ->
            accounts
                .userById(n.userId())
                .ifPresent(user -> sender.execute(() -> send(email, user.email(), n))));
  }

  private void send(Integration email, String to, NotificationCreated n) {
    String subject =
        n.message().length() > SUBJECT_LENGTH
            ? n.message().substring(0, SUBJECT_LENGTH - 1) + "…"
            : n.message();
    String body = n.message() + (n.link() == null ? "" : "\n\nOpen Switchboard: " + n.link());
    try {
      mailer.send(SmtpAccount.of(email), to, "Switchboard: " + subject, body);
    } catch (RuntimeException e) {
      log.warn("Could not email a notification to {}: {}", to, e.getMessage());
    }
  }

  @Override
  public void destroy() {
    sender.shutdown();
  }
}
