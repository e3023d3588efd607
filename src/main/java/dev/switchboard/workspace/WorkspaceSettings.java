package dev.switchboard.workspace;

import dev.switchboard.api.ApiException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A workspace's own settings: its name and how long it keeps finished runs. */
@Service
public class WorkspaceSettings {

  /** The retention periods a workspace may choose, in days. */
  public static final Set<Integer> RETENTION_DAYS = Set.of(30, 365);

  /** How long one workspace keeps finished runs. */
  public record Retention(UUID workspaceId, int days) {}

  /** A workspace's settings as shown to its members. */
  public record View(UUID id, String name, int retentionDays) {}

  private final JdbcClient jdbc;

  WorkspaceSettings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  View view(UUID workspaceId) {
    return jdbc.sql("select id, name, retention_days from workspaces where id = ?")
        .param(workspaceId)
        .query((rs, i) -> new View(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)))
        .single();
  }

  void update(UUID workspaceId, String name, Integer retentionDays) {
    if (name != null) {
      if (name.isBlank() || name.length() > 200) {
        throw ApiException.invalid("name", "Workspace name is required (at most 200 characters)");
      }
      jdbc.sql("update workspaces set name = ? where id = ?")
          .params(name.strip(), workspaceId)
          .update();
    }
    if (retentionDays != null) {
      if (!RETENTION_DAYS.contains(retentionDays)) {
        throw ApiException.invalid("retentionDays", "retentionDays must be 30 or 365");
      }
      jdbc.sql("update workspaces set retention_days = ? where id = ?")
          .params(retentionDays, workspaceId)
          .update();
    }
  }

  /** Every workspace's retention, for the daily purge. */
  public List<Retention> retentions() {
    return jdbc.sql("select id, retention_days from workspaces order by id")
        .query((rs, i) -> new Retention(rs.getObject(1, UUID.class), rs.getInt(2)))
        .list();
  }
}
