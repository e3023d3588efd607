package dev.switchboard.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step of a {@link Plan}: an action to perform or a branch on a condition. */
public sealed interface Step {

  /** An action from the catalogue, with its parameters in the order the text gave them. */
  record Action(ActionType type, Map<String, Object> params) implements Step {
    public Action {
      params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
  }

  /** {@code if condition then … else …}; an empty else is the same as none. */
  record If(Condition condition, List<Step> then, List<Step> otherwise) implements Step {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }
}
