package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A condition asked as a question, its answers after it: "Does contact.linkedinUrl exist? - Yes: …
 * - No: …", "Is the lead score over 50? If yes, …". The question is read as "check whether" and the
 * condition in the order of a statement ("the lead score is over 50"), for the grammar's
 * question-and-answer branch. Asked in the normalisation pass only, after the text as written was
 * refused; the words keep their places (the auxiliary verb moves into the subject's gap with an
 * empty span), and a question no order of its words reads as a condition is left as written.
 */
final class Questions {

  /** Auxiliaries that open a yes-or-no question; "be" moves behind the subject, "do" goes. */
  private static final Set<String> BE = Set.of("is", "are", "was", "were");

  private static final Set<String> DO = Set.of("does", "do", "did", "has", "have");

  /** The longest subject the auxiliary is moved behind ("the contact's company industry"). */
  private static final int MAX_SUBJECT = 6;

  private Questions() {}

  static List<Token> apply(String text, List<Token> tokens) {
    List<Token> out = tokens;
    for (int i = 0; i < out.size(); i++) {
      boolean opens = i == 0 || out.get(i - 1).is(Kind.END) || out.get(i - 1).is(Kind.LIST_MARKER);
      Token aux = out.get(i);
      if (!opens || !aux.is(Kind.WORD) || !BE.contains(aux.lower()) && !DO.contains(aux.lower())) {
        continue;
      }
      int end = i + 1;
      while (end < out.size() && !out.get(end).is(Kind.END) && !out.get(end).is(Kind.EOF)) {
        end++;
      }
      if (end >= out.size() || !out.get(end).text().startsWith("?")) {
        continue;
      }
      List<Token> asked = statement(text, out, i, end);
      if (asked != null) {
        out = asked;
      }
    }
    return out;
  }

  /** The question at {@code aux} .. {@code end} as "check whether" and a statement, or null. */
  private static List<Token> statement(String text, List<Token> tokens, int aux, int end) {
    Token verb = tokens.get(aux);
    boolean be = BE.contains(verb.lower());
    for (int gap = aux + 2; gap <= Math.min(end, aux + 1 + MAX_SUBJECT); gap++) {
      List<Token> read = new ArrayList<>(tokens.subList(0, aux));
      read.add(Token.word(verb.text(), "check", verb.start(), verb.start()));
      read.add(Token.word(verb.text(), "whether", verb.start(), verb.start()));
      read.addAll(tokens.subList(aux + 1, gap));
      int at = tokens.get(gap - 1).end();
      if (be) {
        read.add(new Token(Kind.WORD, verb.text(), verb.lower(), at, at, null));
      }
      read.addAll(tokens.subList(gap, tokens.size()));
      Cursor c = new Cursor(text, read);
      c.reset(aux + 2);
      try {
        ConditionGrammar.read(c);
        if (c.at(Kind.END) && c.peek().text().startsWith("?")) {
          return read;
        }
      } catch (ParseFailure notThisOrder) {
        // another gap may read
      }
      if (!be) {
        return null; // "does the contact have …": the words are already a statement's
      }
    }
    return null;
  }
}
