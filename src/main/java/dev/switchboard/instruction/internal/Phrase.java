package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A small word pattern, written like {@code "send {obj} [a|an] linkedin (invite|invitation)"}.
 *
 * <ul>
 *   <li>{@code word} matches that word (case-insensitively);
 *   <li>{@code [a|b c]} optionally matches one of the alternatives;
 *   <li>{@code (a|b c)} matches exactly one of them;
 *   <li>{@code {obj}} optionally matches who the action is for ("them", "each of them", "the
 *       contact" ...);
 *   <li>{@code {q}} matches quoted text, {@code {var}} a variable, {@code {num}} a number.
 * </ul>
 *
 * Alternatives are tried in order and optional parts greedily, with back-tracking.
 */
final class Phrase {

  /** What a trade calls the contact in hand: "tag this candidate", "email the couple". */
  static final String ROLE =
      "(candidate|applicant|couple|donor|client|customer|champion|buyer|seller|member|patient"
          + "|student|guest|attendee|tenant|homeowner|clinic|family|subscriber|account|lead|admin"
          + "|volunteer"
          + "|user|prospect|contact)";

  /** Who an action is done to; optional wherever a pattern says {@code {obj}}. */
  static final String OBJECT =
      "[{contact}|each of them|each of those|each of these|each one|each contact|each person"
          + "|each lead|every one|each"
          + "|all of them|them all|them|him|her|it|everyone|everybody|every contact"
          + "|the contacts|these contacts|those contacts|the contact|this contact|that contact"
          + "|the lead|this lead|the leads|the prospect|the person|contacts|contact|this one"
          + "|that one|this person|this prospect|(the|this|that|each) [new] "
          + ROLE
          + "]";

  /** Every word of three letters or more that some pattern names: what a typo may have meant. */
  private static final java.util.Set<String> LEXICON =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The words the patterns built so far name (see {@link #LEXICON}). */
  static java.util.Set<String> lexicon() {
    return java.util.Collections.unmodifiableSet(LEXICON);
  }

  private sealed interface Element {}

  private record Word(String word) implements Element {}

  private record Alternatives(List<List<Element>> options, boolean optional) implements Element {}

  private record OfKind(Kind kind) implements Element {}

  /** A variable about the contact ({@code @contact.firstName}), naming who an action is for. */
  private record ContactVariable() implements Element {}

  private final String pattern;
  private final List<Element> elements;

  private Phrase(String pattern, List<Element> elements) {
    this.pattern = pattern;
    this.elements = elements;
  }

  static Phrase of(String pattern) {
    String expanded = pattern.replace("{obj}", OBJECT);
    Reader reader = new Reader(expanded);
    List<Element> elements = reader.sequence();
    if (reader.pos < expanded.length()) {
      throw new IllegalArgumentException("Bad phrase pattern: " + pattern);
    }
    return new Phrase(pattern, elements);
  }

  static List<Phrase> all(String... patterns) {
    List<Phrase> phrases = new ArrayList<>();
    for (String p : patterns) {
      phrases.add(of(p));
    }
    return List.copyOf(phrases);
  }

  /** The index just past the match at {@code pos}, or -1. */
  int matchAt(List<Token> tokens, int pos) {
    return match(tokens, elements, 0, pos, end -> end);
  }

  private static int match(
      List<Token> tokens, List<Element> seq, int i, int pos, IntUnaryOperator rest) {
    if (i == seq.size()) {
      return rest.applyAsInt(pos);
    }
    Element element = seq.get(i);
    IntUnaryOperator afterThis = p -> match(tokens, seq, i + 1, p, rest);
    return switch (element) {
      case Word w -> matchesWord(tokens, pos, w.word()) ? afterThis.applyAsInt(pos + 1) : -1;
      case OfKind k ->
          pos < tokens.size() && tokens.get(pos).is(k.kind()) ? afterThis.applyAsInt(pos + 1) : -1;
      case ContactVariable v ->
          pos < tokens.size()
                  && tokens.get(pos).is(Kind.VARIABLE)
                  && tokens.get(pos).lower().startsWith("@contact")
              ? afterThis.applyAsInt(pos + 1)
              : -1;
      case Alternatives alts -> {
        for (List<Element> option : alts.options()) {
          int end = match(tokens, option, 0, pos, afterThis);
          if (end >= 0) {
            yield end;
          }
        }
        yield alts.optional() ? afterThis.applyAsInt(pos) : -1;
      }
    };
  }

  /** Words match words; ":" and "," in a pattern match that punctuation. */
  private static boolean matchesWord(List<Token> tokens, int pos, String word) {
    if (pos >= tokens.size()) {
      return false;
    }
    Token t = tokens.get(pos);
    return t.lower().equals(word) && !t.is(Kind.QUOTED);
  }

  @Override
  public String toString() {
    return pattern;
  }

  /** Reads the pattern language. */
  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    List<Element> sequence() {
      List<Element> seq = new ArrayList<>();
      while (true) {
        skipSpaces();
        if (pos >= s.length()) {
          return seq;
        }
        char c = s.charAt(pos);
        if (c == '|' || c == ']' || c == ')') {
          return seq;
        }
        if (c == '[' || c == '(') {
          pos++;
          List<List<Element>> options = new ArrayList<>();
          options.add(sequence());
          while (s.charAt(pos) == '|') {
            pos++;
            options.add(sequence());
          }
          pos++;
          seq.add(new Alternatives(options, c == '['));
        } else if (c == '{') {
          int close = s.indexOf('}', pos);
          String name = s.substring(pos + 1, close);
          pos = close + 1;
          seq.add(
              switch (name) {
                case "q" -> new OfKind(Kind.QUOTED);
                case "var" -> new OfKind(Kind.VARIABLE);
                case "num" -> new OfKind(Kind.NUMBER);
                case "contact" -> new ContactVariable();
                default -> throw new IllegalArgumentException("Unknown slot {" + name + "}");
              });
        } else {
          int start = pos;
          while (pos < s.length() && " |[]()".indexOf(s.charAt(pos)) < 0) {
            pos++;
          }
          String word = s.substring(start, pos);
          if (word.length() >= WordTypos.MIN_LENGTH && word.chars().allMatch(Character::isLetter)) {
            LEXICON.add(word);
          }
          seq.add(new Word(word));
        }
      }
    }

    private void skipSpaces() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }
  }
}
