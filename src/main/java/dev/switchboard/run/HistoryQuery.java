package dev.switchboard.run;

import dev.switchboard.api.ApiException;
import dev.switchboard.sql.Like;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Filters of the history list: status, date range (from/to or 24h|7d|30d), search, page. */
public record HistoryQuery(
    ExecutionStatus status, Instant from, Instant to, String search, int page) {

  public static final int PAGE_SIZE = 50;

  /** How many of the scope's newest runs a substring search reads. */
  static final int SUBSTRING_WINDOW = 10_000;

  /** Up to how many runs of a term the search names by id. */
  static final int TERM_HITS = 1_000;

  private static final Map<String, Duration> RANGES =
      Map.of("24h", Duration.ofHours(24), "7d", Duration.ofDays(7), "30d", Duration.ofDays(30));

  /**
   * The filters as a SQL where clause over {@code executions e}, with its parameters; {@code
   * bounded} when few rows can match (a search whose term is on up to {@link #TERM_HITS} runs:
   * those ids, one id and the newest {@link #SUBSTRING_WINDOW} runs), so reading them all costs no
   * more than counting them.
   */
  record Where(String clause, List<Object> params, boolean bounded) {}

  /**
   * The rows these filters select, in one place: the history list and the export read the same
   * rows. {@code agentId} null means the whole workspace.
   */
  Where where(JdbcClient jdbc, UUID workspaceId, UUID agentId) {
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
    if (search == null) {
      return new Where(where.toString(), params, false);
    }
    List<UUID> termHits = termHits(jdbc, workspaceId);
    searchClause(workspaceId, termHits, windowStart(jdbc, workspaceId, agentId), where, params);
    return new Where(where.toString(), params, termHits.size() <= TERM_HITS);
  }

  /**
   * Story 3.14's search, without reading every run's text: a whole e-mail address, tag, template or
   * contact name is an index lookup at any age ({@link SearchTerms}); an execution id is a key
   * lookup; a literal substring of the trigger, agent name, error, steps (params and results) or
   * trigger context is looked for among the scope's newest {@link #SUBSTRING_WINDOW} runs (created
   * at or after {@code windowStart}), the ones the newest-first pages show first anyway.
   */
  private void searchClause(
      UUID workspaceId,
      List<UUID> termHits,
      Instant windowStart,
      StringBuilder where,
      List<Object> params) {
    // The ids and the bound are worked out before: as literals both databases look the rows up by
    // key and by date (H2 would run an IN's subquery again for every row it checks, PostgreSQL
    // would walk the whole range probing a hashed subquery). A term on more runs than that stays a
    // subquery; its matches are dense, so the newest-first walk fills a page soon.
    if (termHits.size() <= TERM_HITS) {
      where.append(" and (e.id in (");
      where.append(termHits.isEmpty() ? "null" : "?" + ", ?".repeat(termHits.size() - 1));
      where.append(")");
      params.addAll(termHits);
    } else {
      where.append(
          " and (e.id in (select t.execution_id from execution_search_terms t"
              + " where t.workspace_id = ? and t.term = ?)");
      params.add(workspaceId);
      params.add(SearchTerms.normalise(search));
    }
    uuid(search)
        .ifPresent(id -> {
          where.append(" or e.id = ?");
          params.add(id);
        });
    where.append(
        " or (e.created_at >= ? and (lower(e.triggered_by) like ? or lower(e.agent_name) like ?"
            + " or lower(coalesce(e.error, '')) like ? or cast(e.id as varchar(36)) like ?"
            + " or lower(coalesce(e.steps, '')) like ?"
            + " or lower(coalesce(e.trigger_context, '')) like ?)))");
    String like = Like.contains(search);
    params.add(ExecutionStore.utc(windowStart));
    params.addAll(List.of(like, like, like, Like.prefix(search), like, like));
  }

  /** The runs with the search as a whole term, up to one more than {@link #TERM_HITS}. */
  private List<UUID> termHits(JdbcClient jdbc, UUID workspaceId) {
    return jdbc.sql(
            "select execution_id from execution_search_terms where workspace_id = ? and term = ?"
                + " limit ?")
        .params(workspaceId, SearchTerms.normalise(search), TERM_HITS + 1)
        .query(UUID.class)
        .list();
  }

  /** When the scope's {@link #SUBSTRING_WINDOW}-th newest run was created (all when fewer). */
  private static Instant windowStart(JdbcClient jdbc, UUID workspaceId, UUID agentId) {
    List<Object> params = new ArrayList<>(List.of(workspaceId));
    if (agentId != null) {
      params.add(agentId);
    }
    params.add(SUBSTRING_WINDOW - 1);
    return jdbc.sql(
            "select y.created_at from executions y where y.workspace_id = ?"
                + (agentId == null ? "" : " and y.agent_id = ?")
                + " order by y.created_at desc limit 1 offset ?")
        .params(params)
        .query((rs, i) -> ExecutionStore.instant(rs, "created_at"))
        .optional()
        .orElse(Instant.EPOCH);
  }

  private static Optional<UUID> uuid(String text) {
    if (text.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
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
