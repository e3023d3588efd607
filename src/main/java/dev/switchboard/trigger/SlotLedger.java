package dev.switchboard.trigger;

import dev.switchboard.agent.AgentTrigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The slot ledger ({@code schedule_slots}): one row per (trigger, slot time). Inserting the row is
 * the claim; its primary key lets one node only record, and so fire, a slot.
 */
@Repository
class SlotLedger {

  /** One row as the API lists it. */
  record Slot(
      UUID triggerId, Instant slotAt, SlotOutcome outcome, String reason, UUID executionId) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  SlotLedger(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** The newest slot recorded for each of the triggers that has one, in one query. */
  Map<UUID, Instant> last(Collection<UUID> triggerIds) {
    if (triggerIds.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Instant> last = new HashMap<>();
    jdbc.sql(
            "select trigger_id, max(slot_at) from schedule_slots where trigger_id in (:ids)"
                + " group by trigger_id")
        .param("ids", triggerIds)
        .query(rs -> {
          last.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant());
        });
    return last;
  }

  /** A slot to record: its trigger, time, outcome and (once settled) run. */
  record Entry(
      AgentTrigger trigger, Instant slotAt, SlotOutcome outcome, String reason, UUID executionId) {}

  /**
   * Records the slots in one batch; throws {@link org.springframework.dao.DuplicateKeyException}
   * when another node recorded one of them first.
   */
  void recordAll(List<Entry> entries, Instant at) {
    if (entries.isEmpty()) {
      return;
    }
    template.batchUpdate(
        """
        insert into schedule_slots (trigger_id, slot_at, workspace_id, agent_id, outcome,
        reason, execution_id, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)\
        """,
        entries.stream()
            .map(e ->
                new Object[] {
                  e.trigger().trigger().id(),
                  utc(e.slotAt()),
                  e.trigger().workspaceId(),
                  e.trigger().agentId(),
                  e.outcome().wireName(),
                  e.reason(),
                  e.executionId(),
                  utc(at)
                })
            .toList());
  }

  /** Sets the outcome of slots this node recorded, in one batch. */
  void settleAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    template.batchUpdate(
        "update schedule_slots set outcome = ?, reason = ?, execution_id = ?"
            + " where trigger_id = ? and slot_at = ?",
        entries.stream()
            .map(e ->
                new Object[] {
                  e.outcome().wireName(),
                  e.reason(),
                  e.executionId(),
                  e.trigger().trigger().id(),
                  utc(e.slotAt())
                })
            .toList());
  }

  /** An agent's slots between {@code from} and {@code to}, newest first. */
  List<Slot> of(UUID workspaceId, UUID agentId, Instant from, Instant to, int limit) {
    return jdbc.sql(
            """
            select trigger_id, slot_at, outcome, reason, execution_id from schedule_slots
            where workspace_id = ? and agent_id = ? and slot_at >= ? and slot_at <= ?
            order by slot_at desc, trigger_id limit ?\
            """)
        .params(workspaceId, agentId, utc(from), utc(to), limit)
        .query(SlotLedger::map)
        .list();
  }

  private static Slot map(ResultSet rs, int row) throws SQLException {
    return new Slot(
        rs.getObject("trigger_id", UUID.class),
        rs.getObject("slot_at", OffsetDateTime.class).toInstant(),
        SlotOutcome.valueOf(rs.getString("outcome").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("reason"),
        rs.getObject("execution_id", UUID.class));
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
