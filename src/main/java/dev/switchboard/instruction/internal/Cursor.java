package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.List;

/** A position in the token list, with look-ahead, back-tracking and spans for error messages. */
final class Cursor {

  /** Longer clauses are shortened in messages; the span still covers all of it. */
  private static final int MAX_QUOTED = 80;

  private final String source;
  private final List<Token> tokens;
  private final byte[] stepStarts;
  private int pos;
  private final List<int[]> skipped = new java.util.ArrayList<>();
  private Fields.Ref subject;

  Cursor(String source, List<Token> tokens) {
    this.source = source;
    this.tokens = tokens;
    this.stepStarts = new byte[tokens.size()];
  }

  /**
   * Whether a step starts at the current position, asked once per position: the answer depends only
   * on the tokens, and clauses ask it often while reading free text.
   */
  boolean stepStartsHere(java.util.function.Predicate<Cursor> startsStep) {
    int here = pos;
    if (stepStarts[here] == ASKING) {
      return false; // asked again while answering ("x -> …" reads a condition that asks): no
    }
    if (stepStarts[here] == 0) {
      stepStarts[here] = ASKING;
      boolean starts = false;
      try {
        starts = startsStep.test(this);
      } finally {
        pos = here;
        stepStarts[here] = (byte) (starts ? 1 : 2);
      }
    }
    return stepStarts[here] == 1;
  }

  /** {@link #stepStartsHere} is answering for this position. */
  private static final byte ASKING = 3;

  /** The field a heading such as "check the lead score:" made "it" stand for, or {@code null}. */
  Fields.Ref subject() {
    return subject;
  }

  void subject(Fields.Ref field) {
    subject = field;
  }

  Token peek() {
    return tokens.get(pos);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  Token next() {
    Token token = tokens.get(pos);
    if (!token.is(Kind.EOF)) {
      pos++;
    }
    return token;
  }

  int mark() {
    return pos;
  }

  void reset(int mark) {
    pos = mark;
    while (!skipped.isEmpty() && skipped.getLast()[0] >= mark) {
      skipped.removeLast(); // skipped in a reading that was given up
    }
  }

  /** Tokens {@code from} to {@code to} were skipped as saying nothing to do. */
  void skip(int from, int to) {
    skipped.add(new int[] {from, to});
  }

  /** The text of what was skipped and is still skipped after every reset, in order. */
  List<String> skipped() {
    return skipped.stream().map(span -> text(span[0], span[1])).toList();
  }

  boolean atEof() {
    return peek().is(Kind.EOF);
  }

  boolean at(Kind kind) {
    return peek().is(kind);
  }

  boolean atWord(String word) {
    return peek().isWord(word);
  }

  /** True when the next token is one of the given words. */
  boolean atAnyWord(String... words) {
    Token t = peek();
    if (!t.is(Kind.WORD)) {
      return false;
    }
    for (String w : words) {
      if (t.lower().equals(w)) {
        return true;
      }
    }
    return false;
  }

  boolean accept(Kind kind) {
    if (at(kind)) {
      next();
      return true;
    }
    return false;
  }

  boolean acceptWord(String... words) {
    if (atAnyWord(words)) {
      next();
      return true;
    }
    return false;
  }

  /** Accepts the pattern when it matches here; the cursor moves past it. */
  boolean accept(Phrase phrase) {
    int end = phrase.matchAt(tokens, pos);
    if (end < 0) {
      return false;
    }
    pos = end;
    return true;
  }

  boolean at(Phrase phrase) {
    return phrase.matchAt(tokens, pos) >= 0;
  }

  /** Accepts the first of the phrases that matches; returns its index or -1. */
  int acceptFirst(List<Phrase> phrases) {
    for (int i = 0; i < phrases.size(); i++) {
      if (accept(phrases.get(i))) {
        return i;
      }
    }
    return -1;
  }

  Token token(int index) {
    return tokens.get(index);
  }

  /** The original text from token {@code from} up to (not including) token {@code to}. */
  String text(int from, int to) {
    if (to <= from) {
      return "";
    }
    return source.substring(tokens.get(from).start(), tokens.get(to - 1).end());
  }

  String source() {
    return source;
  }

  /** A failure pointing at tokens {@code from} (inclusive) to {@code to} (exclusive). */
  ParseFailure failure(String message, int from, int to) {
    Token first = tokens.get(from);
    Token last = tokens.get(Math.max(from, to - 1));
    return new ParseFailure(message, first.start(), Math.max(first.start(), last.end()));
  }

  /** A failure pointing at the clause that starts here: up to the next comma, semicolon or end. */
  ParseFailure failureForClause(String messagePrefix, int from) {
    int to = clauseEnd(from);
    String clause = text(from, to);
    if (clause.length() > MAX_QUOTED) {
      clause = clause.substring(0, MAX_QUOTED - 1) + "…";
    }
    return failure(messagePrefix + "'" + clause + "'", from, to);
  }

  int clauseEnd(int from) {
    int i = from;
    while (i < tokens.size() - 1) {
      Kind k = tokens.get(i).kind();
      boolean boundary =
          k == Kind.COMMA || k == Kind.SEMICOLON || k == Kind.END || k == Kind.LIST_MARKER;
      if (boundary && i > from) {
        break;
      }
      i++;
    }
    return Math.max(i, from + 1);
  }
}
