package dev.switchboard.run;

import dev.switchboard.api.ApiException;
import dev.switchboard.sql.Like;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Filters of the history list: status, date range (from/to or 24h|7d|30d), search, page. */
public record HistoryQuery(
    ExecutionStatus status, Instant from, Instant to, String search, int page) {

  public static final int PAGE_SIZE = 50;

  private static final Map<String, Duration> RANGES =
      Map.of("24h", Duration.ofHours(24), "7d", Duration.ofDays(7), "30d", Duration.ofDays(30));

  /** The filters as a SQL where clause over {@code executions e}, with its parameters. */
  record Where(String clause, List<Object> params) {}

  /**
   * The rows these filters select, in one place: the history list and the export read the same
   * rows. {@code agentId} null means the whole workspace.
   */
  Where where(UUID workspaceId, UUID agentId) {
    StringBuilder where = new StringBuilder(" where e.workspace_id = ?");
    List<Object> params = new ArrayList<>(List.of(workspaceId));
    if (agentId != null) {
      where.append(" and e.agent_id = ?");
      params.add(agentId);
    }
    if (status != null) {
      where.append(" and e.status = ?");
      params.add(status.wireName());
    }
    if (from != null) {
      where.append(" and e.created_at >= ?");
      params.add(ExecutionStore.utc(from));
    }
    if (to != null) {
      where.append(" and e.created_at < ?");
      params.add(ExecutionStore.utc(to));
    }
    if (search != null) {
      // Steps hold what the run did (params with template names and tags, results with the
      // addresses emailed), the trigger context the contact it ran for: story 3.14's search.
      where.append(
          " and (lower(e.triggered_by) like ? or lower(e.agent_name) like ?"
              + " or lower(coalesce(e.error, '')) like ? or cast(e.id as varchar(36)) like ?"
              + " or lower(coalesce(e.steps, '')) like ?"
              + " or lower(coalesce(e.trigger_context, '')) like ?)");
      String like = Like.contains(search);
      params.addAll(List.of(like, like, like, Like.prefix(search), like, like));
    }
    return new Where(where.toString(), params);
  }

  /** Reads the query parameters, naming the one that is wrong. */
  public static HistoryQuery parse(
      String status,
      String from,
      String to,
      String range,
      String search,
      Integer page,
      Instant now) {
    ExecutionStatus s =
        status == null || status.isBlank()
            ? null
            : ExecutionStatus.fromWireName(status)
                .orElseThrow(
                    () -> ApiException.invalid("status", "Unknown status '" + status + "'"));
    Instant start = instant("from", from);
    if (range != null && !range.isBlank()) {
      Duration d = RANGES.get(range);
      if (d == null) {
        throw ApiException.invalid("range", "range must be 24h, 7d or 30d");
      }
      start = now.minus(d);
    }
    int p = page == null ? 1 : page;
    if (p < 1 || p > 100_000) {
      throw ApiException.invalid("page", "page must be 1 or more");
    }
    String term = search == null || search.isBlank() ? null : search.strip();
    if (term != null && term.length() > 200) {
      throw ApiException.invalid("search", "search is too long");
    }
    return new HistoryQuery(s, start, instant("to", to), term, p);
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException again) {
        throw ApiException.invalid(field, field + " must be an ISO date or instant");
      }
    }
  }
}
