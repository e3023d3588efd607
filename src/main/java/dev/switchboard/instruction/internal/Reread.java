package dev.switchboard.instruction.internal;

import java.util.List;

/**
 * The tokens of a refused text without what a fallback skipped (a ticket's title and notes, an
 * event clause), and a warning for each skipped part, as written.
 */
record Reread(List<Token> tokens, List<String> warnings) {

  /** The warning for a part skipped because it only describes. */
  static String saysNothing(String written) {
    return "Skipped '" + written + "': it says nothing to do.";
  }

  /** The warning for a part skipped because it says when the agent runs. */
  static String saysWhen(String written) {
    return "Skipped '" + written + "': when the agent runs is set by its trigger, not a step.";
  }
}
