package dev.switchboard.instruction.internal;

import dev.switchboard.workflow.Step;

/** The grammar of one action: how people say it and what its parameters look like. */
interface Clause {

  /** Whether the text at the cursor says this action; never moves the cursor. */
  boolean starts(Cursor c);

  /**
   * Reads the action at the cursor, which {@link #starts} accepted, up to where its parameters end;
   * throws {@link ParseFailure} pointing at what it cannot read.
   */
  Step.Action parse(Cursor c);
}
