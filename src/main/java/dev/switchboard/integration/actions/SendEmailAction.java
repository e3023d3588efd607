package dev.switchboard.integration.actions;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.agent.Restrictions;
import dev.switchboard.crm.Crm;
import dev.switchboard.integration.CaughtEmails;
import dev.switchboard.integration.Integration;
import dev.switchboard.integration.IntegrationKind;
import dev.switchboard.integration.Integrations;
import dev.switchboard.integration.SendLedger;
import dev.switchboard.integration.SmtpAccount;
import dev.switchboard.integration.SmtpMailer;
import dev.switchboard.plan.ActionType;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import dev.switchboard.workflow.Variables;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code send_email}: a template of the CRM or a subject and body, to {@code to} or the contact's
 * address, over the workspace's SMTP account. Each email is claimed in {@code sent_emails} before
 * it leaves, so it is sent at most once per run, step and contact, and counts against the agent's
 * {@code maxEmailsPerDay}. With the {@code outbox} provider the email is kept in the workspace's
 * Outbox instead of leaving.
 *
 * <p>An invalid address skips that contact with a warning when the step runs over contacts found by
 * a search; when it is the run's only recipient, the step fails.
 */
@Component
class SendEmailAction implements ActionHandler {

  static final String RETRIES_EXHAUSTED = "Email provider rate limit exceeded";

  private final Integrations integrations;
  private final SmtpMailer mailer;
  private final CaughtEmails caught;
  private final SendLedger ledger;
  private final Agents agents;
  private final LimitPause limits;
  private final Crm crm;
  private final Clock clock;

  SendEmailAction(
      Integrations integrations,
      SmtpMailer mailer,
      CaughtEmails caught,
      SendLedger ledger,
      Agents agents,
      LimitPause limits,
      Crm crm,
      Clock clock) {
    this.integrations = integrations;
    this.mailer = mailer;
    this.caught = caught;
    this.ledger = ledger;
    this.agents = agents;
    this.limits = limits;
    this.crm = crm;
    this.clock = clock;
  }

  @Override
  public ActionType type() {
    return ActionType.SEND_EMAIL;
  }

  @Override
  public ActionResult execute(ActionCall call) {
    Optional<Integration> email = integrations.find(call.workspaceId(), IntegrationKind.EMAIL);
    if (email.isEmpty()) {
      String message = IntegrationKind.EMAIL.notConnectedMessage();
      limits.tellOwners(
          call,
          message + ": connect an email account so agent '" + call.agentName() + "' can send");
      throw new ActionFailure(message);
    }
    Contact contact = Contact.of(call);
    String to = text(call.params().get("to"));
    if (to == null) {
      if (!contact.present()) {
        throw new ActionFailure("No recipient: give 'to' or run the step on contacts");
      }
      to = contact.text("email");
      if (to == null) {
        return new ActionResult.Skipped(
            "Contact " + contact.name() + " has no email address. Skipping.");
      }
    }
    if (!valid(to)) {
      return invalidAddress(call, to);
    }
    Message message = compose(call);

    Agent agent = agents.find(call.workspaceId(), call.agentId()).orElse(null);
    SendLedger.Claim claim =
        new SendLedger.Claim(
            call.workspaceId(),
            call.agentId(),
            agent == null ? null : agent.createdBy(),
            call.executionId(),
            call.step(),
            contact.key(to.toLowerCase()),
            to);
    Optional<SendLedger.State> earlier = ledger.state(SendLedger.Book.EMAILS, claim);
    if (earlier.isPresent()) {
      return earlier(call, to, earlier.get());
    }
    int limit = (agent == null ? Restrictions.DEFAULT : agent.restrictions()).maxEmailsPerDay();
    switch (ledger.claimEmail(claim, clock.instant(), limit)) {
      case OVER_LIMIT -> throw limits.pause(call, "Email limit reached (" + limit + "/day)");
      case TAKEN -> {
        return earlier(call, to, SendLedger.State.CLAIMED);
      }
      case CLAIMED -> {}
    }
    if (CaughtEmails.catches(email.get())) {
      caught.keep(
          call.workspaceId(),
          call.executionId(),
          email.get().text("from"),
          to,
          message.subject(),
          message.body(),
          clock.instant());
    } else {
      Optional<ActionResult> notSent = sendOverSmtp(call, email.get(), to, message, claim);
      if (notSent.isPresent()) {
        return notSent.get();
      }
    }
    ledger.markSent(SendLedger.Book.EMAILS, claim, clock.instant());
    if (contact.id() != null) {
      crm.recordActivity(
          call.workspaceId(), contact.id(), "email", "Email sent to " + to, call.executionId());
    }
    call.log().info("Email sent to " + to + ": " + message.subject());
    return sent(to, message.subject());
  }

  private record Message(String subject, String body) {}

  /** Sends over SMTP; a refusal releases the claim and says what the step does instead. */
  private Optional<ActionResult> sendOverSmtp(
      ActionCall call, Integration email, String to, Message message, SendLedger.Claim claim) {
    SmtpAccount account = SmtpAccount.of(email);
    try {
      mailer.send(account, to, message.subject(), message.body());
      return Optional.empty();
    } catch (SmtpMailer.MailFailure failure) {
      ledger.release(SendLedger.Book.EMAILS, claim);
      return switch (failure.kind()) {
        case THROTTLED -> throw new ActionFailure(RETRIES_EXHAUSTED);
        case UNREACHABLE, UNKNOWN_HOST, CONNECTION_LOST ->
            throw new ActionFailure(failure.connectionProblem(account).orElseThrow());
        case INVALID_RECIPIENT -> Optional.of(invalidAddress(call, to));
        case AUTHENTICATION -> {
          String text =
              "Email server refused the username or password. Check the email integration.";
          limits.tellOwners(call, text);
          throw new ActionFailure(text);
        }
        case REJECTED -> throw new ActionFailure("Email server refused the message to " + to);
      };
    }
  }

  /** The template's text (variables resolved here: it comes from the database) or the params. */
  private Message compose(ActionCall call) {
    String templateName = text(call.params().get("template"));
    if (templateName != null) {
      Crm.EmailTemplate template =
          crm.template(call.workspaceId(), templateName)
              .orElseThrow(
                  () -> new ActionFailure("Email template '" + templateName + "' not found"));
      return new Message(resolve(call, template.subject()), resolve(call, template.body()));
    }
    String subject = text(call.params().get("subject"));
    Object body = call.params().get("body");
    if (subject == null) {
      throw new ActionFailure("send_email needs a template or a subject and body");
    }
    return new Message(subject, body == null ? "" : String.valueOf(body));
  }

  private static String resolve(ActionCall call, String text) {
    if (text == null) {
      return "";
    }
    return String.valueOf(Variables.resolve(text, call.variables(), call.log()::warn));
  }

  private ActionResult earlier(ActionCall call, String to, SendLedger.State state) {
    if (state == SendLedger.State.SENT) {
      call.log().info("Email to " + to + " already sent by this run; not sending it again");
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("to", to);
      output.put("alreadySent", true);
      // Counted again: a resumed step starts from the counters saved before it.
      return new ActionResult.Done(output, Map.of("emailsSent", 1));
    }
    return new ActionResult.Skipped(
        "Email to " + to + " may have left before the run was interrupted; not sending it again");
  }

  private static ActionResult invalidAddress(ActionCall call, String to) {
    String message = "Invalid email address: " + to;
    if (call.item().isEmpty()) {
      throw new ActionFailure(message);
    }
    return new ActionResult.Skipped(message);
  }

  private static ActionResult sent(String to, String subject) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("to", to);
    output.put("subject", subject);
    return new ActionResult.Done(output, Map.of("emailsSent", 1));
  }

  static boolean valid(String address) {
    if (address.length() > 320 || !address.contains("@")) {
      return false;
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      return parsed.getAddress().equals(address) && parsed.getPersonal() == null;
    } catch (AddressException e) {
      return false;
    }
  }

  static Instant startOfDay(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static String text(Object value) {
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
  }
}
