package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * "Because our customers love a personal touch, send …", "enrich the contact first, since titles
 * change often, then …", "… so the CSM can open with it": a reason given for a step says nothing
 * the plan can do, and is dropped. A reason runs from its word to the next comma, semicolon, "then"
 * or the sentence's end, and holds only words and numbers: one that quotes a value or names a
 * variable or field is kept, and read (or refused) as written. Asked in the normalisation pass
 * only.
 */
final class Reasons {

  /** Words after "so" that make it "so that …", not "so send …". */
  private static final Set<String> SO_SUBJECTS =
      Set.of(
          "that",
          "we",
          "the",
          "they",
          "it",
          "our",
          "you",
          "he",
          "she",
          "people",
          "everyone",
          "nobody",
          "nothing",
          "their",
          "sales",
          "marketing",
          "i");

  /** Words after "since" or "as" that open a clause with a subject ("since titles change"). */
  private static final Set<String> SUBJECTS =
      Set.of(
          "we",
          "they",
          "it",
          "our",
          "the",
          "their",
          "these",
          "those",
          "most",
          "many",
          "some",
          "people",
          "customers",
          "titles",
          "he",
          "she",
          "you",
          "i",
          "this",
          "that",
          "new",
          "quiet");

  private Reasons() {}

  static List<Token> drop(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    int i = 0;
    while (i < tokens.size()) {
      int end = reasonAt(tokens, i);
      if (end < 0) {
        out.add(tokens.get(i++));
        continue;
      }
      boolean afterComma = !out.isEmpty() && out.getLast().is(Kind.COMMA);
      boolean opensSentence = out.isEmpty() || Rewrites.opensClause(out.getLast()) && !afterComma;
      if (afterComma) {
        out.removeLast(); // "…, because X." / "…, since X, then …": the reason's own comma
      }
      i = end;
      if (opensSentence && i < tokens.size() && tokens.get(i).is(Kind.COMMA)) {
        i++; // "Because X, send …": the comma that closed the reason
      }
    }
    return out;
  }

  /** Where the reason that starts at token {@code i} ends, or -1 when none starts there. */
  private static int reasonAt(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : t;
    boolean clauseStart = i == 0 || Rewrites.opensClause(tokens.get(i - 1));
    boolean reason =
        t.isWord("because")
            || t.isWord("so") && next.is(Kind.WORD) && SO_SUBJECTS.contains(next.lower())
            || (t.isWord("since") || t.isWord("as"))
                && clauseStart
                && next.is(Kind.WORD)
                && SUBJECTS.contains(next.lower());
    if (!reason) {
      return -1;
    }
    int j = i + 1;
    while (j < tokens.size()) {
      Token u = tokens.get(j);
      if (u.is(Kind.COMMA)
          || u.is(Kind.SEMICOLON)
          || u.is(Kind.END)
          || u.is(Kind.EOF)
          || u.isWord("then")) {
        break;
      }
      if (!(u.is(Kind.WORD) || u.is(Kind.NUMBER))) {
        return -1;
      }
      j++;
    }
    return j > i + 1 ? j : -1;
  }
}
