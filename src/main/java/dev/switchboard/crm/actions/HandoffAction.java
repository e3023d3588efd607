package dev.switchboard.crm.actions;

import dev.switchboard.crm.Assignees;
import dev.switchboard.crm.Tasks;
import dev.switchboard.notification.Notifier;
import dev.switchboard.plan.ActionType;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import dev.switchboard.workspace.Member;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * handoff: tells a person "Agent NAME needs your attention for CONTACT", gives them the task
 * "Personal outreach to CONTACT" and makes the run wait. Completing (taking over) the task resumes
 * the run; otherwise it goes on by itself after {@code timeout} (default three days).
 */
@Component
class HandoffAction implements ActionHandler {

  static final Duration DEFAULT_TIMEOUT = Duration.ofDays(3);
  private static final Duration MAX_TIMEOUT = Duration.ofDays(90);

  private final Tasks tasks;
  private final Assignees assignees;
  private final Notifier notifier;
  private final TransactionTemplate tx;
  private final Clock clock;

  HandoffAction(
      Tasks tasks, Assignees assignees, Notifier notifier, TransactionTemplate tx, Clock clock) {
    this.tasks = tasks;
    this.assignees = assignees;
    this.notifier = notifier;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public ActionType type() {
    return ActionType.HANDOFF;
  }

  @Override
  public ActionResult execute(ActionCall call) {
    UUID ws = call.workspaceId();
    Object to = call.params().get("to");
    Member person =
        assignees
            .named(ws, to == null ? null : String.valueOf(to))
            .orElseThrow(() -> new ActionFailure("Cannot hand off to " + to + ": user not found"));
    Duration timeout = timeout(call.params().get("timeout"));
    String contact = Items.contactName(call.item());
    UUID contactId = Items.id(call.item(), "contact").orElse(null);
    String title = "Personal outreach to " + contact;
    Instant now = clock.instant();
    if (tasks.madeBy(call.executionId(), call.step(), contactId, title).isEmpty()) {
      tx.executeWithoutResult(s -> {
        tasks.insert(
            ws,
            new Tasks.NewTask(
                title,
                LocalDate.ofInstant(now, ZoneOffset.UTC),
                person.userId(),
                contactId,
                "handoff",
                call.agentId(),
                call.executionId(),
                call.step()));
        Object note = call.params().get("message");
        notifier.notify(
            ws,
            person.userId(),
            "handoff",
            "Agent "
                + call.agentName()
                + " needs your attention for "
                + contact
                + (note == null || String.valueOf(note).isBlank() ? "" : ": " + note),
            contactId == null
                ? "/w/" + ws + "/executions/" + call.executionId()
                : "/w/" + ws + "/contacts/" + contactId);
      });
    }
    String who = person.name() == null || person.name().isBlank() ? person.email() : person.name();
    call.log().info("Handed off " + contact + " to " + person.email());
    return new ActionResult.Await(
        now.plus(timeout), "Waiting for " + who + " to take over " + contact);
  }

  private static Duration timeout(Object raw) {
    if (raw == null || String.valueOf(raw).isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      Duration d = Duration.parse(String.valueOf(raw).strip());
      if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
        throw new ActionFailure("Handoff timeout must be more than 0 and at most 90 days");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ActionFailure("Handoff timeout must be an ISO-8601 duration such as P3D");
    }
  }
}
