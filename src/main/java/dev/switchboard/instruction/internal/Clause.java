package dev.switchboard.instruction.internal;

import dev.switchboard.plan.Step;
import java.util.List;

/** The grammar of one action: how people say it and what its parameters look like. */
interface Clause {

  /** Whether the text at the cursor says this action; never moves the cursor. */
  boolean starts(Cursor c);

  /**
   * Reads the clause at the cursor, which {@link #starts} accepted, up to where its parameters end;
   * throws {@link ParseFailure} pointing at what it cannot read. Usually one step; "swap tag X for
   * Y" is two.
   */
  List<Step.Action> parse(Cursor c);

  /**
   * Reads a sentence that only adds parameters to the step just before it ("Create a task 'X'. And
   * please assign it to @user.sdr.", "Search the web for X. The top 3 results are enough."): the
   * step with those parameters, or {@code null} (cursor unmoved) when this clause has nothing to
   * add to {@code previous}.
   */
  default Step.Action amend(Cursor c, Step.Action previous) {
    return null;
  }

  /** A clause that always makes exactly one step. */
  interface Single extends Clause {

    Step.Action parseOne(Cursor c);

    @Override
    default List<Step.Action> parse(Cursor c) {
      return List.of(parseOne(c));
    }
  }
}
