package dev.switchboard.instruction.internal;

import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "+ add 'A' / + add 'B'", "tag them 'A'. Tag them 'B' too.": tags added (or removed) by steps that
 * follow each other are one step with all of them, in the order said.
 */
final class TagRuns {

  private TagRuns() {}

  static List<Step> merge(List<Step> steps) {
    List<Step> out = new ArrayList<>(steps.size());
    for (Step step : steps) {
      Step merged =
          step instanceof Step.If branch
              ? new Step.If(branch.condition(), merge(branch.then()), merge(branch.otherwise()))
              : step;
      if (!out.isEmpty()
          && tags(out.getLast()) != null
          && tags(merged) != null
          && ((Step.Action) out.getLast()).type() == ((Step.Action) merged).type()) {
        Set<Object> all = new LinkedHashSet<>(tags(out.getLast()));
        all.addAll(tags(merged));
        out.set(
            out.size() - 1,
            new Step.Action(((Step.Action) merged).type(), Map.of("tags", List.copyOf(all))));
      } else {
        out.add(merged);
      }
    }
    return out;
  }

  /** The tags of an add_tag or remove_tag step that has no other parameter; else null. */
  private static List<?> tags(Step step) {
    if (step instanceof Step.Action action
        && (action.type() == ActionType.ADD_TAG || action.type() == ActionType.REMOVE_TAG)
        && action.params().size() == 1
        && action.params().get("tags") instanceof List<?> tags) {
      return tags;
    }
    return null;
  }
}
