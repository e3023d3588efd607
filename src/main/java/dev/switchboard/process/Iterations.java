package dev.switchboard.process;

import dev.switchboard.run.Execution;
import java.util.Map;

/**
 * How many times a run's command may run while it exits non-zero: the run's profile {@code
 * loopStrategy.maxIterations} (a work order's run carries it as the {@code profile} variable of its
 * trigger context), else once.
 */
final class Iterations {

  static final String PROFILE = "profile";

  private Iterations() {}

  static int of(Execution execution) {
    if (execution.triggerContext().variables().get(PROFILE) instanceof Map<?, ?> profile
        && profile.get("loopStrategy") instanceof Map<?, ?> loop
        && loop.get("maxIterations") instanceof Number max
        && max.intValue() > 1) {
      return max.intValue();
    }
    return 1;
  }
}
