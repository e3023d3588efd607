package dev.switchboard.integration;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Sends one email over SMTP (Jakarta Mail) with connect, read and write timeouts, retrying
 * transient failures (4xx answers, refused, timed-out or dropped connections) with exponential
 * backoff.
 */
@Component
public class SmtpMailer {

  /** Why a send failed for good. */
  public static final class MailFailure extends RuntimeException {

    public enum Kind {
      /** The server answered 4xx (busy, throttled) to every try. */
      THROTTLED(true),
      /** Nothing accepted the connection (refused, no route) on any try. */
      UNREACHABLE(true),
      /** The host name does not resolve. */
      UNKNOWN_HOST(false),
      /** Connected, then timed out or was dropped, on every try. */
      CONNECTION_LOST(true),
      /** The server refused the recipient (5xx). */
      INVALID_RECIPIENT(false),
      /** The server refused the username or password. */
      AUTHENTICATION(false),
      /** Anything else the server refused for good (5xx). */
      REJECTED(false);

      private final boolean retried;

      Kind(boolean retried) {
        this.retried = retried;
      }

      /** Whether another try may go through. */
      boolean retried() {
        return retried;
      }
    }

    private final Kind kind;

    MailFailure(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }

    /** What a person reads when the server could not be reached; empty when it answered. */
    public Optional<String> connectionProblem(SmtpAccount account) {
      String server = "the SMTP server at " + account.host() + ":" + account.port();
      return switch (kind) {
        case UNREACHABLE -> Optional.of("Could not connect to " + server);
        case UNKNOWN_HOST -> Optional.of("Could not connect to " + server + " (unknown host)");
        case CONNECTION_LOST ->
            Optional.of("The connection to " + server + " timed out or was closed");
        case THROTTLED, INVALID_RECIPIENT, AUTHENTICATION, REJECTED -> Optional.empty();
      };
    }
  }

  private static final Pattern REPLY = Pattern.compile("[245]\\d\\d[ -]");

  /** A bad greeting: "Got bad greeting from SMTP host: h, port: p, response: 421 busy". */
  private static final Pattern GREETING = Pattern.compile("bad greeting.*response: ([245]\\d\\d)");

  private final IntegrationProperties properties;
  private final Backoff backoff;
  private final Clock clock;

  SmtpMailer(IntegrationProperties properties, Backoff backoff, Clock clock) {
    this.properties = properties;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Sends, retrying transient failures; throws {@link MailFailure} when it could not. */
  public void send(SmtpAccount account, String to, String subject, String body) {
    MailFailure last = null;
    for (int attempt = 0; attempt <= Backoff.RETRIES; attempt++) {
      if (attempt > 0 && !backoff.pause(attempt)) {
        break;
      }
      try {
        sendOnce(account, to, subject, body);
        return;
      } catch (MessagingException e) {
        last = classify(e);
        if (!last.kind().retried()) {
          throw last;
        }
      }
    }
    throw last;
  }

  /** Connects and authenticates, nothing more: the "Test connection" button. */
  void check(SmtpAccount account) {
    Session session = session(account);
    try (Transport transport = session.getTransport("smtp")) {
      connect(transport, account);
    } catch (MessagingException e) {
      throw classify(e);
    }
  }

  private void sendOnce(SmtpAccount account, String to, String subject, String body)
      throws MessagingException {
    Session session = session(account);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(account.from()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    message.setSubject(subject, "UTF-8");
    message.setText(body, "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    message.saveChanges();
    try (Transport transport = session.getTransport("smtp")) {
      connect(transport, account);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private static void connect(Transport transport, SmtpAccount account) throws MessagingException {
    if (account.authenticates()) {
      transport.connect(account.host(), account.port(), account.username(), account.password());
    } else {
      transport.connect(account.host(), account.port(), null, null);
    }
  }

  private Session session(SmtpAccount account) {
    String timeout = String.valueOf(properties.smtpTimeout().toMillis());
    Properties p = new Properties();
    p.put("mail.smtp.host", account.host());
    p.put("mail.smtp.port", String.valueOf(account.port()));
    p.put("mail.smtp.auth", String.valueOf(account.authenticates()));
    p.put("mail.smtp.starttls.enable", String.valueOf(account.startTls()));
    p.put("mail.smtp.starttls.required", String.valueOf(account.startTls()));
    p.put("mail.smtp.connectiontimeout", timeout);
    p.put("mail.smtp.timeout", timeout);
    p.put("mail.smtp.writetimeout", timeout);
    p.put("mail.smtp.from", account.from());
    return Session.getInstance(p);
  }

  static MailFailure classify(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return new MailFailure(MailFailure.Kind.AUTHENTICATION, "authentication failed");
    }
    for (Exception next = e; next != null; ) {
      int code = returnCode(next);
      boolean recipient =
          next instanceof AddressException
              && !next.getClass().getSimpleName().equals("SMTPSenderFailedException");
      if (code >= 500 || (code < 0 && next == e && recipient)) {
        return recipient
            ? new MailFailure(MailFailure.Kind.INVALID_RECIPIENT, "recipient refused")
            : new MailFailure(MailFailure.Kind.REJECTED, "refused with " + code);
      }
      if (code >= 400) {
        return new MailFailure(MailFailure.Kind.THROTTLED, "answered " + code);
      }
      next = next instanceof MessagingException m ? m.getNextException() : null;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return new MailFailure(MailFailure.Kind.UNKNOWN_HOST, "unknown host");
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new MailFailure(MailFailure.Kind.UNREACHABLE, "connection refused");
      }
    }
    // Timeouts, dropped connections, bad greetings: worth another try.
    return new MailFailure(MailFailure.Kind.CONNECTION_LOST, "connection failed");
  }

  /**
   * The SMTP reply code an exception carries. Angus Mail's exceptions (a runtime dependency only)
   * start their message with the server's reply, e.g. "550 5.1.1 No such user", or quote it after a
   * bad greeting.
   */
  private static int returnCode(Exception e) {
    String message = e.getMessage();
    if (message == null) {
      return -1;
    }
    if (REPLY.matcher(message).lookingAt()) {
      return Integer.parseInt(message.substring(0, 3));
    }
    Matcher greeting = GREETING.matcher(message);
    return greeting.find() ? Integer.parseInt(greeting.group(1)) : -1;
  }
}
