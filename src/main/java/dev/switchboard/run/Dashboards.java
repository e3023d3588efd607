package dev.switchboard.run;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Story 3.15's dashboards: an agent's or the workspace's totals for a date range, the same for the
 * period before it, runs by day, and a warning when the success rate is below target. Skipped runs
 * never ran and are not counted.
 */
@Service
class Dashboards {

  /** Below this success rate (percent) the dashboard warns. */
  static final double TARGET = 80;

  /** The ranges a dashboard covers, back from now. */
  enum DateRange {
    LAST_7_DAYS("7d", 7),
    LAST_30_DAYS("30d", 30),
    LAST_90_DAYS("90d", 90),
    ALL("all", 0);

    final String wireName;
    final int days;

    DateRange(String wireName, int days) {
      this.wireName = wireName;
      this.days = days;
    }

    static DateRange parse(String value) {
      if (value == null || value.isBlank()) {
        return LAST_30_DAYS;
      }
      return Arrays.stream(values())
          .filter(r -> r.wireName.equals(value))
          .findFirst()
          .orElseThrow(
              () -> ApiException.invalid("dateRange", "dateRange must be 7d, 30d, 90d or all"));
    }
  }

  /** The columns the workspace's agent comparison can be sorted by. */
  private static final Map<String, Comparator<AgentRow>> SORTS =
      Map.of(
          "name", Comparator.comparing(AgentRow::name, String.CASE_INSENSITIVE_ORDER),
          "executions", Comparator.comparingLong(a -> a.totals.total),
          "successRate", Comparator.comparingDouble(a -> a.totals.successRate()),
          "contactsProcessed", Comparator.comparingLong(a -> a.totals.contacts));

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Agents agents;
  private final Clock clock;

  Dashboards(JdbcClient jdbc, JsonMapper json, Agents agents, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.agents = agents;
    this.clock = clock;
  }

  Map<String, Object> agent(UUID workspaceId, UUID agentId, String dateRange) {
    return report(workspaceId, agentId, DateRange.parse(dateRange), null);
  }

  Map<String, Object> workspace(UUID workspaceId, String dateRange, String sort, String order) {
    DateRange range = DateRange.parse(dateRange);
    Comparator<AgentRow> comparator = SORTS.get(sort == null ? "executions" : sort);
    if (comparator == null) {
      throw ApiException.invalid(
          "sort", "sort must be one of name, executions, successRate, contactsProcessed");
    }
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw ApiException.invalid("order", "order must be asc or desc");
    }
    Map<UUID, Totals> byAgent = new HashMap<>();
    Map<String, Object> out = report(workspaceId, null, range, byAgent);
    List<AgentRow> rows = new ArrayList<>();
    for (Agent agent : agents.list(workspaceId, false)) {
      rows.add(
          new AgentRow(agent.id(), agent.name(), byAgent.getOrDefault(agent.id(), new Totals())));
    }
    rows.sort("asc".equals(order) ? comparator : comparator.reversed());
    out.put("agents", rows.stream().map(AgentRow::view).toList());
    return out;
  }

  /** The range's totals and days, and the totals of the period of the same length before it. */
  private Map<String, Object> report(
      UUID workspaceId, UUID agentId, DateRange range, Map<UUID, Totals> byAgent) {
    Instant now = clock.instant();
    Instant from = start(range, now);
    Map<LocalDate, long[]> byDay = new TreeMap<>();
    Totals totals = scan(workspaceId, agentId, from, now, byAgent, byDay);
    Map<String, Object> out = dashboard(range, totals, byDay, from, now);
    out.put(
        "previous",
        from == null
            ? null
            : scan(workspaceId, agentId, from.minus(Duration.between(from, now)), from, null, null)
                .view());
    return out;
  }

  private static Instant start(DateRange range, Instant now) {
    return range == DateRange.ALL ? null : now.minus(range.days, ChronoUnit.DAYS);
  }

  private Map<String, Object> dashboard(
      DateRange range, Totals totals, Map<LocalDate, long[]> byDay, Instant from, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dateRange", range.wireName);
    out.putAll(totals.view());
    if (from != null) {
      for (LocalDate day = utcDate(from); !day.isAfter(utcDate(now)); day = day.plusDays(1)) {
        byDay.putIfAbsent(day, new long[2]);
      }
    }
    List<Map<String, Object>> days = new ArrayList<>();
    byDay.forEach((day, counts) ->
        days.add(Map.of("date", day.toString(), "completed", counts[0], "failed", counts[1])));
    out.put("byDay", days);
    if (totals.total > 0 && totals.successRate() < TARGET) {
      out.put(
          "warning",
          Map.of(
              "message",
              "⚠️ Success rate below target (" + percent(totals.successRate()) + ")",
              "recommendation",
              "Review recent failures and update instructions"));
    }
    return out;
  }

  /** Adds up the runs created in [from, to), per agent and per day when asked. */
  private Totals scan(
      UUID workspaceId,
      UUID agentId,
      Instant from,
      Instant to,
      Map<UUID, Totals> byAgent,
      Map<LocalDate, long[]> byDay) {
    StringBuilder sql =
        new StringBuilder(
            "select agent_id, status, created_at, started_at, finished_at, processed_count, summary"
                + " from executions where workspace_id = ? and status <> 'skipped'"
                + " and created_at < ?");
    List<Object> params = new ArrayList<>(List.of(workspaceId, ExecutionStore.utc(to)));
    if (agentId != null) {
      sql.append(" and agent_id = ?");
      params.add(agentId);
    }
    if (from != null) {
      sql.append(" and created_at >= ?");
      params.add(ExecutionStore.utc(from));
    }
    Totals totals = new Totals();
    jdbc.sql(sql.toString())
        .params(params)
        .query((ResultSet rs) -> {
          Run run = run(rs);
          totals.add(run);
          if (byAgent != null) {
            byAgent.computeIfAbsent(run.agentId, id -> new Totals()).add(run);
          }
          if (byDay != null && run.status.isTerminal()) {
            long[] counts = byDay.computeIfAbsent(utcDate(run.createdAt), d -> new long[2]);
            if (run.status == ExecutionStatus.COMPLETED) {
              counts[0]++;
            } else if (run.status == ExecutionStatus.FAILED) {
              counts[1]++;
            }
          }
        });
    return totals;
  }

  private record Run(
      UUID agentId,
      ExecutionStatus status,
      Instant createdAt,
      Duration duration,
      int contacts,
      JsonNode counters) {}

  private Run run(ResultSet rs) throws SQLException {
    Instant started = ExecutionStore.instant(rs, "started_at");
    Instant finished = ExecutionStore.instant(rs, "finished_at");
    String summary = rs.getString("summary");
    return new Run(
        rs.getObject("agent_id", UUID.class),
        ExecutionStatus.fromWireName(rs.getString("status")).orElseThrow(),
        ExecutionStore.instant(rs, "created_at"),
        started == null || finished == null ? null : Duration.between(started, finished),
        rs.getInt("processed_count"),
        summary == null ? null : json.readTree(summary));
  }

  private static LocalDate utcDate(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** "90%" or "87.5%". */
  static String percent(double value) {
    return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + "%";
  }

  /** Running totals of a set of runs. */
  static final class Totals {
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

    void add(Run run) {
      total++;
      switch (run.status) {
        case COMPLETED -> completed++;
        case FAILED -> failed++;
        case CANCELED -> canceled++;
        default -> {}
      }
      if (run.duration != null && run.status.isTerminal()) {
        timed++;
        durationMs += run.duration.toMillis();
        if (run.duration.compareTo(Duration.ofSeconds(30)) < 0) {
          under30s++;
        }
      }
      contacts += run.contacts;
      emails += counter(run, "emailsSent");
      tasks += counter(run, "tasksCreated");
      invitations += counter(run, "linkedinInvitesSent");
    }

    private static long counter(Run run, String name) {
      JsonNode value = run.counters == null ? null : run.counters.get(name);
      return value != null && value.isNumber() ? value.asLong() : 0;
    }

    double successRate() {
      return rate(completed, total);
    }

    private static double rate(long part, long whole) {
      return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
    }

    Map<String, Object> view() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("totalExecutions", total);
      out.put("completed", completed);
      out.put("failed", failed);
      out.put("canceled", canceled);
      out.put("successRate", successRate());
      out.put(
          "successText",
          percent(successRate()) + " (" + completed + " of " + total + " executions)");
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

  private record AgentRow(UUID agentId, String name, Totals totals) {
    Map<String, Object> view() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("agentId", agentId);
      out.put("name", name);
      out.put("executions", totals.total);
      out.put("successRate", totals.successRate());
      out.put("contactsProcessed", totals.contacts);
      return out;
    }
  }
}
