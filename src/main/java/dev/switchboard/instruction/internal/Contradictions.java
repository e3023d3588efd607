package dev.switchboard.instruction.internal;

import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds steps that undo each other ("add tag X and remove tag X"). Both are kept, in the order
 * written, because that is what the text says and a run does exactly that; the author gets a
 * warning so the plan is not a surprise.
 */
final class Contradictions {

  private Contradictions() {}

  static List<String> find(List<Step> steps) {
    List<String> warnings = new ArrayList<>();
    Map<String, ActionType> lastTagChange = new HashMap<>();
    for (Step step : steps) {
      switch (step) {
        case Step.Action action
            when action.type() == ActionType.ADD_TAG || action.type() == ActionType.REMOVE_TAG -> {
          for (Object tag : (List<?>) action.params().get("tags")) {
            String key = String.valueOf(tag).trim().toLowerCase(Locale.ROOT);
            ActionType before = lastTagChange.put(key, action.type());
            if (before != null && before != action.type()) {
              warnings.add(
                  "Tag '"
                      + tag
                      + "' is "
                      + (before == ActionType.ADD_TAG
                          ? "added and then removed"
                          : "removed and then added")
                      + "; both steps run, in that order.");
            }
          }
        }
        case Step.If branch -> {
          warnings.addAll(find(branch.then()));
          warnings.addAll(find(branch.otherwise()));
        }
        default -> {}
      }
    }
    return warnings;
  }
}
