package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "@contcat.firstName": a variable whose root is a typo of a known one is refused with its span and
 * the variable it probably means, instead of reaching a run as an unknown field. Roots far from
 * every known one ("@gmail.com" in a quoted value) are text, not typos.
 */
final class VariableTypos {

  private static final List<String> ROOTS =
      List.of("contact", "company", "deal", "user", "memory", "search");
  private static final Pattern VARIABLE = Pattern.compile("(?<![\\w.])@([A-Za-z_]+)\\.");

  private VariableTypos() {}

  static List<ParseDetail> find(String text, List<Token> tokens) {
    List<ParseDetail> details = new ArrayList<>();
    for (Token token : tokens) {
      if (!token.is(Kind.VARIABLE) && !token.is(Kind.QUOTED)) {
        continue;
      }
      String segment = text.substring(token.start(), token.end());
      Matcher m = VARIABLE.matcher(segment);
      while (m.find()) {
        String root = m.group(1);
        String meant = nearest(root);
        if (meant != null) {
          int start = token.start() + m.start();
          int end = start + 1 + root.length();
          while (end < text.length()
              && (Character.isLetterOrDigit(text.charAt(end))
                  || ".[]_".indexOf(text.charAt(end)) >= 0)) {
            end++;
          }
          String written = text.substring(start, end).replaceAll("[.]+$", "");
          details.add(
              new ParseDetail(
                  "Unknown variable '"
                      + written
                      + "'. Did you mean: '@"
                      + meant
                      + written.substring(1 + root.length())
                      + "'?",
                  start,
                  start + written.length()));
        }
      }
    }
    return details;
  }

  /** The known root {@code root} is a typo of, or {@code null} if it is known or far from all. */
  private static String nearest(String root) {
    String lower = root.toLowerCase(java.util.Locale.ROOT);
    if (ROOTS.contains(lower)) {
      return null;
    }
    for (String known : ROOTS) {
      if (distance(lower, known) <= 2) {
        return known;
      }
    }
    return null;
  }

  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
        diagonal = above;
      }
    }
    return row[b.length()];
  }
}
