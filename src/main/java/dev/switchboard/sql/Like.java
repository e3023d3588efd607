package dev.switchboard.sql;

import java.util.Locale;

/**
 * Patterns for {@code lower(column) like ?} that match the user's text literally: {@code %}, {@code
 * _} and the escape character itself are escaped, so a search for "50%" finds "50%" and not every
 * row. Both H2 and PostgreSQL use the backslash as LIKE's default escape character, so the SQL
 * needs no {@code escape} clause.
 */
public final class Like {

  private Like() {}

  /** {@code %text%}, lower-cased: a case-insensitive substring match. */
  public static String contains(String text) {
    return "%" + escape(text) + "%";
  }

  /** {@code text%}, lower-cased: a case-insensitive prefix match. */
  public static String prefix(String text) {
    return escape(text) + "%";
  }

  private static String escape(String text) {
    return text.toLowerCase(Locale.ROOT)
        .replace("\\", "\\\\")
        .replace("%", "\\%")
        .replace("_", "\\_");
  }
}
