package dev.switchboard.instruction.internal;

import dev.switchboard.plan.Operator;
import java.util.List;
import java.util.Map;

/**
 * Relative date filters: "created today" is {@code createdAt >= "today"}, "added in the last 7
 * days" is {@code createdAt >= "today-7d"}, "this week" counts as the last 7 days, "this month" as
 * the last 30, "more than 30 days ago" is {@code createdAt < "today-30d"}.
 */
final class DateFilters {

  private static final Phrase CREATED =
      Phrase.of(
          "([that|who|which] [were|was|have been|has been|are|got|been] (created|added|imported"
              + "|new|signed up|joined|registered|entered|came in|entered the crm)"
              + " [to the crm|in the crm]"
              + "|[the] (createdat|creation date|created date|date created) [is|was|falls])");
  private static final Phrase UPDATED =
      Phrase.of(
          "[that|who|which] [were|was|have been|has been|are|got|been] (updated|modified|changed"
              + "|edited|touched)");
  private static final Phrase FROM = Phrase.of("(from|in|during|within|over|for|since)");
  private static final Phrase LAST =
      Phrase.of("[in|within|over|during|from|for] [the] (last|past|previous)");
  private static final Phrase THIS = Phrase.of("[from|during] this (week|month)");
  private static final Phrase TODAY = Phrase.of("[from|on] (today|yesterday)");
  private static final Phrase SINCE_YESTERDAY = Phrase.of("since yesterday");
  private static final Phrase OLDER = Phrase.of("(more than|over|at least) ");
  private static final Phrase AGO = Phrase.of("ago");
  private static final List<String> UNIT_WORDS = List.of("day", "week", "month", "fortnight");

  private DateFilters() {}

  /** A date filter at the cursor, or {@code null} with the cursor unmoved. */
  static Map<String, Object> read(Cursor c) {
    int mark = c.mark();
    String field;
    if (c.accept(CREATED)) {
      field = "createdAt";
    } else if (c.accept(UPDATED)) {
      field = "updatedAt";
    } else if (c.at(FROM) && (c.at(LAST) || c.at(THIS) || c.at(TODAY))) {
      field = "createdAt";
    } else {
      return null;
    }
    Map<String, Object> filter = when(c, field);
    if (filter == null) {
      c.reset(mark);
    }
    return filter;
  }

  private static Map<String, Object> when(Cursor c, String field) {
    int mark = c.mark();
    if (c.accept(TODAY)) {
      boolean yesterday = c.token(c.mark() - 1).isWord("yesterday");
      return SearchGrammar.filter(field, Operator.GE, yesterday ? "today-1d" : "today");
    }
    if (c.accept(SINCE_YESTERDAY)) {
      return SearchGrammar.filter(field, Operator.GE, "today-1d");
    }
    if (c.accept(THIS)) {
      boolean week = c.token(c.mark() - 1).isWord("week");
      return SearchGrammar.filter(field, Operator.GE, week ? "today-7d" : "today-30d");
    }
    if (c.accept(LAST) || c.acceptWord("since")) {
      Integer days = days(c); // "created since 30 days", as French and German say it
      if (days != null) {
        return SearchGrammar.filter(field, Operator.GE, "today-" + days + "d");
      }
    }
    c.reset(mark);
    if (c.accept(OLDER)) {
      Integer days = days(c);
      if (days != null && c.accept(AGO)) {
        return SearchGrammar.filter(field, Operator.LT, "today-" + days + "d");
      }
    }
    c.reset(mark);
    return null;
  }

  /** "7 days", "two weeks", "24 hours", or a bare unit ("the last week"). */
  private static Integer days(Cursor c) {
    Token unit = c.peek();
    if (unit.is(Token.Kind.WORD) && UNIT_WORDS.contains(unit.lower())) {
      c.next();
      return switch (unit.lower()) {
        case "day" -> 1;
        case "week" -> 7;
        case "fortnight" -> 14;
        default -> 30;
      };
    }
    String iso = Durations.read(c);
    if (iso == null) {
      return null;
    }
    return Durations.days(iso);
  }
}
