package dev.switchboard.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Agents' triggers in {@code agent_triggers}, one row each, kept in the agent's order. */
@Repository
class TriggerStore {

  private static final String COLUMNS = "id, workspace_id, agent_id, definition, created_at";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  TriggerStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  List<TriggerDefinition> of(UUID workspaceId, UUID agentId) {
    return jdbc
        .sql(
            "select "
                + COLUMNS
                + " from agent_triggers where workspace_id = ? and agent_id = ? order by position")
        .params(workspaceId, agentId)
        .query(this::map)
        .list()
        .stream()
        .map(AgentTrigger::trigger)
        .toList();
  }

  /** Triggers of one type on agents that are not archived. */
  List<AgentTrigger> active(String type) {
    return jdbc.sql(
            "select t.id, t.workspace_id, t.agent_id, t.definition, t.created_at"
                + " from agent_triggers t join agents a on a.id = t.agent_id"
                + " where t.type = ? and a.status <> 'archived' order by t.created_at, t.id")
        .params(type)
        .query(this::map)
        .list();
  }

  /** Triggers of one type on one workspace's agents that are not archived. */
  List<AgentTrigger> active(UUID workspaceId, String type) {
    return jdbc.sql(
            "select t.id, t.workspace_id, t.agent_id, t.definition, t.created_at"
                + " from agent_triggers t join agents a on a.id = t.agent_id"
                + " where t.workspace_id = ? and t.type = ? and a.status <> 'archived'"
                + " order by t.agent_id, t.position")
        .params(workspaceId, type)
        .query(this::map)
        .list();
  }

  Optional<AgentTrigger> find(UUID triggerId) {
    return jdbc.sql("select " + COLUMNS + " from agent_triggers where id = ?")
        .params(triggerId)
        .query(this::map)
        .optional();
  }

  /**
   * Makes the agent's triggers {@code triggers}: kept ids are updated in place (their history and
   * secrets stay; a changed definition counts as defined {@code at}), others removed; answers the
   * ids that are new.
   */
  List<UUID> replace(UUID workspaceId, UUID agentId, List<TriggerDefinition> triggers, Instant at) {
    List<UUID> keep = triggers.stream().map(TriggerDefinition::id).toList();
    for (UUID existing : ids(workspaceId, agentId)) {
      if (!keep.contains(existing)) {
        jdbc.sql("delete from agent_triggers where id = ?").params(existing).update();
      }
    }
    List<UUID> added = new java.util.ArrayList<>();
    for (int i = 0; i < triggers.size(); i++) {
      TriggerDefinition t = triggers.get(i);
      String definition = json.writeValueAsString(TriggerJson.write(t));
      Optional<AgentTrigger> stored =
          find(t.id())
              .filter(s -> s.workspaceId().equals(workspaceId))
              .filter(s -> s.agentId().equals(agentId));
      if (stored.isPresent()) {
        // A changed definition starts afresh: its schedule counts slots from this edit, not
        // from the old definition's last slot (which would fake missed slots and a catch-up run).
        boolean changed =
            !json.writeValueAsString(TriggerJson.write(stored.get().trigger())).equals(definition);
        Instant definedAt = changed ? at : stored.get().definedAt();
        jdbc.sql(
                "update agent_triggers set position = ?, definition = ?, created_at = ?"
                    + " where workspace_id = ? and agent_id = ? and id = ?")
            .params(i, definition, definedAt.atOffset(ZoneOffset.UTC), workspaceId, agentId, t.id())
            .update();
      } else {
        jdbc.sql(
                "insert into agent_triggers (id, workspace_id, agent_id, position, type,"
                    + " definition, created_at) values (?, ?, ?, ?, ?, ?, ?)")
            .params(
                t.id(), workspaceId, agentId, i, t.type(), definition, at.atOffset(ZoneOffset.UTC))
            .update();
        added.add(t.id());
      }
    }
    return added;
  }

  private List<UUID> ids(UUID workspaceId, UUID agentId) {
    return jdbc.sql("select id from agent_triggers where workspace_id = ? and agent_id = ?")
        .params(workspaceId, agentId)
        .query(UUID.class)
        .list();
  }

  private AgentTrigger map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    return new AgentTrigger(
        rs.getObject("workspace_id", UUID.class),
        rs.getObject("agent_id", UUID.class),
        TriggerJson.stored(id, json.readValue(rs.getString("definition"), Object.class)),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
