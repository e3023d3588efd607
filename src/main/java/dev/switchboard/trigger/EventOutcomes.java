package dev.switchboard.trigger;

import dev.switchboard.crm.CrmEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What each CRM event did for each agent ({@code event_outcomes}, one row per pair). */
@Repository
class EventOutcomes {

  /** The outcomes of one event for one agent. */
  enum Outcome {
    /** A run was admitted and took the agent's slot. */
    STARTED,
    /** A run was admitted behind the agent's active run. */
    QUEUED,
    /** The trigger's condition was false: nothing started. */
    FILTERED,
    /** Not run: the agent was not live, or a limit refused it. */
    SKIPPED,
    /** The event came again for an agent that already had its outcome: nothing started. */
    DEDUPLICATED;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One row as the API shows it. */
  record Row(
      long eventId,
      String type,
      Instant at,
      UUID agentId,
      String outcome,
      UUID executionId,
      String detail,
      int redeliveries) {}

  private final JdbcClient jdbc;

  EventOutcomes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Whether this event was already handled for this agent; if so, counts this repeated delivery,
   * which then starts nothing.
   */
  boolean redelivered(long eventId, UUID agentId) {
    return jdbc.sql(
                "update event_outcomes set redeliveries = redeliveries + 1"
                    + " where event_id = ? and agent_id = ?")
            .params(eventId, agentId)
            .update()
        > 0;
  }

  void record(CrmEvent event, UUID agentId, Outcome outcome, UUID executionId, String detail) {
    jdbc.sql(
            """
            insert into event_outcomes (event_id, agent_id, workspace_id, event_type, event_at,
            outcome, execution_id, detail) values (?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            event.eventId(),
            agentId,
            event.workspaceId(),
            event.type(),
            event.at().atOffset(ZoneOffset.UTC),
            outcome.wireName(),
            executionId,
            detail)
        .update();
  }

  /** The outcomes of the workspace's {@code limit} latest events, optionally of one agent. */
  List<Row> recent(UUID workspaceId, UUID agentId, int limit) {
    String agent = agentId == null ? "" : " and agent_id = :agent";
    return jdbc.sql(
            "select event_id, event_type, event_at, agent_id, outcome, execution_id, detail,"
                + " redeliveries"
                + " from event_outcomes where workspace_id = :ws"
                + agent
                + " and event_id in (select event_id from event_outcomes where workspace_id = :ws"
                + agent
                + " group by event_id order by event_id desc limit :limit)"
                + " order by event_id desc, agent_id")
        .param("ws", workspaceId)
        .param("agent", agentId)
        .param("limit", limit)
        .query((rs, i) ->
            new Row(
                rs.getLong("event_id"),
                rs.getString("event_type"),
                rs.getObject("event_at", OffsetDateTime.class).toInstant(),
                rs.getObject("agent_id", UUID.class),
                rs.getString("outcome"),
                rs.getObject("execution_id", UUID.class),
                rs.getString("detail"),
                rs.getInt("redeliveries")))
        .list();
  }
}
