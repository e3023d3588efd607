package dev.switchboard.run;

import java.util.List;
import java.util.Map;

/**
 * How far a run got: the next top-level step to execute, the runner's state (memory, contacts
 * found, search results) and the step records so far. A run taken over after a crash resumes from
 * its last checkpoint.
 */
public record Checkpoint(int cursor, Map<String, Object> state, List<Map<String, Object>> steps) {

  public static final Checkpoint START = new Checkpoint(0, Map.of(), List.of());

  public Checkpoint {
    state = state == null ? Map.of() : state;
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
