package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Reads spans of time ("3 days", "two weeks", "48 hours", "a week") as ISO-8601 durations. Days and
 * weeks become days ({@code P14D}), hours {@code PT48H}, minutes {@code PT30M}; a month counts as
 * 30 days. Fractions fall to the next smaller unit (1.5 days is {@code PT36H}).
 */
final class Durations {

  /** A unit word and its size in minutes. */
  private static final Map<String, Integer> UNITS =
      Map.ofEntries(
          Map.entry("minute", 1),
          Map.entry("minutes", 1),
          Map.entry("min", 1),
          Map.entry("mins", 1),
          Map.entry("hour", 60),
          Map.entry("hours", 60),
          Map.entry("hr", 60),
          Map.entry("hrs", 60),
          Map.entry("h", 60),
          Map.entry("day", 1440),
          Map.entry("days", 1440),
          Map.entry("d", 1440),
          Map.entry("fortnight", 20160),
          Map.entry("fortnights", 20160),
          Map.entry("week", 10080),
          Map.entry("weeks", 10080),
          Map.entry("wk", 10080),
          Map.entry("wks", 10080),
          Map.entry("w", 10080),
          Map.entry("month", 43200),
          Map.entry("months", 43200));

  private static final Phrase ARTICLE_UNIT = Phrase.of("(a|an|one)");
  private static final Phrase HALF = Phrase.of("(half an hour|half a day|half day)");
  private static final Phrase QUALIFIER =
      Phrase.of("[more|extra|additional|full|whole] [business|working|calendar]");

  private Durations() {}

  /** Whether the word names a unit of time ("days", "wk", "h"). */
  static boolean isUnit(String word) {
    return UNITS.containsKey(word);
  }

  /**
   * Reads "N unit" at the cursor and returns its ISO-8601 form, or {@code null} with the cursor
   * unmoved.
   */
  static String read(Cursor c) {
    int mark = c.mark();
    if (c.accept(HALF)) {
      return c.token(mark + 2).lower().equals("hour") ? "PT30M" : "PT12H";
    }
    BigDecimal amount = Values.amount(c);
    if (amount == null && c.accept(ARTICLE_UNIT)) {
      amount = BigDecimal.ONE;
    }
    if (amount == null) {
      c.reset(mark);
      return null;
    }
    c.accept(QUALIFIER);
    Token unit = c.peek();
    Integer minutes = unit.is(Kind.WORD) ? UNITS.get(unit.lower()) : null;
    if (minutes == null) {
      c.reset(mark);
      return null;
    }
    c.next();
    return iso(amount.multiply(BigDecimal.valueOf(minutes)), minutes);
  }

  /** Whole days stay days, else hours, else minutes; the unit the text used is kept if it can. */
  static String iso(BigDecimal totalMinutes, int unitMinutes) {
    BigDecimal day = BigDecimal.valueOf(1440);
    BigDecimal hour = BigDecimal.valueOf(60);
    if (unitMinutes >= 1440 && isWhole(totalMinutes.divide(day, 6, RoundingMode.HALF_UP))) {
      return "P" + totalMinutes.divide(day, 0, RoundingMode.HALF_UP).toPlainString() + "D";
    }
    if (unitMinutes >= 60 && isWhole(totalMinutes.divide(hour, 6, RoundingMode.HALF_UP))) {
      return "PT" + totalMinutes.divide(hour, 0, RoundingMode.HALF_UP).toPlainString() + "H";
    }
    return "PT" + totalMinutes.setScale(0, RoundingMode.HALF_UP).toPlainString() + "M";
  }

  /** Days in an ISO duration written by {@link #iso}, rounded up; used for due dates. */
  static int days(String iso) {
    java.time.Duration d = java.time.Duration.parse(iso);
    long minutes = d.toMinutes();
    return (int) ((minutes + 1439) / 1440);
  }

  private static boolean isWhole(BigDecimal value) {
    return value.stripTrailingZeros().scale() <= 0;
  }
}
