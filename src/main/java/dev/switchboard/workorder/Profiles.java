package dev.switchboard.workorder;

import java.util.List;
import java.util.Optional;

/** The run profiles a work order's run may use; {@code default} is always there. */
final class Profiles {

  /** How a run repeats its command while it exits non-zero. */
  record LoopStrategy(int maxIterations) {}

  /** A named set of run settings. */
  record Profile(String name, LoopStrategy loopStrategy) {}

  static final Profile DEFAULT = new Profile("default", new LoopStrategy(1));
  static final Profile PERSISTENT = new Profile("persistent", new LoopStrategy(3));

  static final List<Profile> ALL = List.of(DEFAULT, PERSISTENT);

  private Profiles() {}

  static Optional<Profile> find(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
