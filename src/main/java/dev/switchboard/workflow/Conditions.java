package dev.switchboard.workflow;

import dev.switchboard.plan.Condition;
import dev.switchboard.plan.Operator;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Evaluates plan conditions. A field that is not there makes its comparison false with the warning
 * "Field 'contact.customField99' not found. Defaulting to false." and the run goes on.
 */
public final class Conditions {

  private Conditions() {}

  public static boolean evaluate(
      Condition condition, Map<String, Object> bindings, Consumer<String> warn) {
    return switch (condition) {
      case Condition.All all -> all.parts().stream().allMatch(c -> evaluate(c, bindings, warn));
      case Condition.Any any -> any.parts().stream().anyMatch(c -> evaluate(c, bindings, warn));
      case Condition.Not not -> !evaluate(not.part(), bindings, warn);
      case Condition.Compare c -> compare(c, bindings, warn);
    };
  }

  /**
   * A condition as a person reads it: {@code contact.title contains "CEO" AND deal.value > 50000}.
   */
  public static String describe(Condition condition) {
    return switch (condition) {
      case Condition.Compare c ->
          c.field()
              + " "
              + c.operator().symbol()
              + (c.operator() == Operator.EXISTS
                  ? ""
                  : " " + (c.value() instanceof String s ? "\"" + s + "\"" : c.value()));
      case Condition.All all -> join(all.parts(), " AND ");
      case Condition.Any any -> join(any.parts(), " OR ");
      case Condition.Not not -> "NOT " + describe(not.part());
    };
  }

  private static String join(java.util.List<Condition> parts, String glue) {
    return "(" + String.join(glue, parts.stream().map(Conditions::describe).toList()) + ")";
  }

  private static boolean compare(
      Condition.Compare c, Map<String, Object> bindings, Consumer<String> warn) {
    Optional<Object> actual = Variables.lookup(bindings, c.field());
    if (c.operator() == Operator.EXISTS) {
      boolean present = actual.filter(v -> !(v instanceof String s && s.isBlank())).isPresent();
      return Boolean.FALSE.equals(c.value()) != present;
    }
    if (actual.isEmpty()) {
      warn.accept("Field '" + c.field() + "' not found. Defaulting to false.");
      return false;
    }
    Object expected = Variables.resolve(c.value(), bindings, warn);
    Object value = actual.get();
    return switch (c.operator()) {
      case EQ -> equal(value, expected);
      case NE -> !equal(value, expected);
      case GT -> order(value, expected) > 0;
      case LT -> order(value, expected) < 0;
      case GE -> order(value, expected) >= 0;
      case LE -> order(value, expected) <= 0;
      case CONTAINS -> contains(value, expected);
      case EXISTS -> throw new IllegalStateException("handled above");
    };
  }

  private static boolean equal(Object a, Object b) {
    Optional<BigDecimal> x = number(a);
    Optional<BigDecimal> y = number(b);
    if (x.isPresent() && y.isPresent()) {
      return x.get().compareTo(y.get()) == 0;
    }
    return text(a).equals(text(b));
  }

  /** Numbers numerically, anything else as case-insensitive text (ISO dates sort as text). */
  private static int order(Object a, Object b) {
    Optional<BigDecimal> x = number(a);
    Optional<BigDecimal> y = number(b);
    if (x.isPresent() && y.isPresent()) {
      return x.get().compareTo(y.get());
    }
    return text(a).compareTo(text(b));
  }

  private static boolean contains(Object haystack, Object needle) {
    if (haystack instanceof Collection<?> items) {
      return items.stream().anyMatch(item -> equal(item, needle));
    }
    return text(haystack).contains(text(needle));
  }

  private static Optional<BigDecimal> number(Object value) {
    if (value instanceof Number n) {
      return Optional.of(new BigDecimal(n.toString()));
    }
    if (value instanceof String s && s.strip().matches("-?\\d+(\\.\\d+)?")) {
      return Optional.of(new BigDecimal(s.strip()));
    }
    return Optional.empty();
  }

  private static String text(Object value) {
    return String.valueOf(value).strip().toLowerCase(Locale.ROOT);
  }
}
