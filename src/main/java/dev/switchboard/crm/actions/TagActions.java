package dev.switchboard.crm.actions;

import dev.switchboard.crm.Activities;
import dev.switchboard.crm.Tags;
import dev.switchboard.plan.ActionType;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** add_tag and remove_tag: several tags at once, created when missing, noted on the timeline. */
final class TagActions {

  private TagActions() {}

  @Component
  static class AddTag implements ActionHandler {
    private final Tags tags;
    private final Activities activities;
    private final TransactionTemplate tx;

    AddTag(Tags tags, Activities activities, TransactionTemplate tx) {
      this.tags = tags;
      this.activities = activities;
      this.tx = tx;
    }

    @Override
    public ActionType type() {
      return ActionType.ADD_TAG;
    }

    @Override
    public ActionResult execute(ActionCall call) {
      List<String> names = names(call);
      Optional<UUID> contact = Items.id(call.item(), "contact");
      if (contact.isEmpty()) {
        return new ActionResult.Skipped("No contact to tag with " + String.join(", ", names));
      }
      Integer added =
          tx.execute(s -> {
            int n = tags.attach(contact.get(), tags.ensure(call.workspaceId(), names).values());
            if (n > 0) {
              activities.record(
                  call.workspaceId(),
                  contact.get(),
                  "tag",
                  "Tagged " + String.join(", ", names) + " by agent " + call.agentName(),
                  call.executionId());
            }
            return n;
          });
      return new ActionResult.Done(
          Map.of("tags", names, "added", added), Map.of("tagsAdded", added == null ? 0 : added));
    }
  }

  @Component
  static class RemoveTag implements ActionHandler {
    private final Tags tags;
    private final Activities activities;
    private final TransactionTemplate tx;

    RemoveTag(Tags tags, Activities activities, TransactionTemplate tx) {
      this.tags = tags;
      this.activities = activities;
      this.tx = tx;
    }

    @Override
    public ActionType type() {
      return ActionType.REMOVE_TAG;
    }

    @Override
    public ActionResult execute(ActionCall call) {
      List<String> names = names(call);
      Optional<UUID> contact = Items.id(call.item(), "contact");
      if (contact.isEmpty()) {
        return new ActionResult.Skipped("No contact to untag");
      }
      Integer removed =
          tx.execute(s -> {
            int n = tags.detach(call.workspaceId(), contact.get(), names);
            if (n > 0) {
              activities.record(
                  call.workspaceId(),
                  contact.get(),
                  "tag",
                  "Untagged " + String.join(", ", names) + " by agent " + call.agentName(),
                  call.executionId());
            }
            return n;
          });
      return new ActionResult.Done(
          Map.of("tags", names, "removed", removed),
          Map.of("tagsRemoved", removed == null ? 0 : removed));
    }
  }

  private static List<String> names(ActionCall call) {
    List<String> names = Items.names(call.params().get("tags"));
    if (names.isEmpty()) {
      throw new ActionFailure("No tags given");
    }
    for (String n : names) {
      if (n.length() > 100) {
        throw new ActionFailure("Tag '" + n.substring(0, 20) + "…' is too long (at most 100)");
      }
    }
    return names;
  }
}
