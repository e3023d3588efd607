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

  /** A clause that always makes exactly one step. */
  interface Single extends Clause {

    Step.Action parseOne(Cursor c);

    @Override
    default List<Step.Action> parse(Cursor c) {
      return List.of(parseOne(c));
    }
  }
}
