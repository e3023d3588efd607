package dev.switchboard.integration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Integration rows as stored: plain settings as JSON, the secret as ciphertext. */
@Repository
class IntegrationStore {

  record Row(
      UUID workspaceId,
      IntegrationKind kind,
      Map<String, Object> settings,
      String sealedSecret,
      Instant updatedAt) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  IntegrationStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<Row> find(UUID workspaceId, IntegrationKind kind) {
    return jdbc.sql(
            """
            select settings, secrets, updated_at from integrations
            where workspace_id = ? and kind = ?\
            """)
        .params(workspaceId, kind.wireName())
        .query((rs, i) ->
            new Row(
                workspaceId,
                kind,
                json.readValue(rs.getString(1), new TypeReference<Map<String, Object>>() {}),
                rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** Writes the row, replacing what was there (update first, insert if there was nothing). */
  void put(Row row, UUID by) {
    String settings = json.writeValueAsString(row.settings());
    OffsetDateTime at = row.updatedAt().atOffset(ZoneOffset.UTC);
    if (update(row, by, settings, at) > 0) {
      return;
    }
    try {
      jdbc.sql(
              """
              insert into integrations (workspace_id, kind, settings, secrets, updated_by, updated_at)
              values (?, ?, ?, ?, ?, ?)\
              """)
          .params(row.workspaceId(), row.kind().wireName(), settings, row.sealedSecret(), by, at)
          .update();
    } catch (DuplicateKeyException concurrentInsert) {
      update(row, by, settings, at);
    }
  }

  private int update(Row row, UUID by, String settings, OffsetDateTime at) {
    return jdbc.sql(
            """
            update integrations set settings = ?, secrets = ?, updated_by = ?, updated_at = ?
            where workspace_id = ? and kind = ?\
            """)
        .params(settings, row.sealedSecret(), by, at, row.workspaceId(), row.kind().wireName())
        .update();
  }

  boolean delete(UUID workspaceId, IntegrationKind kind) {
    return jdbc.sql("delete from integrations where workspace_id = ? and kind = ?")
            .params(workspaceId, kind.wireName())
            .update()
        > 0;
  }
}
