package dev.switchboard.workflow;

import dev.switchboard.plan.ActionType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The action handlers installed in this node, by type. */
@Component
class ActionRegistry {

  private final Map<ActionType, ActionHandler> handlers = new EnumMap<>(ActionType.class);

  ActionRegistry(List<ActionHandler> handlers) {
    for (ActionHandler handler : handlers) {
      ActionHandler previous = this.handlers.put(handler.type(), handler);
      if (previous != null) {
        throw new IllegalStateException(
            "Two handlers for " + handler.type().wireName() + ": " + previous + ", " + handler);
      }
    }
  }

  Optional<ActionHandler> find(ActionType type) {
    return Optional.ofNullable(handlers.get(type));
  }
}
