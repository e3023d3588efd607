package dev.switchboard.instruction;

import dev.switchboard.instruction.internal.TextParser;

/**
 * The deterministic parser: a tokenizer, a lexicon of how people say each action and a grammar for
 * sequences, search filters and conditions. No network, no key, a few hundred microseconds per
 * instruction. Text it cannot read, or text about something outside the action catalogue ("book a
 * flight"), is rejected with details; it never guesses. Stateless and thread-safe.
 */
public final class BuiltInParser implements InstructionParser {

  /** Longer instructions are refused outright rather than read. */
  public static final int MAX_LENGTH = TextParser.MAX_LENGTH;

  private final TextParser parser = new TextParser();

  @Override
  public ParseResult parse(String instructions) {
    return parser.parse(instructions);
  }
}
