package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Unquoted text inside a clause, such as a search query, a task title or a field value: it runs to
 * the end of the clause, or to the next word that starts something else.
 */
final class FreeText {

  private static final Set<Kind> BOUNDARIES =
      Set.of(
          Kind.COMMA,
          Kind.SEMICOLON,
          Kind.END,
          Kind.LIST_MARKER,
          Kind.EOF,
          Kind.RPAREN,
          Kind.OPERATOR,
          Kind.QUOTED,
          Kind.COLON,
          Kind.DASH);

  /** Words that join two clauses when what follows starts a new step. */
  private static final List<Phrase> JOINERS =
      Phrase.all("[and|but] then", "and [also|finally|lastly|afterwards|after that]", "also");

  /** Words that open the other branch, which no unquoted name runs into ("… intro otherwise …"). */
  private static final Set<String> ELSE = Set.of("otherwise", "else", "unless");

  private FreeText() {}

  /** A span of tokens, {@code [from, to)}. */
  record Span(int from, int to) {
    boolean isEmpty() {
      return to <= from;
    }
  }

  /**
   * Reads words from the cursor until a boundary, a word in {@code stopWords}, a joiner ("and",
   * "then") followed by a new step, or a place where {@code stopHere} says a parameter starts.
   */
  static Span read(Cursor c, Set<String> stopWords, Predicate<Cursor> stopHere) {
    int from = c.mark();
    while (!BOUNDARIES.contains(c.peek().kind())) {
      Token t = c.peek();
      if (c.mark() > from && (stopHere.test(c) || startsNewStep(c) || ELSE.contains(t.lower()))) {
        break;
      }
      if (t.is(Kind.WORD) && stopWords.contains(t.lower())
          || c.mark() > from && c.at(Relation.IN_IT)) {
        break; // "has VP in it": "in it" ends the value
      }
      if (t.is(Kind.WORD) && COURTESY.contains(t.lower()) && endsCourtesy(c)) {
        break; // "set the title to CEO please"
      }
      c.next();
    }
    return new Span(from, c.mark());
  }

  /** "tag everyone who visited …": a value does not open with a relative pronoun. */
  private static final Set<String> RELATIVES = Set.of("who", "whose", "which", "whom");

  private static final Set<String> COURTESY = Set.of("please", "thanks", "thank", "cheers");

  private static boolean endsCourtesy(Cursor c) {
    Token next = c.peek(1);
    return BOUNDARIES.contains(next.kind()) || next.isWord("you") || next.isWord("so");
  }

  /** Words that start a comparison, not a value: "is between …", "is at least …". */
  private static final Set<String> NOT_A_VALUE =
      Set.of(
          "between", "at", "more", "less", "greater", "fewer", "over", "under", "above", "below",
          "higher", "lower", "not", "no", "equal", "than", "bigger", "smaller", "larger", "minimum",
          "maximum", "min", "max", "least", "most", "top", "bottom", "neither", "none");

  /**
   * Words a value does not hold but a sentence does: "to such value as the director may decide".
   */
  private static final Set<String> SENTENCE_WORDS =
      Set.of(
          "may",
          "might",
          "would",
          "should",
          "could",
          "shall",
          "must",
          "determine",
          "determines",
          "decide",
          "decides",
          "whatever",
          "such");

  /**
   * The unquoted value in {@code span}, refused when it starts like a comparison the grammar did
   * not understand (so "is somewhere between 4 and 5" is an error, not the value "somewhere …"), or
   * when it reads as a sentence ("such value as the director may determine").
   */
  static String value(Cursor c, Span span) {
    refuseSentence(c, span.from(), span.to());
    for (int i = span.from(); i < Math.min(span.to(), span.from() + 2); i++) {
      if (c.token(i).is(Kind.WORD) && NOT_A_VALUE.contains(c.token(i).lower())) {
        throw c.failure(
            "I can't read this comparison: '" + c.text(span.from(), span.to()) + "'",
            span.from(),
            span.to());
      }
    }
    return c.text(span.from(), span.to());
  }

  /**
   * Refuses the unquoted value from token {@code from} to {@code to} when it reads as a sentence.
   */
  static void refuseSentence(Cursor c, int from, int to) {
    if (from < to && RELATIVES.contains(c.token(from).lower())) {
      throw c.failure(
          "This reads as a description, not a value: '" + c.text(from, to) + "'", from, to);
    }
    for (int i = from; i < to; i++) {
      if (c.token(i).is(Kind.WORD) && SENTENCE_WORDS.contains(c.token(i).lower())) {
        throw c.failure(
            "This value reads as a sentence: '" + c.text(from, to) + "'; put the value in quotes",
            from,
            to);
      }
    }
  }

  /** "then send …", "and tag …", "send …": the text that follows starts another step. */
  /**
   * "If the industry is Healthcare use the 'X' template": a step's verb in lower case after a value
   * written without quotes ends it, as a comma would.
   */
  static boolean verbAfter(Cursor c) {
    Token t = c.peek();
    return t.is(Kind.WORD) && t.text().equals(t.lower()) && Steps.startsStep(c);
  }

  static boolean startsNewStep(Cursor c) {
    int mark = c.mark();
    try {
      // "status Lead n send them …": "n" is "and" typed on a phone
      if (c.atAnyWord("then", "and", "also", "but", "n")) {
        c.acceptFirst(JOINERS);
        c.acceptWord("and", "then", "but", "n");
        return Steps.startsStep(c);
      }
      return false;
    } finally {
      c.reset(mark);
    }
  }

  /** True when the token {@code ahead} of the cursor is a clause boundary. */
  static boolean atBoundary(Cursor c, int ahead) {
    Token t = c.peek(ahead);
    return BOUNDARIES.contains(t.kind()) && !t.is(Kind.QUOTED) && !t.is(Kind.OPERATOR);
  }

  /** True when the cursor is at a clause boundary (comma, full stop, end …). */
  static boolean atBoundary(Cursor c) {
    return BOUNDARIES.contains(c.peek().kind()) && !c.at(Kind.QUOTED) && !c.at(Kind.OPERATOR);
  }
}
