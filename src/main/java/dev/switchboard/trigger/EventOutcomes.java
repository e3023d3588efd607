package dev.switchboard.trigger;

import dev.switchboard.crm.CrmEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
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
  private final JdbcTemplate template;

  EventOutcomes(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** An (event, agent) pair. */
  record Key(long eventId, UUID agentId) {}

  /** One outcome to record. */
  record Recorded(CrmEvent event, UUID agentId, Outcome outcome, UUID executionId, String detail) {}

  /**
   * Those of the pairs that were already handled, their repeated delivery counted: they start
   * nothing now. One read for all of them, and an update only for the repeated ones.
   */
  Set<Key> redelivered(List<Key> pairs) {
    Set<Key> asked = new HashSet<>(pairs);
    Set<Key> handled = new HashSet<>();
    jdbc
        .sql("select event_id, agent_id from event_outcomes where event_id in (:events)")
        .param("events", pairs.stream().map(Key::eventId).distinct().toList())
        .query((rs, i) -> new Key(rs.getLong(1), rs.getObject(2, UUID.class)))
        .list()
        .stream()
        .filter(asked::contains)
        .forEach(handled::add);
    if (!handled.isEmpty()) {
      template.batchUpdate(
          "update event_outcomes set redeliveries = redeliveries + 1"
              + " where event_id = ? and agent_id = ?",
          handled.stream().map(k -> new Object[] {k.eventId(), k.agentId()}).toList());
    }
    return handled;
  }

  void recordAll(List<Recorded> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    template.batchUpdate(
        """
        insert into event_outcomes (event_id, agent_id, workspace_id, event_type, event_at,
        outcome, execution_id, detail) values (?, ?, ?, ?, ?, ?, ?, ?)\
        """,
        outcomes.stream()
            .map(o ->
                new Object[] {
                  o.event().eventId(),
                  o.agentId(),
                  o.event().workspaceId(),
                  o.event().type(),
                  o.event().at().atOffset(ZoneOffset.UTC),
                  o.outcome().wireName(),
                  o.executionId(),
                  o.detail()
                })
            .toList());
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
