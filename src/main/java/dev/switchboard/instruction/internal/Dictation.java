package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Dictated punctuation, as speech-to-text writes it: "tag them quote Hot Lead unquote comma then
 * wait two days full stop" reads as "tag them 'Hot Lead', then wait two days.". A quote is the text
 * between "quote" and "unquote" in one sentence, kept as written; "comma", "colon", "semicolon",
 * "full stop", "new line" are their marks, and "period" is one only in dictated text.
 */
final class Dictation {

  private Dictation() {}

  /** The tokens with dictated punctuation read as punctuation; the same list if there is none. */
  static List<Token> read(String text, List<Token> tokens) {
    if (!dictated(tokens)) {
      return tokens;
    }
    List<Token> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int close = t.isWord("quote") ? closingQuote(tokens, i) : -1;
      if (close > i + 1) {
        int from = tokens.get(i + 1).start();
        int to = tokens.get(close - 1).end();
        String quoted = text.substring(from, to);
        out.add(new Token(Kind.QUOTED, quoted, quoted, t.start(), tokens.get(close).end(), null));
        i = close;
      } else if (t.isWord("comma")) {
        out.add(Token.of(Kind.COMMA, ",", t.start(), t.end()));
      } else if (t.isWord("colon")) {
        out.add(Token.of(Kind.COLON, ":", t.start(), t.end()));
      } else if (t.isWord("semicolon")) {
        out.add(Token.of(Kind.SEMICOLON, ";", t.start(), t.end()));
      } else if (twoWords(tokens, i, "full", "stop") || twoWords(tokens, i, "new", "line")) {
        out.add(Token.of(Kind.END, ".", t.start(), tokens.get(i + 1).end()));
        i++;
      } else if (t.isWord("newline") || t.isWord("period")) {
        out.add(Token.of(Kind.END, ".", t.start(), t.end()));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /** Whether the text says its punctuation: an "unquote", "comma", "full stop" or "new line". */
  private static boolean dictated(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isWord("unquote")
          || t.isWord("comma")
          || t.isWord("newline")
          || twoWords(tokens, i, "full", "stop")
          || twoWords(tokens, i, "new", "line")) {
        return true;
      }
    }
    return false;
  }

  /** The index of the "unquote" that closes the "quote" at {@code open} in its sentence, or -1. */
  private static int closingQuote(List<Token> tokens, int open) {
    for (int i = open + 1; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isWord("unquote")) {
        return i;
      }
      if (t.is(Kind.END) || t.is(Kind.EOF) || twoWords(tokens, i, "full", "stop")) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean twoWords(List<Token> tokens, int i, String first, String second) {
    return i + 1 < tokens.size() && tokens.get(i).isWord(first) && tokens.get(i + 1).isWord(second);
  }
}
