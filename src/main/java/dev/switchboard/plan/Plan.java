package dev.switchboard.plan;

import java.util.List;

/**
 * What an agent's instructions compile to: an ordered list of steps (SPEC "Plan schema").
 *
 * <p>Plans are immutable values. {@link PlanJson} reads and writes them in the SPEC's JSON shape
 * and validates them on the way in.
 */
public record Plan(List<Step> steps) {

  public Plan {
    steps = List.copyOf(steps);
  }

  /** Number of top-level steps; progress is reported against this ("Step 12 of 20"). */
  public int size() {
    return steps.size();
  }
}
