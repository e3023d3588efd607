package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/** Reading literal values: quoted text, numbers, number words, booleans, variables. */
final class Values {

  private static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("zero", 0),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("fifteen", 15),
          Map.entry("sixteen", 16),
          Map.entry("seventeen", 17),
          Map.entry("eighteen", 18),
          Map.entry("nineteen", 19),
          Map.entry("twenty", 20),
          Map.entry("thirty", 30),
          Map.entry("forty", 40),
          Map.entry("fifty", 50),
          Map.entry("sixty", 60),
          Map.entry("seventy", 70),
          Map.entry("eighty", 80),
          Map.entry("ninety", 90),
          Map.entry("hundred", 100));

  private static final Phrase COUPLE = Phrase.of("[a] couple [of]");

  private Values() {}

  /** A plain JSON number: integers stay integers. */
  static Number plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      long l = stripped.longValueExact();
      return l == (int) l ? (Number) (int) l : (Number) l;
    }
    return stripped.doubleValue();
  }

  /**
   * A quoted string, a number, a variable or true/false at the cursor, or {@code null} (cursor not
   * moved) when there is none.
   */
  /**
   * A "contains" value written as a pattern, SQL's {@code LIKE '%VP%'} or a glob's {@code *VP*}:
   * the wildcards at its ends are what "contains" means already.
   */
  static Object withoutWildcards(Object value) {
    if (value instanceof String s && s.length() > 2 && WILDCARDS.matcher(s).matches()) {
      return s.replaceAll("^[%*]+|[%*]+$", "");
    }
    return value;
  }

  private static final java.util.regex.Pattern WILDCARDS =
      java.util.regex.Pattern.compile("[%*]+[^%*]+[%*]*|[%*]*[^%*]+[%*]+");

  /**
   * "the first result's title", "the title of the first result": the web search's first hit said in
   * words is its variable.
   */
  private static final Phrase FIRST_RESULT =
      Phrase.of("[the] (first|top) (result|hit) ['s] (title|url|link|snippet)");

  private static final Phrase PART_OF_FIRST_RESULT =
      Phrase.of("[the] (title|url|link|snippet) of [the] (first|top) [search] (result|hit)");
  private static final Set<String> RESULT_PARTS = Set.of("title", "url", "link", "snippet");

  private static String firstResult(String part) {
    return "@search.results[0]." + (part.equals("link") ? "url" : part);
  }

  static Object literal(Cursor c) {
    if (c.accept(FIRST_RESULT)) {
      return firstResult(c.token(c.mark() - 1).lower());
    }
    int mark = c.mark();
    if (c.accept(PART_OF_FIRST_RESULT)) {
      for (int i = mark; i < c.mark(); i++) {
        if (RESULT_PARTS.contains(c.token(i).lower())) {
          return firstResult(c.token(i).lower()); // "the title of first result"
        }
      }
    }
    Token t = c.peek();
    switch (t.kind()) {
      case QUOTED, VARIABLE -> {
        c.next();
        return t.text();
      }
      case NUMBER -> {
        c.next();
        return plain(scaled(c, t.number()));
      }
      case WORD -> {
        if (t.lower().equals("true") || t.lower().equals("false")) {
          c.next();
          return Boolean.valueOf(t.lower());
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** "25 thousand dollars": a multiplier word and a currency word after a number. */
  static BigDecimal scaled(Cursor c, BigDecimal number) {
    BigDecimal value = number;
    Token t = c.peek();
    if (t.is(Kind.WORD) && MULTIPLIERS.containsKey(t.lower())) {
      c.next();
      value = value.multiply(BigDecimal.valueOf(MULTIPLIERS.get(t.lower())));
    }
    c.accept(CURRENCY);
    return value;
  }

  private static final Map<String, Long> MULTIPLIERS =
      Map.of(
          "thousand", 1_000L,
          "k", 1_000L,
          "grand", 1_000L,
          "million", 1_000_000L,
          "mil", 1_000_000L,
          "mm", 1_000_000L,
          "billion", 1_000_000_000L,
          "bn", 1_000_000_000L);
  private static final Phrase CURRENCY =
      Phrase.of("(dollars|dollar|usd|bucks|eur|euros|euro|gbp|pounds|in revenue|in value)");

  /** A count written as digits or words ("3", "three", "twenty five", "a couple of"). */
  static BigDecimal amount(Cursor c) {
    if (c.at(Kind.NUMBER)) {
      return c.next().number();
    }
    if (c.accept(COUPLE)) {
      return BigDecimal.valueOf(2);
    }
    Integer first = wordNumber(c.peek());
    if (first == null) {
      return null;
    }
    c.next();
    int total = tensAndUnit(c, first);
    if (total < 10 && c.atWord("hundred")) { // "two hundred and fifty"
      c.next();
      total *= 100;
      int mark = c.mark();
      c.acceptWord("and");
      Integer rest = wordNumber(c.peek());
      if (rest != null && rest < 100) {
        c.next();
        total += tensAndUnit(c, rest);
      } else {
        c.reset(mark);
      }
    }
    return BigDecimal.valueOf(total);
  }

  /** "seventy" then "five": a word for the tens takes a unit after it. */
  private static int tensAndUnit(Cursor c, int first) {
    if (first >= 20 && first < 100) {
      Integer unit = wordNumber(c.peek());
      if (unit != null && unit > 0 && unit < 10) {
        c.next();
        return first + unit;
      }
    }
    return first;
  }

  /**
   * A number, spelled or not, with its multiplier and currency ("seventy five thousand dollars",
   * "fifty grand", "ten k"), where only a number can stand: a numeric field's value. Null (cursor
   * not moved) when there is none.
   */
  static Number spelled(Cursor c) {
    if (!atAmount(c)) {
      return null;
    }
    return plain(scaled(c, amount(c)));
  }

  static boolean atAmount(Cursor c) {
    return c.at(Kind.NUMBER) || wordNumber(c.peek()) != null || c.at(COUPLE);
  }

  /** The value of a number word ("five"), or null. */
  static BigDecimal wordValue(Token t) {
    Integer n = wordNumber(t);
    return n == null ? null : BigDecimal.valueOf(n);
  }

  /** A number token or a number word ("5", "five"). */
  static boolean isNumber(Token t) {
    return t.is(Kind.NUMBER) || wordNumber(t) != null;
  }

  private static Integer wordNumber(Token t) {
    return t.is(Kind.WORD) ? NUMBER_WORDS.get(t.lower()) : null;
  }
}
