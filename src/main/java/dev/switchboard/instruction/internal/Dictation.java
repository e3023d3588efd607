package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Speech as speech-to-text writes it. Hesitations ("uh", "um") say nothing and are dropped wherever
 * they stand outside quotes: they would otherwise become part of an unquoted name ("tag them hot
 * lead and uh remove …"). Dictated punctuation: "tag them quote Hot Lead unquote comma then wait
 * two days full stop" reads as "tag them 'Hot Lead', then wait two days.". A quote is the text
 * between "quote" and "unquote" in one sentence, kept as written; "comma", "colon", "semicolon",
 * "full stop", "new line" are their marks, and "period" is one in dictated text or where the next
 * words start a clause ("… called intro period if they don't reply …"), unless a word before it
 * makes it a span of time ("the trial period").
 */
final class Dictation {

  private Dictation() {}

  private static final Set<String> HESITATIONS =
      Set.of("uh", "uhh", "uhm", "um", "umm", "erm", "er", "hmm", "mhm");

  /** Words after which "period" is a span of time, not a full stop. */
  private static final Set<String> PERIOD_OF =
      Set.of(
          "a",
          "the",
          "this",
          "that",
          "trial",
          "grace",
          "waiting",
          "wait",
          "cooling",
          "notice",
          "billing",
          "same",
          "review",
          "given",
          "time",
          "test",
          "holiday",
          "quiet",
          "reporting",
          "day",
          "days",
          "week",
          "weeks",
          "month",
          "months",
          "hour",
          "hours");

  /** Words that start a clause, after which a spoken "period" ends the sentence before it. */
  private static final Set<String> CLAUSE_STARTS =
      Set.of(
          "if",
          "then",
          "and",
          "send",
          "wait",
          "tag",
          "add",
          "remove",
          "create",
          "hand",
          "update",
          "set",
          "find",
          "search",
          "look",
          "enrich",
          "store",
          "save",
          "remember",
          "after",
          "otherwise",
          "else",
          "next",
          "also",
          "finally",
          "now",
          "okay",
          "ok",
          "so",
          "assign",
          "invite",
          "connect",
          "email",
          "mark",
          "change",
          "check",
          "when",
          "once",
          "unless",
          "google",
          "put",
          "give",
          "make",
          "do");

  /** The tokens with hesitations dropped and dictated punctuation read as punctuation. */
  static List<Token> read(String text, List<Token> tokens) {
    boolean dictated = dictated(tokens);
    if (!dictated && tokens.stream().noneMatch(Dictation::spoken)) {
      return tokens;
    }
    List<Token> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (HESITATIONS.contains(t.lower()) && t.is(Kind.WORD)) {
        continue;
      }
      if (t.isWord("period") && fullStop(tokens, i, dictated)) {
        out.add(Token.of(Kind.END, ".", t.start(), t.end()));
        continue;
      }
      if (!dictated) {
        out.add(t);
        continue;
      }
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
      } else if (t.isWord("newline")) {
        out.add(Token.of(Kind.END, ".", t.start(), t.end()));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /** A hesitation or a "period": a word that speech leaves in a text not otherwise dictated. */
  private static boolean spoken(Token t) {
    return t.is(Kind.WORD) && (HESITATIONS.contains(t.lower()) || t.lower().equals("period"));
  }

  /** Whether the "period" at {@code i} is a full stop, not "the trial period". */
  private static boolean fullStop(List<Token> tokens, int i, boolean dictated) {
    if (i == 0 || PERIOD_OF.contains(tokens.get(i - 1).lower())) {
      return false;
    }
    Token next = tokens.get(i + 1);
    return dictated || next.is(Kind.EOF) || CLAUSE_STARTS.contains(next.lower());
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
