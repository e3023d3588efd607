package dev.switchboard.run;

import dev.switchboard.api.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The UTC days a dashboard covers, both ends included: the last 7, 30 or 90 days (today included),
 * everything ({@code from} null, no previous period), or a custom {@code from}–{@code to}. The
 * previous period is the same number of days right before.
 */
record DashboardRange(String name, LocalDate from, LocalDate to) {

  /** No dashboard reaches further back than this; earlier dates are typing mistakes. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  /** At most ten years of days in one custom range. */
  static final long MAX_DAYS = 3660;

  static DashboardRange parse(String dateRange, String from, String to, LocalDate today) {
    if (from != null || to != null) {
      if (dateRange != null && !dateRange.isBlank()) {
        throw ApiException.invalid("dateRange", "Give either dateRange or from/to, not both");
      }
      return custom(from, to, today);
    }
    String name = dateRange == null || dateRange.isBlank() ? "30d" : dateRange;
    return switch (name) {
      case "7d" -> new DashboardRange(name, today.minusDays(6), today);
      case "30d" -> new DashboardRange(name, today.minusDays(29), today);
      case "90d" -> new DashboardRange(name, today.minusDays(89), today);
      case "all" -> new DashboardRange(name, null, today);
      default -> throw ApiException.invalid("dateRange", "dateRange must be 7d, 30d, 90d or all");
    };
  }

  private static DashboardRange custom(String from, String to, LocalDate today) {
    if (from == null) {
      throw ApiException.invalid("from", "from is required with to (a date such as 2026-01-31)");
    }
    LocalDate start = date("from", from);
    LocalDate end = to == null ? today : date("to", to);
    if (end.isBefore(start)) {
      throw ApiException.invalid("to", "to must not be before from");
    }
    if (start.isBefore(EARLIEST)) {
      throw ApiException.invalid("from", "from must not be before " + EARLIEST);
    }
    if (end.isAfter(today.plusDays(1))) {
      throw ApiException.invalid("to", "to must not be in the future");
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      throw ApiException.invalid("from", "A range covers at most " + MAX_DAYS + " days");
    }
    return new DashboardRange("custom", start, end);
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, field + " must be a date such as 2026-01-31");
    }
  }

  /** The same number of days right before this range; null for everything. */
  DashboardRange previous() {
    if (from == null) {
      return null;
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    return new DashboardRange(name, from.minusDays(days), from.minusDays(1));
  }
}
