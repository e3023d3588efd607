package dev.switchboard.instruction.internal;

import dev.switchboard.plan.Condition;
import dev.switchboard.plan.Operator;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "If they replied, … Otherwise, when they have not replied, add tag 'No Answer'": an else whose
 * only step asks again the opposite of its branch's condition says that condition once more; its
 * steps are the else itself.
 */
final class RestatedElse {

  private static final Map<Operator, Operator> OPPOSITE =
      Map.of(
          Operator.EQ, Operator.NE,
          Operator.NE, Operator.EQ,
          Operator.GT, Operator.LE,
          Operator.LE, Operator.GT,
          Operator.LT, Operator.GE,
          Operator.GE, Operator.LT);

  private RestatedElse() {}

  static List<Step> fold(List<Step> steps) {
    List<Step> out = new ArrayList<>(steps.size());
    for (Step step : steps) {
      if (step instanceof Step.If branch) {
        List<Step> otherwise = fold(branch.otherwise());
        if (otherwise.size() == 1
            && otherwise.getFirst() instanceof Step.If inner
            && inner.otherwise().isEmpty()
            && opposite(branch.condition(), inner.condition())) {
          otherwise = inner.then();
        }
        out.add(new Step.If(branch.condition(), fold(branch.then()), otherwise));
      } else {
        out.add(step);
      }
    }
    return out;
  }

  /** Whether {@code b} is true exactly when {@code a} is false. */
  static boolean opposite(Condition a, Condition b) {
    if (a instanceof Condition.Not not) {
      return not.part().equals(b);
    }
    if (b instanceof Condition.Not not) {
      return not.part().equals(a);
    }
    if (a instanceof Condition.Compare x && b instanceof Condition.Compare y) {
      if (!x.field().equals(y.field())) {
        return false;
      }
      if (x.value() instanceof Boolean p && y.value() instanceof Boolean q) {
        return x.operator() == Operator.EQ && y.operator() == Operator.EQ && !p.equals(q);
      }
      return java.util.Objects.equals(x.value(), y.value())
          && OPPOSITE.get(x.operator()) == y.operator();
    }
    return false;
  }
}
