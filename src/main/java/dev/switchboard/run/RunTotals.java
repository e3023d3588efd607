package dev.switchboard.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a dashboard adds up over a set of finished runs (skipped runs never ran and are not in it):
 * one agent's day in {@code daily_totals}, or the sum of many.
 */
final class RunTotals {

  /** The columns of daily_totals that hold the counters, in the order of the fields below. */
  static final String COLUMNS =
      "total, completed, failed, canceled, timed, duration_ms, under_30s, contacts, emails, tasks,"
          + " invitations";

  static final String SUMS =
      "sum(total), sum(completed), sum(failed), sum(canceled), sum(timed), sum(duration_ms),"
          + " sum(under_30s), sum(contacts), sum(emails), sum(tasks), sum(invitations)";

  long total;
  long completed;
  long failed;
  long canceled;
  long timed;
  long durationMs;
  long under30s;
  long contacts;
  long emails;
  long tasks;
  long invitations;

  /** Reads the eleven counters from {@code from} on (COLUMNS or SUMS), nulls as zero. */
  static RunTotals read(ResultSet rs, int from) throws SQLException {
    RunTotals t = new RunTotals();
    t.total = rs.getLong(from);
    t.completed = rs.getLong(from + 1);
    t.failed = rs.getLong(from + 2);
    t.canceled = rs.getLong(from + 3);
    t.timed = rs.getLong(from + 4);
    t.durationMs = rs.getLong(from + 5);
    t.under30s = rs.getLong(from + 6);
    t.contacts = rs.getLong(from + 7);
    t.emails = rs.getLong(from + 8);
    t.tasks = rs.getLong(from + 9);
    t.invitations = rs.getLong(from + 10);
    return t;
  }

  Object[] values() {
    return new Object[] {
      total,
      completed,
      failed,
      canceled,
      timed,
      durationMs,
      under30s,
      contacts,
      emails,
      tasks,
      invitations
    };
  }

  /** Counts one finished run. */
  void add(
      ExecutionStatus status,
      Duration duration,
      long contacts,
      long emails,
      long tasks,
      long invitations) {
    total++;
    switch (status) {
      case COMPLETED -> completed++;
      case FAILED -> failed++;
      case CANCELED -> canceled++;
      default -> {}
    }
    if (duration != null) {
      timed++;
      durationMs += duration.toMillis();
      if (duration.compareTo(Duration.ofSeconds(30)) < 0) {
        under30s++;
      }
    }
    this.contacts += contacts;
    this.emails += emails;
    this.tasks += tasks;
    this.invitations += invitations;
  }

  void add(RunTotals other) {
    total += other.total;
    completed += other.completed;
    failed += other.failed;
    canceled += other.canceled;
    timed += other.timed;
    durationMs += other.durationMs;
    under30s += other.under30s;
    contacts += other.contacts;
    emails += other.emails;
    tasks += other.tasks;
    invitations += other.invitations;
  }

  double successRate() {
    return rate(completed, total);
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
  }

  /** "90%" or "87.5%". */
  static String percent(double value) {
    return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + "%";
  }

  Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("totalExecutions", total);
    out.put("completed", completed);
    out.put("failed", failed);
    out.put("canceled", canceled);
    out.put("successRate", successRate());
    out.put(
        "successText", percent(successRate()) + " (" + completed + " of " + total + " executions)");
    out.put("failureRate", rate(failed, total));
    Long average = timed == 0 ? null : durationMs / timed;
    out.put("avgDurationMs", average);
    out.put("under30sPercent", timed == 0 ? null : rate(under30s, timed));
    out.put(
        "durationText",
        average == null
            ? null
            : "Avg execution time: "
                + Math.round(average / 1000.0)
                + "s ("
                + percent(rate(under30s, timed))
                + " under 30s target)");
    out.put("contactsProcessed", contacts);
    out.put("emailsSent", emails);
    out.put("tasksCreated", tasks);
    out.put("invitationsSent", invitations);
    return out;
  }
}
