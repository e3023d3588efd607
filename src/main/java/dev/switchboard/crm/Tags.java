package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Tags of a workspace and which contacts carry them. Tags are created on first use. */
@Service
public class Tags {

  private final JdbcClient jdbc;
  private final Clock clock;

  /**
   * Runs one insert under a savepoint inside the caller's transaction: on PostgreSQL a failed
   * statement aborts the whole transaction, so a lost race must be rolled back to just before it.
   */
  private final TransactionTemplate savepoint;

  Tags(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  public static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  List<Map<String, Object>> list(UUID ws) {
    return jdbc.sql(
            """
            select t.id, t.name, t.created_at,
              (select count(*) from contact_tags ct where ct.tag_id = t.id) as contacts
            from tags t where t.workspace_id = ? order by t.name_lower\
            """)
        .param(ws)
        .query((rs, i) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", rs.getObject("id", UUID.class).toString());
          m.put("name", rs.getString("name"));
          m.put("contacts", rs.getLong("contacts"));
          m.put("createdAt", Rows.instant(rs, "created_at").toString());
          return m;
        })
        .list();
  }

  Map<String, Object> create(UUID ws, String name) {
    UUID id = ensure(ws, List.of(name)).get(key(name));
    return list(ws).stream()
        .filter(t -> id.toString().equals(t.get("id")))
        .findFirst()
        .orElseThrow();
  }

  void delete(UUID ws, UUID id) {
    if (jdbc.sql("delete from tags where workspace_id = ? and id = ?").params(ws, id).update()
        == 0) {
      throw ApiException.notFound("Tag");
    }
  }

  /** The ids of the named tags (by lowered name), creating the missing ones. */
  public Map<String, UUID> ensure(UUID ws, Collection<String> names) {
    Map<String, UUID> ids = new HashMap<>();
    for (String name : names) {
      String k = key(name);
      if (k.isEmpty() || ids.containsKey(k)) {
        continue;
      }
      ids.put(k, findOrCreate(ws, name.strip(), k));
    }
    return ids;
  }

  private UUID findOrCreate(UUID ws, String name, String k) {
    Optional<UUID> found = idOf(ws, k);
    if (found.isPresent()) {
      return found.get();
    }
    UUID id = UUID.randomUUID();
    if (insertUnlessPresent(
            "insert into tags (id, workspace_id, name, name_lower, created_at) values (?, ?, ?, ?, ?)",
            id,
            ws,
            name,
            k,
            Rows.utc(clock.instant()))
        == 1) {
      return id;
    }
    return idOf(ws, k).orElseThrow();
  }

  private Optional<UUID> idOf(UUID ws, String k) {
    return jdbc.sql("select id from tags where workspace_id = ? and name_lower = ?")
        .params(ws, k)
        .query(UUID.class)
        .optional();
  }

  /**
   * Inserts one row, or nothing when a concurrent transaction inserted the same key first (no ON
   * CONFLICT: H2 does not take it). Answers the rows inserted, 0 or 1.
   */
  private int insertUnlessPresent(String sql, Object... params) {
    try {
      Integer inserted = savepoint.execute(s -> jdbc.sql(sql).params(params).update());
      return inserted == null ? 0 : inserted;
    } catch (DuplicateKeyException raced) {
      return 0;
    }
  }

  /** Adds tags to a contact; answers how many it did not have yet. */
  public int attach(UUID contactId, Collection<UUID> tagIds) {
    int added = 0;
    for (UUID tagId : tagIds) {
      added +=
          insertUnlessPresent(
              """
              insert into contact_tags (contact_id, tag_id) select ?, ?
              where not exists (select 1 from contact_tags where contact_id = ? and tag_id = ?)\
              """,
              contactId,
              tagId,
              contactId,
              tagId);
    }
    return added;
  }

  /** Removes the named tags from a contact; answers how many it had. */
  public int detach(UUID ws, UUID contactId, Collection<String> names) {
    int removed = 0;
    for (String name : names) {
      removed +=
          jdbc.sql(
                  """
                  delete from contact_tags where contact_id = ? and tag_id in
                  (select id from tags where workspace_id = ? and name_lower = ?)\
                  """)
              .params(contactId, ws, key(name))
              .update();
    }
    return removed;
  }

  /** Replaces a contact's tags. */
  void replace(UUID ws, UUID contactId, Collection<String> names) {
    jdbc.sql("delete from contact_tags where contact_id = ?").param(contactId).update();
    attach(contactId, ensure(ws, names).values());
  }

  /** Tag names per contact, for many contacts at once (in chunks). */
  Map<UUID, List<String>> of(List<UUID> contactIds) {
    Map<UUID, List<String>> out = new HashMap<>();
    for (int from = 0; from < contactIds.size(); from += 500) {
      List<UUID> chunk = contactIds.subList(from, Math.min(from + 500, contactIds.size()));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.sql(
              "select ct.contact_id, t.name from contact_tags ct join tags t on t.id = ct.tag_id"
                  + " where ct.contact_id in ("
                  + marks
                  + ") order by t.name_lower")
          .params(new ArrayList<Object>(chunk))
          .query(rs -> {
            out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(rs.getString(2));
          });
    }
    return out;
  }
}
