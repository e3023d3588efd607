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

  /**
   * Words that open a clause with its own subject after "so", "since" or "as" ("so the CSM can …",
   * "since we …"), unlike "so send …" or "as a last step".
   */
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
          "this",
          "you",
          "he",
          "she",
          "i",
          "people",
          "everyone",
          "nobody",
          "nothing",
          "most",
          "many",
          "some");

  private Reasons() {}

  /** The tokens left, and the descriptions dropped as written (reasons are dropped unsaid). */
  record Dropped(List<Token> tokens, List<String> descriptions) {}

  /** {@code tokens} without the reasons given for steps and the sentences that only describe. */
  static Dropped drop(String text, List<Token> tokens) {
    return descriptionsDropped(text, reasonsDropped(tokens));
  }

  private static Dropped descriptionsDropped(String text, List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    List<String> descriptions = new ArrayList<>();
    Cursor c = new Cursor(text, tokens);
    int start = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.is(Kind.END) || t.is(Kind.EOF)) {
        if (!describes(c, tokens, start, i)) {
          out.addAll(tokens.subList(start, i + 1));
        } else {
          descriptions.add(c.text(start, i));
          if (t.is(Kind.EOF)) {
            out.add(t);
          }
        }
        start = i + 1;
      } else if (t.is(Kind.COMMA) && stepAfter(c, i + 1) && describes(c, tokens, start, i)) {
        descriptions.add(c.text(start, i));
        start = i + 1; // "Renewals over $100,000 need executive attention, so if …": the steps
      }
    }
    return new Dropped(out, descriptions);
  }

  /** Whether the sentence from token {@code from} to {@code to} only describes the situation. */
  private static boolean describes(Cursor c, List<Token> tokens, int from, int to) {
    c.reset(from);
    if (to - from < 3 || !PlanGrammar.opensDescription(c)) {
      return false;
    }
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (!(t.is(Kind.WORD) || t.is(Kind.NUMBER) || t.is(Kind.COMMA))
          || t.isWord("you")
          || t.isWord("please")) {
        return false;
      }
      c.reset(i);
      if (Steps.startsStep(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean stepAfter(Cursor c, int index) {
    c.reset(index);
    return Steps.startsStep(c);
  }

  private static List<Token> reasonsDropped(List<Token> tokens) {
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
    boolean subject = next.is(Kind.WORD) && SUBJECTS.contains(next.lower());
    // "since titles change often": a plural noun opens the clause too, not a time ("since Monday")
    boolean plural =
        next.is(Kind.WORD)
            && next.lower().length() > 3
            && next.lower().endsWith("s")
            && !next.lower().endsWith("ss")
            && Character.isLowerCase(next.text().charAt(0));
    boolean reason =
        t.isWord("because")
            || t.isWord("so") && (subject || next.isWord("that"))
            || t.isWord("as") && clauseStart && subject
            || t.isWord("since") && clauseStart && (subject || plural);
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
