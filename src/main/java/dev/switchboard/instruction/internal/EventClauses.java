package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "When a renewal closes, …", "Whenever someone fills out the form, …": an event said of some
 * contact or deal, not of the one in hand (an indefinite subject), is when the agent runs, which
 * its trigger says. Asked after a refusal that points into such an opening clause, the clause is
 * skipped with a warning and the steps after its comma are read, as is "After the demo, …". "When
 * the score is over 80, …" has a definite subject and stays a condition.
 */
final class EventClauses {

  private EventClauses() {}

  private static final Set<String> OPENERS = Set.of("when", "whenever", "once");

  private static final Set<String> INDEFINITE =
      Set.of("a", "an", "any", "every", "someone", "somebody", "anyone", "anybody");

  /**
   * "After the demo, …", "Before the renewal call, …": a moment named by an event, whatever its
   * article, is when the agent runs as much as "when a demo ends" is.
   */
  private static final Set<String> MOMENTS = Set.of("after", "before", "following");

  private static final Set<String> MOMENT_ARTICLES =
      Set.of("the", "a", "an", "each", "every", "any", "their", "our", "your");

  /** The tokens without the event clauses the refusal points into; empty when there is none. */
  static Optional<Reread> skip(String text, List<Token> tokens, List<ParseDetail> refusal) {
    List<Token> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      int end = eventEnd(tokens, i);
      if (end > 0 && pointedAt(refusal, tokens.get(i), tokens.get(end - 1))) {
        String clause = text.substring(tokens.get(i).start(), tokens.get(end - 1).end());
        warnings.add(Reread.saysWhen(clause));
        i = end + 1; // the clause and its comma
      } else {
        out.add(tokens.get(i++));
      }
    }
    return warnings.isEmpty() ? Optional.empty() : Optional.of(new Reread(out, warnings));
  }

  /** Where the event clause opening a sentence at {@code i} ends (its comma), or -1. */
  private static int eventEnd(List<Token> tokens, int i) {
    boolean sentenceStart =
        i == 0 || tokens.get(i - 1).is(Kind.END) || tokens.get(i - 1).is(Kind.LIST_MARKER);
    if (!sentenceStart || !tokens.get(i).is(Kind.WORD) || i + 1 >= tokens.size()) {
      return -1;
    }
    String opener = tokens.get(i).lower();
    String article = tokens.get(i + 1).lower();
    if (!(OPENERS.contains(opener) && INDEFINITE.contains(article)
        || MOMENTS.contains(opener) && MOMENT_ARTICLES.contains(article))) {
      return -1;
    }
    for (int j = i + 2; j < tokens.size(); j++) {
      Token t = tokens.get(j);
      if (t.is(Kind.COMMA)) {
        return j;
      }
      if (!t.is(Kind.WORD) || Durations.isUnit(t.lower())) {
        // a quote, a number or a field: something a condition could test; "after a period of one
        // (1) day" is a wait
        return -1;
      }
    }
    return -1;
  }

  private static boolean pointedAt(List<ParseDetail> refusal, Token first, Token last) {
    return refusal.stream().anyMatch(d -> d.start() < last.end() && first.start() < d.end());
  }
}
