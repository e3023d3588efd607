package dev.switchboard.run;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Story 3.15's dashboards: an agent's or the workspace's totals for a range of days, the same for
 * the period before it, runs by day, and a warning when the success rate is below target. All of it
 * comes from {@link DailyTotals} (a few hundred rows at most), never from the executions.
 */
@Service
class Dashboards {

  /** Below this success rate (percent) the dashboard warns. */
  static final double TARGET = 80;

  /** The columns the workspace's agent comparison can be sorted by. */
  private static final Map<String, Comparator<AgentRow>> SORTS =
      Map.of(
          "agentId", Comparator.comparing(a -> a.agentId.toString()),
          "name", Comparator.comparing(AgentRow::name, String.CASE_INSENSITIVE_ORDER),
          "executions", Comparator.comparingLong(a -> a.totals.total),
          "successRate", Comparator.comparingDouble(a -> a.totals.successRate()),
          "contactsProcessed", Comparator.comparingLong(a -> a.totals.contacts));

  private final DailyTotals totals;
  private final Agents agents;
  private final Clock clock;

  Dashboards(DailyTotals totals, Agents agents, Clock clock) {
    this.totals = totals;
    this.agents = agents;
    this.clock = clock;
  }

  /** The query parameters a dashboard takes. */
  record Query(String dateRange, String from, String to) {}

  Map<String, Object> agent(UUID workspaceId, UUID agentId, Query query) {
    DashboardRange range = range(query);
    totals.catchUp();
    return report(workspaceId, agentId, range);
  }

  Map<String, Object> workspace(UUID workspaceId, Query query, String sort, String order) {
    DashboardRange range = range(query);
    Comparator<AgentRow> comparator = SORTS.get(sort == null ? "executions" : sort);
    if (comparator == null) {
      throw ApiException.invalid(
          "sort", "sort must be one of agentId, name, executions, successRate, contactsProcessed");
    }
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw ApiException.invalid("order", "order must be asc or desc");
    }
    totals.catchUp();
    Map<String, Object> out = report(workspaceId, null, range);
    Map<UUID, RunTotals> byAgent = totals.byAgent(workspaceId, range.from(), range.to());
    List<AgentRow> rows = new ArrayList<>();
    for (Agent agent : agents.list(workspaceId, false)) {
      rows.add(
          new AgentRow(
              agent.id(), agent.name(), byAgent.getOrDefault(agent.id(), new RunTotals())));
    }
    rows.sort("asc".equals(order) ? comparator : comparator.reversed());
    out.put("agents", rows.stream().map(AgentRow::view).toList());
    return out;
  }

  private DashboardRange range(Query query) {
    return DashboardRange.parse(
        query.dateRange(), query.from(), query.to(), DailyTotals.utcDate(clock.instant()));
  }

  /** The range's totals and days, and the totals of the period of the same length before it. */
  private Map<String, Object> report(UUID workspaceId, UUID agentId, DashboardRange range) {
    TreeMap<LocalDate, RunTotals> days =
        totals.byDay(workspaceId, agentId, range.from(), range.to());
    RunTotals sum = new RunTotals();
    days.values().forEach(sum::add);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dateRange", range.name());
    out.put("from", range.from() == null ? null : range.from().toString());
    out.put("to", range.to().toString());
    out.putAll(sum.view());
    DashboardRange previous = range.previous();
    if (previous == null) {
      out.put("previous", null);
    } else {
      RunTotals before = new RunTotals();
      totals
          .byDay(workspaceId, agentId, previous.from(), previous.to())
          .values()
          .forEach(before::add);
      out.put("previous", before.view());
    }
    out.put("byDay", byDay(days, range));
    if (sum.total > 0 && sum.successRate() < TARGET) {
      out.put(
          "warning",
          Map.of(
              "message",
              "⚠️ Success rate below target (" + RunTotals.percent(sum.successRate()) + ")",
              "recommendation",
              "Review recent failures and update instructions"));
    }
    return out;
  }

  /** Every day of the range (for everything: from the first day with runs), zeros included. */
  private static List<Map<String, Object>> byDay(
      TreeMap<LocalDate, RunTotals> days, DashboardRange range) {
    List<Map<String, Object>> out = new ArrayList<>();
    LocalDate first = range.from() != null ? range.from() : days.isEmpty() ? null : days.firstKey();
    if (first == null) {
      return out;
    }
    for (LocalDate day = first; !day.isAfter(range.to()); day = day.plusDays(1)) {
      RunTotals t = days.getOrDefault(day, new RunTotals());
      out.add(
          Map.of(
              "date",
              day.toString(),
              "completed",
              t.completed,
              "failed",
              t.failed,
              "successRate",
              t.successRate()));
    }
    return out;
  }

  private record AgentRow(UUID agentId, String name, RunTotals totals) {
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
