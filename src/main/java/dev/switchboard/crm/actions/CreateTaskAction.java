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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * create_task: a task for a person, due in {@code dueInDays}, about the item's contact. The
 * assignee hears of it in-app. No rate limit: it is an internal CRM write.
 */
@Component
class CreateTaskAction implements ActionHandler {

  private final Tasks tasks;
  private final Assignees assignees;
  private final Notifier notifier;
  private final TransactionTemplate tx;
  private final Clock clock;

  CreateTaskAction(
      Tasks tasks, Assignees assignees, Notifier notifier, TransactionTemplate tx, Clock clock) {
    this.tasks = tasks;
    this.assignees = assignees;
    this.notifier = notifier;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public ActionType type() {
    return ActionType.CREATE_TASK;
  }

  @Override
  public ActionResult execute(ActionCall call) {
    UUID ws = call.workspaceId();
    String title = String.valueOf(call.params().get("title")).strip();
    if (title.isEmpty() || title.length() > 500) {
      throw new ActionFailure("A task title must be 1 to 500 characters");
    }
    Object who = call.params().get("assignee");
    Member assignee =
        (who == null || String.valueOf(who).isBlank()
                ? assignees.byDefault(ws, call.agentId())
                : assignees.named(ws, String.valueOf(who)))
            .orElseThrow(() -> new ActionFailure(Tasks.unknownAssignee(who)));
    LocalDate due = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(dueInDays(call));
    UUID contactId = Items.id(call.item(), "contact").orElse(null);
    Optional<UUID> earlier = tasks.madeBy(call.executionId(), call.step(), contactId, title);
    UUID id =
        earlier.orElseGet(() ->
            tx.execute(s -> {
              UUID made =
                  tasks.insert(
                      ws,
                      new Tasks.NewTask(
                          title,
                          due,
                          assignee.userId(),
                          contactId,
                          "task",
                          call.agentId(),
                          call.executionId(),
                          call.step()));
              notifier.notify(
                  ws,
                  assignee.userId(),
                  "task",
                  "New task assigned by agent " + call.agentName() + ": " + title,
                  contactId == null ? null : "/w/" + ws + "/contacts/" + contactId);
              return made;
            }));
    call.log().info("Task created: \"" + title + "\" for " + assignee.email() + ", due " + due);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("taskId", id.toString());
    output.put("title", title);
    output.put("assignee", assignee.email());
    output.put("dueDate", due.toString());
    return new ActionResult.Done(output, Map.of("tasksCreated", earlier.isPresent() ? 0 : 1));
  }

  private static long dueInDays(ActionCall call) {
    Object raw = call.params().get("dueInDays");
    if (raw == null) {
      return 0;
    }
    try {
      long days =
          raw instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(raw).strip());
      if (days < 0 || days > 3650) {
        throw new ActionFailure("dueInDays must be from 0 to 3650");
      }
      return days;
    } catch (NumberFormatException e) {
      throw new ActionFailure("dueInDays must be a whole number of days, not '" + raw + "'");
    }
  }
}
