package dev.switchboard.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per agent and UTC day totals of finished runs, which dashboards read instead of scanning
 * executions, and which outlive retention.
 *
 * <p>Runs are folded in after they finish rather than on the finish path: that path belongs to the
 * engine and must stay one short transaction, and folding from the {@code totals_folded} marker
 * counts every run exactly once whichever node finished it (a batch that loses a race rolls back
 * with its markers and is folded again). {@link Housekeeping} folds every few seconds and a
 * dashboard request folds what is left first, so a run shows the moment it has finished.
 */
@Component
class DailyTotals {

  private static final Logger log = LoggerFactory.getLogger(DailyTotals.class);

  /** Runs per fold transaction: short enough to hold few row locks for little time. */
  static final int BATCH = 500;

  /** A dashboard request folds at most this many batches before answering. */
  private static final int CATCH_UP_BATCHES = 20;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final JsonMapper json;
  private final TransactionTemplate tx;

  DailyTotals(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
    this.tx = tx;
  }

  private record Day(UUID workspaceId, UUID agentId, LocalDate day) {}

  private record Finished(
      UUID id,
      Day day,
      ExecutionStatus status,
      Duration duration,
      long contacts,
      JsonNode counters) {}

  /**
   * Folds finished runs in until none is left or {@code maxBatches} ran; how many it folded. One
   * fold at a time on this node, so a dashboard's catch-up waits for the background fold instead of
   * racing it for the same day rows.
   */
  synchronized int fold(int maxBatches) {
    int folded = 0;
    for (int i = 0; i < maxBatches; i++) {
      Integer batch = tx.execute(status -> foldBatch());
      folded += batch;
      if (batch < BATCH) {
        break;
      }
    }
    return folded;
  }

  /**
   * Before a dashboard is read. A batch that lost a race with another node is tried once more;
   * after that the runs are left to the next fold and the dashboard is read anyway.
   */
  void catchUp() {
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        fold(CATCH_UP_BATCHES);
        return;
      } catch (DataAccessException e) {
        log.info("Folding finished runs into daily totals failed: {}", e.getMessage());
      }
    }
  }

  private int foldBatch() {
    List<Finished> runs =
        jdbc.sql(
                """
                select id, workspace_id, agent_id, status, created_at, started_at, finished_at,
                processed_count, summary from executions
                where totals_folded = false and status in ('completed', 'failed', 'canceled', 'skipped')
                order by finished_at limit ? for update skip locked\
                """)
            .param(BATCH)
            .query((rs, i) -> finished(rs))
            .list();
    if (runs.isEmpty()) {
      return 0;
    }
    Map<Day, RunTotals> days = new HashMap<>();
    for (Finished run : runs) {
      if (run.status != ExecutionStatus.SKIPPED) {
        days.computeIfAbsent(run.day, d -> new RunTotals())
            .add(
                run.status,
                run.duration,
                run.contacts,
                counter(run.counters, "emailsSent"),
                counter(run.counters, "tasksCreated"),
                counter(run.counters, "linkedinInvitesSent"));
      }
    }
    addTo(days);
    jdbc.sql("update executions set totals_folded = true where id in (:ids)")
        .param("ids", runs.stream().map(Finished::id).toList())
        .update();
    return runs.size();
  }

  /**
   * Adds to each day's row: one batch of updates, then one batch of inserts for the days that had
   * no row yet. Rows are taken in key order, so two nodes' folds lock them in the same order; two
   * nodes inserting one row at once makes one batch roll back.
   */
  private void addTo(Map<Day, RunTotals> days) {
    if (days.isEmpty()) {
      return;
    }
    List<Day> order = days.keySet().stream().sorted(DAY_ORDER).toList();
    List<Object[]> updates = new ArrayList<>();
    for (Day day : order) {
      List<Object> params = new ArrayList<>(List.of(days.get(day).values()));
      params.addAll(List.of(day.workspaceId, day.agentId, day.day));
      updates.add(params.toArray());
    }
    int[] updated = template.batchUpdate(UPDATE, updates);
    List<Object[]> inserts = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      if (updated[i] == 0) {
        Day day = order.get(i);
        List<Object> row = new ArrayList<>(List.of(day.workspaceId, day.agentId, day.day));
        row.addAll(List.of(days.get(day).values()));
        inserts.add(row.toArray());
      }
    }
    if (!inserts.isEmpty()) {
      template.batchUpdate(INSERT, inserts);
    }
  }

  private static final Comparator<Day> DAY_ORDER =
      Comparator.comparing(Day::workspaceId).thenComparing(Day::agentId).thenComparing(Day::day);

  private static final String UPDATE =
      """
      update daily_totals set total = total + ?, completed = completed + ?,
      failed = failed + ?, canceled = canceled + ?, timed = timed + ?,
      duration_ms = duration_ms + ?, under_30s = under_30s + ?, contacts = contacts + ?,
      emails = emails + ?, tasks = tasks + ?, invitations = invitations + ?
      where workspace_id = ? and agent_id = ? and run_day = ?\
      """;

  private static final String INSERT =
      "insert into daily_totals (workspace_id, agent_id, run_day, "
          + RunTotals.COLUMNS
          + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private Finished finished(ResultSet rs) throws SQLException {
    Instant started = ExecutionStore.instant(rs, "started_at");
    Instant finished = ExecutionStore.instant(rs, "finished_at");
    String summary = rs.getString("summary");
    Instant created = ExecutionStore.instant(rs, "created_at");
    return new Finished(
        rs.getObject("id", UUID.class),
        new Day(
            rs.getObject("workspace_id", UUID.class),
            rs.getObject("agent_id", UUID.class),
            utcDate(created)),
        ExecutionStatus.fromWireName(rs.getString("status")).orElseThrow(),
        started == null || finished == null ? null : Duration.between(started, finished),
        rs.getInt("processed_count"),
        summary == null ? null : json.readTree(summary));
  }

  private static long counter(JsonNode counters, String name) {
    JsonNode value = counters == null ? null : counters.get(name);
    return value != null && value.isNumber() ? value.asLong() : 0;
  }

  static LocalDate utcDate(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The workspace's (or one agent's) totals per day in [from, to]; from null means all. */
  TreeMap<LocalDate, RunTotals> byDay(
      UUID workspaceId, UUID agentId, LocalDate from, LocalDate to) {
    TreeMap<LocalDate, RunTotals> days = new TreeMap<>();
    Range range = range(workspaceId, agentId, from, to);
    jdbc.sql(
            "select run_day, "
                + RunTotals.SUMS
                + " from daily_totals"
                + range.where
                + " group by run_day")
        .params(range.params)
        .query((ResultSet rs) -> {
          days.put(rs.getObject(1, LocalDate.class), RunTotals.read(rs, 2));
        });
    return days;
  }

  /** The workspace's totals per agent in [from, to]; from null means all. */
  Map<UUID, RunTotals> byAgent(UUID workspaceId, LocalDate from, LocalDate to) {
    Map<UUID, RunTotals> agents = new HashMap<>();
    Range range = range(workspaceId, null, from, to);
    jdbc.sql(
            "select agent_id, "
                + RunTotals.SUMS
                + " from daily_totals"
                + range.where
                + " group by agent_id")
        .params(range.params)
        .query((ResultSet rs) -> {
          agents.put(rs.getObject(1, UUID.class), RunTotals.read(rs, 2));
        });
    return agents;
  }

  private record Range(String where, List<Object> params) {}

  private static Range range(UUID workspaceId, UUID agentId, LocalDate from, LocalDate to) {
    StringBuilder where = new StringBuilder(" where workspace_id = ? and run_day <= ?");
    List<Object> params = new ArrayList<>(List.of(workspaceId, to));
    if (agentId != null) {
      where.append(" and agent_id = ?");
      params.add(agentId);
    }
    if (from != null) {
      where.append(" and run_day >= ?");
      params.add(from);
    }
    return new Range(where.toString(), params);
  }
}
