package dev.switchboard.instruction.internal;

import java.math.BigDecimal;

/**
 * One token of an instruction, with its place in the original text so errors can point at it.
 *
 * @param kind what sort of token this is
 * @param text the token as written (for quoted text: the inside, exactly as written)
 * @param lower {@code text} in lower case, for matching words
 * @param start offset of the first character in the original text
 * @param end offset just past the last character in the original text
 * @param number the value of a {@link Kind#NUMBER} token, else {@code null}
 */
record Token(Kind kind, String text, String lower, int start, int end, BigDecimal number) {

  /** Token kinds. */
  enum Kind {
    /** A word; contractions are split ("isn't" is "is", "not"). */
    WORD,
    /** Text in quotes, kept verbatim. */
    QUOTED,
    /** A variable such as {@code @contact.firstName} or {@code @search.results[0].title}. */
    VARIABLE,
    /** A qualified field such as {@code contact.title} or {@code deal.value}. */
    PATH,
    /** An email address. */
    EMAIL,
    /** A number; money and "10k" already converted. */
    NUMBER,
    /** A comparison symbol: == != > < >= <=. */
    OPERATOR,
    /** A comma. */
    COMMA,
    /** A semicolon. */
    SEMICOLON,
    /** A colon. */
    COLON,
    /** The end of a sentence: a full stop, ! or ?, or a line break. */
    END,
    /** A list item marker: "1.", "(2)", "3)", "-", "*", "•", "Step 4:". */
    LIST_MARKER,
    /** An opening parenthesis. */
    LPAREN,
    /** A closing parenthesis. */
    RPAREN,
    /** A free-standing dash used as a separator. */
    DASH,
    /** Any other character. */
    SYMBOL,
    /** The end of the text. */
    EOF
  }

  static Token word(String text, String lower, int start, int end) {
    return new Token(Kind.WORD, text, lower, start, end, null);
  }

  static Token of(Kind kind, String text, int start, int end) {
    return new Token(kind, text, text.toLowerCase(java.util.Locale.ROOT), start, end, null);
  }

  boolean is(Kind other) {
    return kind == other;
  }

  boolean isWord(String word) {
    return kind == Kind.WORD && lower.equals(word);
  }

  @Override
  public String toString() {
    return kind + "(" + text + ")@" + start;
  }
}
