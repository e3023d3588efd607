package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A condition said in plain words with the field it means in brackets after it: "he is interested
 * (contact.interested)", "they don't have a LinkedIn (contact.linkedinUrl)", "have more than 100
 * employees (company.employees)", "100-999 employees (company.employees)". The words are read as
 * the field's check: a state is the field being true (or false when negated), having something is
 * the field existing, and a number compared or a range is the field compared with it.
 */
final class FieldGlosses {

  private FieldGlosses() {}

  /** Words that end the condition looking back from the bracket. */
  private static final Set<String> OPENERS =
      Set.of("if", "when", "whenever", "unless", "and", "or", "but", "only", "while", "where");

  private static final Set<String> COMPARISONS =
      Set.of(
          "more", "less", "fewer", "over", "under", "above", "below", "at", "greater", "bigger",
          "smaller", "between", "exactly", "than");

  private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without");

  private static final Set<String> HAVING = Set.of("have", "has", "had", "having", "with");

  /** {@code tokens} with each glossed condition read as its field's check. */
  static List<Token> apply(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 1; i + 2 < out.size(); i++) {
      if (!(out.get(i).is(Kind.LPAREN)
          && out.get(i + 1).is(Kind.PATH)
          && out.get(i + 2).is(Kind.RPAREN))) {
        continue;
      }
      int start = i;
      while (start > 0 && inCondition(out.get(start - 1))) {
        start--;
      }
      List<Token> read = check(out.subList(start, i), out.get(i + 1));
      if (read == null) {
        continue;
      }
      out.subList(start, i + 3).clear();
      out.addAll(start, read);
      i = start + read.size() - 1;
    }
    return out;
  }

  private static boolean inCondition(Token t) {
    return switch (t.kind()) {
      case WORD -> !OPENERS.contains(t.lower());
      case NUMBER, OPERATOR, DASH, SYMBOL -> true;
      default -> false;
    };
  }

  /** The field's check said by {@code words}, or {@code null} when they say none. */
  private static List<Token> check(List<Token> words, Token field) {
    if (words.isEmpty()) {
      return null;
    }
    int at = words.getFirst().start();
    List<Token> read = new ArrayList<>();
    read.add(field);
    List<Token> numbers = words.stream().filter(t -> t.is(Kind.NUMBER)).toList();
    int compared = -1;
    for (int k = 0; k < words.size() && compared < 0; k++) {
      Token t = words.get(k);
      if (t.is(Kind.OPERATOR) || t.is(Kind.WORD) && COMPARISONS.contains(t.lower())) {
        compared = k;
      }
    }
    if (numbers.size() == 2 && compared < 0) {
      // "100-999 employees": a range
      read.add(Token.word("is", "is", at, at));
      read.add(Token.word("between", "between", at, at));
      read.add(numbers.get(0));
      read.add(Token.word("and", "and", at, at));
      read.add(numbers.get(1));
      return read;
    }
    if (compared >= 0 && !numbers.isEmpty()) {
      int last = words.lastIndexOf(numbers.getLast());
      if (last < compared) {
        return null;
      }
      read.addAll(words.subList(compared, last + 1));
      return read;
    }
    if (!numbers.isEmpty() || compared >= 0) {
      return null;
    }
    boolean negated =
        words.stream().anyMatch(t -> t.is(Kind.WORD) && NEGATIONS.contains(t.lower()));
    if (words.stream().anyMatch(t -> t.is(Kind.WORD) && HAVING.contains(t.lower()))) {
      if (negated) {
        read.add(Token.word("does", "does", at, at));
        read.add(Token.word("not", "not", at, at));
        read.add(Token.word("exist", "exist", at, at));
      } else {
        read.add(Token.word("exists", "exists", at, at));
      }
      return read;
    }
    read.add(Token.word("is", "is", at, at));
    String value = negated ? "false" : "true";
    read.add(Token.word(value, value, at, at));
    return read;
  }
}
