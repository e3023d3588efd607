package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A speaker correcting what they just said: "wait five days no wait make that three days", "city is
 * 'Toronto', no sorry, 'Montreal'", "the welcome template wait no the welcome v3 template". The new
 * value names the old one by its first token (a number for a number, quoted text for quoted text,
 * the same word for words): the words from the old value to the end of the correction go, and the
 * new value takes the old one's place. A correction whose old value is not in its sentence is left
 * as written (and refused there if it reads as nothing).
 */
final class SelfCorrections {

  private static final List<List<String>> MARKERS =
      List.of(
          List.of("no", "wait"),
          List.of("wait", "no"),
          List.of("no", "sorry"),
          List.of("sorry", "no"),
          List.of("actually", "no"),
          List.of("no", "actually"),
          List.of("scratch", "that"),
          List.of("or", "rather"));

  /**
   * "four days, sorry, five days", "'Intro', actually 'Intro v2'": a marker of one word corrects
   * only after a pause or before a restatement ("three days no make that four"), and only a number
   * or quoted text.
   */
  private static final java.util.Set<String> SINGLE = java.util.Set.of("sorry", "actually", "no");

  /** What may follow the marker before the new value: "no wait, make that …", "sorry, I mean …". */
  private static final List<List<String>> RESTATED =
      List.of(
          List.of("make", "that"),
          List.of("make", "it"),
          List.of("make", "the", "wait"),
          List.of("make", "the", "delay"),
          List.of("i", "mean"),
          List.of("i", "meant"),
          List.of("let", "'s", "say"));

  private static boolean afterPause(List<Token> tokens, int i) {
    return i > 0 && (tokens.get(i - 1).is(Kind.COMMA) || tokens.get(i - 1).is(Kind.DASH));
  }

  private static boolean unit(List<Token> tokens, int i) {
    return i < tokens.size() && UNITS.contains(tokens.get(i).lower());
  }

  private SelfCorrections() {}

  /** The tokens with each correction applied; the same list if there is none. */
  static List<Token> apply(List<Token> tokens) {
    List<Token> out = nextSentence(tokens);
    for (int i = 0; i < out.size(); i++) {
      int after = phrase(out, i, MARKERS);
      boolean single =
          after < 0
              && SINGLE.contains(out.get(i).lower())
              && (afterPause(out, i) || phrase(out, i + 1, RESTATED) >= 0);
      if (after < 0 && !single) {
        continue;
      }
      after = single ? i + 1 : after;
      int restated = phrase(out, after, RESTATED);
      int value = skipCommas(out, restated < 0 ? after : restated);
      boolean valueOk =
          value < out.size()
              && (!single || Values.isNumber(out.get(value)) || out.get(value).is(Kind.QUOTED));
      int old = valueOk ? corrected(out, i, out.get(value)) : -1;
      if (old >= 0) {
        List<Token> next = new ArrayList<>(out.subList(0, old));
        Token now = out.get(value);
        if (Values.isNumber(now) && unit(out, old + 1) && !unit(out, value + 1)) {
          // "three days no make that four": four days, written where the three was
          Token was = out.get(old);
          next.add(
              new Token(now.kind(), now.text(), now.lower(), was.start(), was.end(), now.number()));
          next.add(out.get(old + 1));
        } else {
          next.add(now);
        }
        next.addAll(out.subList(value + 1, out.size()));
        out = next;
        i = old;
      }
    }
    return out;
  }

  /** "Actually make it …" / "Actually, make that …" opening a sentence of its own. */
  private static final List<List<String>> SENTENCE_MARKERS =
      List.of(
          List.of("actually"),
          List.of("oh", "actually"),
          List.of("oh", "wait"),
          List.of("no", "wait"),
          List.of("sorry"),
          List.of("oh", "sorry"),
          List.of("oops"),
          List.of("wait"));

  /**
   * "… give it two hours and then send 'X'. Actually make it three hours, people are still on the
   * call.": a sentence that opens with a correction of a number said in the sentence before puts
   * the new number (and its unit) in the old one's place, and says nothing else.
   */
  private static List<Token> nextSentence(List<Token> tokens) {
    List<Token> out = tokens;
    for (int i = 1; i < out.size(); i++) {
      boolean bracketed = out.get(i - 1).is(Kind.LPAREN); // "after four days (actually, make …)"
      if (!out.get(i - 1).is(Kind.END) && !bracketed) {
        continue;
      }
      int after = phrase(out, i, SENTENCE_MARKERS);
      int value = after < 0 ? -1 : phrase(out, after, RESTATED);
      List<Token> named = bracketed ? null : named(out, i, after);
      if (named != null) {
        out = named;
        continue;
      }
      if (value < 0 || value >= out.size() || !Values.isNumber(out.get(value))) {
        continue;
      }
      int old = i - 2;
      while (old >= 0 && !out.get(old).is(Kind.END) && !Values.isNumber(out.get(old))) {
        old--;
      }
      if (old < 0 || out.get(old).is(Kind.END)) {
        continue;
      }
      boolean unit = unit(out, value + 1);
      boolean oldUnit = old + 1 < i && unit(out, old + 1);
      int end = value;
      while (end < out.size()
          && !out.get(end).is(Kind.END)
          && !out.get(end).is(Kind.EOF)
          && !(bracketed && out.get(end).is(Kind.RPAREN))) {
        end++;
      }
      if (bracketed && (end == out.size() || !out.get(end).is(Kind.RPAREN))) {
        continue; // an unclosed bracket: left as written
      }
      end += bracketed ? 1 : 0;
      int oldEnd = old + (unit && oldUnit ? 2 : 1);
      List<Token> next = new ArrayList<>(out.subList(0, old));
      // the new value where the old one was written, so spans still run in the text's order
      for (Token t : out.subList(value, unit ? value + 2 : value + 1)) {
        int start = out.get(old).start();
        int stop = out.get(oldEnd - 1).end();
        next.add(new Token(t.kind(), t.text(), t.lower(), start, stop, t.number()));
      }
      next.addAll(out.subList(oldEnd, bracketed ? i - 1 : i));
      next.addAll(out.subList(end, out.size()));
      out = next;
    }
    return out;
  }

  /**
   * "actually use 'X'", "actually make it 'X'", "sorry, send 'X'": what comes before the new name.
   */
  private static final List<List<String>> RENAMED =
      List.of(
          List.of("make", "it"),
          List.of("make", "that"),
          List.of("i", "mean"),
          List.of("i", "meant"),
          List.of("use"),
          List.of("let", "'s", "use"),
          List.of("send"),
          List.of("it", "should", "be"),
          List.of("change", "it", "to"));

  /**
   * "send the 'Invite' template … / actually use 'Invite v2'", "… for @user.salesRep / *@user.sdr
   * not salesRep": a sentence that only names quoted text or a variable instead of one said in the
   * sentence before, after a marker or with the old one named after "not", puts it in the old one's
   * place and says nothing else; {@code null} when the sentence at {@code i} is no such correction.
   */
  private static List<Token> named(List<Token> out, int i, int afterMarker) {
    int from = afterMarker < 0 ? i : afterMarker;
    int restated = phrase(out, from, RENAMED);
    int value = restated < 0 ? from : restated;
    if (value >= out.size()
        || !out.get(value).is(Kind.QUOTED) && !out.get(value).is(Kind.VARIABLE)) {
      return null;
    }
    Token name = out.get(value);
    int end = value + 1;
    boolean denies = end < out.size() && out.get(end).isWord("not");
    String denied = denies && end + 1 < out.size() ? out.get(end + 1).lower() : null;
    end += denies ? 2 : 0;
    end = reasonEnd(out, end + (out.get(end).isWord("instead") ? 1 : 0));
    if (!out.get(end).is(Kind.END) && !out.get(end).is(Kind.EOF)
        || afterMarker < 0 && denied == null) {
      return null;
    }
    int old = i - 2;
    while (old >= 0 && !out.get(old).is(Kind.END) && !renames(out.get(old), name, denied)) {
      old--;
    }
    if (old < 0 || out.get(old).is(Kind.END)) {
      return null;
    }
    Token was = out.get(old);
    List<Token> next = new ArrayList<>(out.subList(0, old));
    next.add(new Token(name.kind(), name.text(), name.lower(), was.start(), was.end(), null));
    next.addAll(out.subList(old + 1, i));
    next.addAll(out.subList(end, out.size()));
    return next;
  }

  /**
   * "…, it's a bit softer": a reason after a comma that names nothing; the end of the sentence when
   * one is at {@code i}, else {@code i}.
   */
  private static int reasonEnd(List<Token> out, int i) {
    if (!out.get(i).is(Kind.COMMA)) {
      return i;
    }
    int end = i + 1;
    while (!out.get(end).is(Kind.END) && !out.get(end).is(Kind.EOF)) {
      if (!out.get(end).is(Kind.WORD) && !out.get(end).is(Kind.COMMA)) {
        return i;
      }
      end++;
    }
    return end;
  }

  /** Whether {@code name} takes the place of {@code old}: same kind, the named one if one is. */
  private static boolean renames(Token old, Token name, String denied) {
    if (old.kind() != name.kind()) {
      return false;
    }
    if (name.is(Kind.VARIABLE)) {
      String prefix = name.lower().substring(0, name.lower().lastIndexOf('.') + 1);
      if (!old.lower().startsWith(prefix)) {
        return false; // "@user.sdr" replaces a user, not "@contact.firstName"
      }
    }
    if (denied != null) {
      return old.lower().endsWith(denied);
    }
    // "'Webinar Invite', … actually use 'Webinar Invite v2'": quoted text by its first word
    return !name.is(Kind.QUOTED) || firstWord(old).equals(firstWord(name));
  }

  private static String firstWord(Token quoted) {
    return quoted.lower().strip().split("\\s+")[0];
  }

  private static final java.util.Set<String> UNITS =
      java.util.Set.of(
          "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months");

  /** Where the first of {@code phrases} that is at {@code i} ends (commas skipped), or -1. */
  private static int phrase(List<Token> tokens, int i, List<List<String>> phrases) {
    for (List<String> words : phrases) {
      int at = skipCommas(tokens, i);
      boolean all = true;
      for (String word : words) {
        if (at >= tokens.size() || !tokens.get(at).isWord(word)) {
          all = false;
          break;
        }
        at = skipCommas(tokens, at + 1);
      }
      if (all) {
        return at;
      }
    }
    return -1;
  }

  private static int skipCommas(List<Token> tokens, int i) {
    while (i < tokens.size() && tokens.get(i).is(Kind.COMMA)) {
      i++;
    }
    return i;
  }

  /** The nearest token before {@code marker} in its sentence that {@code value} replaces, or -1. */
  private static int corrected(List<Token> tokens, int marker, Token value) {
    for (int j = marker - 1; j >= 0; j--) {
      Token t = tokens.get(j);
      if (t.is(Kind.END) || t.is(Kind.LIST_MARKER)) {
        return -1;
      }
      if (sameKind(t, value)) {
        return j;
      }
    }
    return -1;
  }

  private static boolean sameKind(Token old, Token value) {
    if (Values.isNumber(value)) {
      return Values.isNumber(old);
    }
    return switch (value.kind()) {
      case QUOTED, VARIABLE, EMAIL -> old.kind() == value.kind();
      case WORD -> old.is(Kind.WORD) && old.lower().equals(value.lower());
      default -> false;
    };
  }
}
