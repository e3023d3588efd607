package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A short heading above the steps ("Follow-up cadence", "Deal hygiene", "Internal alert"): a first
 * line of at most four plain words, with more lines below it, is a title, not a step. Asked only
 * when the text was refused at that line and the line reads as no step of its own.
 */
final class Headings {

  private static final Pattern HEADING =
      Pattern.compile("[\\p{L}][\\p{L}'’-]*( [\\p{L}][\\p{L}'’-]*){0,3}");

  private Headings() {}

  /** The heading's tokens and those below it, each list ending as the tokenizer's does. */
  record Split(List<Token> heading, List<Token> below) {}

  /** The text split below its first line when that line is a heading the refusal stopped at. */
  static Optional<Split> split(String text, List<Token> tokens, List<ParseDetail> refusal) {
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    int end = text.indexOf('\n', start);
    if (end < 0 || text.substring(end).isBlank()) {
      return Optional.empty();
    }
    int lineEnd = end;
    if (!HEADING.matcher(text.substring(start, end).strip()).matches()
        || refusal.stream().noneMatch(d -> d.start() < lineEnd)) {
      return Optional.empty();
    }
    List<Token> heading = new ArrayList<>();
    List<Token> below = new ArrayList<>();
    for (Token t : tokens) {
      (t.start() < lineEnd ? heading : below).add(t);
    }
    heading.add(tokens.getLast());
    return Optional.of(new Split(heading, below));
  }
}
