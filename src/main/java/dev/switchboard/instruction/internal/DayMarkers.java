package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A cadence written as a timeline: "On day 0, send … On day 3, send … On day 7, tag …", "Day 1: …
 * Day 4: …". Each day marker after the first is read as a wait for the days since the one before
 * ("wait 3 days, …"); the first says when the timeline starts and is dropped. A timeline that runs
 * backwards is left as written (and refused). When steps come before a first marker past day 1,
 * they run on day 0 ("Send the 'Intro' template. Day 3: …" waits 3 days). A quoted name alone after
 * a marker ("Day 3 - 'Customer Story'") is the template sent that day.
 */
final class DayMarkers {

  private DayMarkers() {}

  /** One "on day N," at the start of a clause: tokens {@code from} (inclusive) to {@code to}. */
  private record Marker(int from, int to, int day) {}

  /** The longest day a timeline can name: the longest wait is 90 days. */
  private static final int MAX_DAY = 365;

  static List<Token> apply(List<Token> tokens) {
    List<Marker> markers = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Marker marker = markerAt(tokens, i);
      if (marker != null) {
        markers.add(marker);
        i = marker.to() - 1;
      }
    }
    if (markers.isEmpty()) {
      return tokens;
    }
    Marker first = markers.getFirst();
    int previous = first.day() <= 1 || !stepsBefore(tokens, first) ? first.day() : 0;
    List<Token> out = new ArrayList<>(tokens.size());
    int next = 0;
    for (Marker marker : markers) {
      if (marker.day() < previous) {
        return tokens;
      }
      out.addAll(tokens.subList(next, marker.from()));
      int days = marker.day() - previous;
      if (days > 0) {
        int start = tokens.get(marker.from()).start();
        int end = tokens.get(marker.to() - 1).end();
        out.add(Token.word("wait", "wait", start, end));
        out.add(new Token(Kind.NUMBER, "" + days, "" + days, start, end, BigDecimal.valueOf(days)));
        out.add(Token.word("days", "days", start, end));
        out.add(Token.of(Kind.COMMA, ",", end, end));
      }
      previous = marker.day();
      next = marker.to();
      Token name = tokens.get(next);
      Token after = tokens.get(next + 1);
      if (name.is(Kind.QUOTED) && (clauseBoundary(after) || after.is(Kind.EOF))) {
        // "Day 3 - 'Customer Story'": in a cadence a name alone is the template sent that day
        out.add(Token.word("send", "send", name.start(), name.start()));
      }
    }
    out.addAll(tokens.subList(next, tokens.size()));
    return out;
  }

  /** "On day 3," / "Day 4:" / "day five –" where a clause starts at {@code i}; else null. */
  private static Marker markerAt(List<Token> tokens, int i) {
    if (i > 0 && !clauseBoundary(tokens.get(i - 1))) {
      return null;
    }
    int j = i;
    if (tokens.get(j).isWord("on") || tokens.get(j).isWord("by")) {
      j++;
    }
    if (j + 2 >= tokens.size() || !tokens.get(j).isWord("day")) {
      return null;
    }
    Token number = tokens.get(j + 1);
    BigDecimal day = number.is(Kind.NUMBER) ? number.number() : Values.wordValue(number);
    Token after = tokens.get(j + 2);
    if (day == null
        || day.signum() < 0
        || day.stripTrailingZeros().scale() > 0
        || day.intValue() > MAX_DAY
        || !(after.is(Kind.COMMA) || after.is(Kind.COLON) || after.is(Kind.DASH))) {
      return null;
    }
    return new Marker(i, j + 3, day.intValue());
  }

  /** Whether what comes before the first marker says something to do (a quote, a variable). */
  private static boolean stepsBefore(List<Token> tokens, Marker first) {
    return tokens.subList(0, first.from()).stream()
        .anyMatch(t -> t.is(Kind.QUOTED) || t.is(Kind.VARIABLE));
  }

  private static boolean clauseBoundary(Token t) {
    return t.is(Kind.END) || t.is(Kind.LIST_MARKER) || t.is(Kind.SEMICOLON);
  }
}
