package dev.switchboard.plan;

import java.util.List;

/** A test on the run's variables, as written in a plan's {@code if} step. */
public sealed interface Condition {

  /** {@code {"field": "contact.title", "operator": "contains", "value": "CEO"}}. */
  record Compare(String field, Operator operator, Object value) implements Condition {}

  /** True when every part is true. */
  record All(List<Condition> parts) implements Condition {
    public All {
      parts = List.copyOf(parts);
    }
  }

  /** True when at least one part is true. */
  record Any(List<Condition> parts) implements Condition {
    public Any {
      parts = List.copyOf(parts);
    }
  }

  /** Negation. */
  record Not(Condition part) implements Condition {}
}
