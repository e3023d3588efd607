package dev.switchboard.crm;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A contact's timeline: notes, emails sent, tags changed, enrichment … */
@Service
public class Activities {

  private final JdbcClient jdbc;
  private final Clock clock;

  Activities(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(UUID ws, UUID contactId, String type, String text, UUID executionId) {
    String t = text.length() > 2000 ? text.substring(0, 2000) : text;
    jdbc.sql(
            """
            insert into activities (id, workspace_id, contact_id, type, content, execution_id,
              created_at) values (?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(UUID.randomUUID(), ws, contactId, type, t, executionId, Rows.utc(clock.instant()))
        .update();
  }

  /** Newest first; the whole workspace when {@code contactId} is null. */
  List<Map<String, Object>> list(UUID ws, UUID contactId) {
    String where = contactId == null ? "" : " and contact_id = ?";
    List<Object> params = contactId == null ? List.of(ws) : List.of(ws, contactId);
    return jdbc.sql(
            "select * from activities where workspace_id = ?"
                + where
                + " order by created_at desc, id limit 500")
        .params(params)
        .query((rs, i) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", Rows.uuid(rs, "id").toString());
          m.put("contactId", Rows.uuid(rs, "contact_id").toString());
          m.put("type", rs.getString("type"));
          m.put("text", rs.getString("content"));
          m.put("executionId", Rows.str(Rows.uuid(rs, "execution_id")));
          m.put("createdAt", Rows.instant(rs, "created_at").toString());
          return m;
        })
        .list();
  }

  /** A contact's timeline keeps what purged runs did to it, no longer linked to them. */
  public void forgetRuns(UUID ws, Collection<UUID> executionIds) {
    jdbc.sql(
            "update activities set execution_id = null where workspace_id = :ws"
                + " and execution_id in (:ids)")
        .param("ws", ws)
        .param("ids", executionIds)
        .update();
  }
}
