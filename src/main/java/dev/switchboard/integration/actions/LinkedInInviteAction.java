package dev.switchboard.integration.actions;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.crm.Crm;
import dev.switchboard.integration.Integration;
import dev.switchboard.integration.IntegrationKind;
import dev.switchboard.integration.Integrations;
import dev.switchboard.integration.LinkedInClient;
import dev.switchboard.integration.SendLedger;
import dev.switchboard.plan.ActionType;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code linkedin_invite}: a connection request to the contact's {@code linkedinUrl}, with the
 * optional note. At most {@link #DAILY_LIMIT} a day per workspace user (the agent's creator, whose
 * LinkedIn account it is); claimed in {@code linkedin_invitations} like emails.
 */
@Component
class LinkedInInviteAction implements ActionHandler {

  static final int DAILY_LIMIT = 100;
  static final String LIMIT_REACHED =
      "LinkedIn daily limit reached (" + DAILY_LIMIT + " invitations/day)";
  static final String DISCONNECTED = "LinkedIn integration disconnected. Reconnect to continue.";

  /** LinkedIn refuses longer invitation notes. */
  private static final int MAX_NOTE = 300;

  private final Integrations integrations;
  private final LinkedInClient linkedIn;
  private final SendLedger ledger;
  private final Agents agents;
  private final LimitPause limits;
  private final Crm crm;
  private final Clock clock;

  LinkedInInviteAction(
      Integrations integrations,
      LinkedInClient linkedIn,
      SendLedger ledger,
      Agents agents,
      LimitPause limits,
      Crm crm,
      Clock clock) {
    this.integrations = integrations;
    this.linkedIn = linkedIn;
    this.ledger = ledger;
    this.agents = agents;
    this.limits = limits;
    this.crm = crm;
    this.clock = clock;
  }

  @Override
  public ActionType type() {
    return ActionType.LINKEDIN_INVITE;
  }

  @Override
  public ActionResult execute(ActionCall call) {
    Integration settings =
        integrations
            .find(call.workspaceId(), IntegrationKind.LINKEDIN)
            .orElseThrow(() -> new ActionFailure(IntegrationKind.LINKEDIN.notConnectedMessage()));
    Contact contact = Contact.of(call);
    String profileUrl = contact.text("linkedinUrl");
    if (profileUrl == null) {
      return new ActionResult.Skipped(
          "Contact " + contact.name() + " does not have LinkedIn URL. Skipping.");
    }
    String note = note(call);

    Agent agent = agents.find(call.workspaceId(), call.agentId()).orElse(null);
    SendLedger.Claim claim =
        new SendLedger.Claim(
            call.workspaceId(),
            call.agentId(),
            agent == null ? null : agent.createdBy(),
            call.executionId(),
            call.step(),
            contact.key(profileUrl),
            profileUrl);
    Optional<SendLedger.State> earlier = ledger.state(SendLedger.Book.LINKEDIN, claim);
    if (earlier.isPresent()) {
      return earlier(call, contact, earlier.get());
    }
    Instant now = clock.instant();
    long today =
        ledger.countByUser(
            SendLedger.Book.LINKEDIN,
            call.workspaceId(),
            claim.userId(),
            SendEmailAction.startOfDay(now));
    if (today >= DAILY_LIMIT) {
      throw limits.pause(call, LIMIT_REACHED);
    }
    if (!ledger.claim(SendLedger.Book.LINKEDIN, claim, now)) {
      return earlier(call, contact, SendLedger.State.CLAIMED);
    }
    LinkedInClient.Reply reply = linkedIn.invite(settings, profileUrl, note);
    if (reply != LinkedInClient.Reply.SENT) {
      ledger.release(SendLedger.Book.LINKEDIN, claim);
    }
    switch (reply) {
      case SENT -> {}
      case UNAUTHORIZED -> {
        limits.tellOwners(call, DISCONNECTED);
        throw new ActionFailure(DISCONNECTED);
      }
      case LIMITED -> throw limits.pause(call, LIMIT_REACHED);
      case NO_ANSWER -> throw new ActionFailure("LinkedIn did not answer. Try again later.");
      case FAILED ->
          throw new ActionFailure("LinkedIn refused the invitation to " + contact.name());
    }
    ledger.markSent(SendLedger.Book.LINKEDIN, claim, clock.instant());
    String text = "LinkedIn invitation sent to " + contact.name();
    if (contact.id() != null) {
      crm.recordActivity(call.workspaceId(), contact.id(), "linkedin", text, call.executionId());
    }
    call.log().info(text);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("profileUrl", profileUrl);
    output.put("note", note);
    return new ActionResult.Done(output, Map.of("linkedinInvitesSent", 1));
  }

  private static String note(ActionCall call) {
    Object value = call.params().get("note");
    if (value == null || String.valueOf(value).isBlank()) {
      return null;
    }
    String note = String.valueOf(value).strip();
    if (note.length() > MAX_NOTE) {
      call.log().warn("LinkedIn note cut to " + MAX_NOTE + " characters");
      note = note.substring(0, MAX_NOTE);
    }
    return note;
  }

  private static ActionResult earlier(ActionCall call, Contact contact, SendLedger.State state) {
    if (state == SendLedger.State.SENT) {
      call.log()
          .info(
              "LinkedIn invitation to "
                  + contact.name()
                  + " already sent by this run; not sending it again");
      return new ActionResult.Done(Map.of("alreadySent", true), Map.of("linkedinInvitesSent", 1));
    }
    return new ActionResult.Skipped(
        "LinkedIn invitation to "
            + contact.name()
            + " may have left before the run was interrupted; not sending it again");
  }
}
