package dev.switchboard.instruction.internal;

/**
 * The passes that take words out of the text before it is read (comments, a procedure's frame,
 * sign-offs, asides) write spaces over them, keeping line breaks, so every offset a refusal points
 * at is still the offset in the text as written.
 */
final class Blanks {

  private Blanks() {}

  /** Spaces over {@code out[from, to)}, line breaks kept. */
  static void fill(char[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      if (out[i] != '\n') {
        out[i] = ' ';
      }
    }
  }
}
