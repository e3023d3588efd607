package dev.switchboard.instruction;

/**
 * One reason why instructions could not be parsed, with the span of text it is about so a UI can
 * highlight it.
 *
 * @param message what is wrong, for people ("I don't know how to 'book a flight'")
 * @param start offset (in UTF-16 chars) of the first character of the span in the instructions
 * @param end offset just past the span; {@code start == end} when it is about the whole text or a
 *     place rather than a span
 */
public record ParseDetail(String message, int start, int end) {

  public ParseDetail {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("Bad span " + start + ".." + end);
    }
  }
}
