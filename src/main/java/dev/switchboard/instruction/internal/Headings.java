package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A short heading above the steps ("Follow-up cadence", "Data hygiene:", "Q3 Director Push -
 * setup", "Sequence (all steps top level):"): a first line of at most seven plain words, with more
 * lines below it, is a title, not a step. Asked only when the text was refused at that line, the
 * line reads as no step of its own and does not open with an action the plan has no step for.
 */
final class Headings {

  private static final Pattern HEADING =
      Pattern.compile(
          "[\\p{L}\\d][\\p{L}\\d'’-]*( (?:[\\p{L}\\d][\\p{L}\\d'’+-]*|[-–—]|\\([\\p{L}\\d ]{1,40}\\)))"
              + "{0,6}:?");

  /** "**Churn save**": the emphasis around a heading line is no part of it. */
  private static final Pattern EMPHASIS = Pattern.compile("^[*_]{1,3}|[*_]{1,3}$");

  private Headings() {}

  /**
   * "Call the new leads:" asks for something, the plan can do it or not; "Follow-up cadence" not.
   */
  private static boolean orders(String text, Token first) {
    boolean compound = first.end() < text.length() && text.charAt(first.end()) == '-';
    return Background.orders(first) && !compound;
  }

  /**
   * The heading's tokens and those below it, each list ending as the tokenizer's does, and the
   * heading line as written.
   */
  record Split(List<Token> heading, List<Token> below, String written) {}

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
    String line = EMPHASIS.matcher(text.substring(start, end).strip()).replaceAll("");
    if (!HEADING.matcher(line).matches()
        || refusal.stream().noneMatch(d -> d.start() < lineEnd)
        || orders(text, tokens.getFirst())
        || line.endsWith(":") && !line.contains(" ")) {
      return Optional.empty(); // "Subject:" is a label
    }
    List<Token> heading = new ArrayList<>();
    List<Token> below = new ArrayList<>();
    for (Token t : tokens) {
      (t.start() < lineEnd ? heading : below).add(t);
    }
    heading.add(tokens.getLast());
    return Optional.of(new Split(heading, below, text.substring(start, end).strip()));
  }
}
