package dev.switchboard.notification;

import dev.switchboard.sql.AfterCommit;
import dev.switchboard.workspace.Member;
import dev.switchboard.workspace.WorkspaceAccess;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** In-app notifications: the bell in the header. */
@Service
public class Notifier {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final WorkspaceAccess access;
  private final ApplicationEventPublisher events;

  Notifier(JdbcClient jdbc, Clock clock, WorkspaceAccess access, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.access = access;
    this.events = events;
  }

  /** Tells one member of the workspace; the bell rings once the row is committed. */
  public void notify(UUID workspaceId, UUID userId, String kind, String message, String link) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into notifications (id, workspace_id, user_id, kind, message, link, created_at)
            values (?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            id, workspaceId, userId, kind, message, link, clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    NotificationCreated created =
        new NotificationCreated(workspaceId, userId, id, kind, message, link);
    AfterCommit.run(() -> events.publishEvent(created));
  }

  /** Tells every owner of the workspace (auto-pauses, limits, parse failures). */
  public void notifyOwners(UUID workspaceId, String kind, String message, String link) {
    for (Member owner : access.owners(workspaceId)) {
      notify(workspaceId, owner.userId(), kind, message, link);
    }
  }

  List<Map<String, Object>> recent(UUID workspaceId, UUID userId) {
    return jdbc.sql(
            """
            select id, kind, message, link, created_at, read_at from notifications
            where workspace_id = ? and user_id = ? order by created_at desc limit 50\
            """)
        .params(workspaceId, userId)
        .query((rs, i) -> {
          Map<String, Object> n = new java.util.LinkedHashMap<>();
          n.put("id", rs.getObject("id", UUID.class));
          n.put("kind", rs.getString("kind"));
          n.put("message", rs.getString("message"));
          n.put("link", rs.getString("link"));
          n.put(
              "createdAt", rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
          n.put("read", rs.getObject("read_at") != null);
          return n;
        })
        .list();
  }

  long unread(UUID workspaceId, UUID userId) {
    return jdbc.sql(
            "select count(*) from notifications where workspace_id = ? and user_id = ? and read_at is null")
        .params(workspaceId, userId)
        .query(Long.class)
        .single();
  }

  void markRead(UUID workspaceId, UUID userId) {
    jdbc.sql(
            "update notifications set read_at = ? where workspace_id = ? and user_id = ? and read_at is null")
        .params(clock.instant().atOffset(ZoneOffset.UTC), workspaceId, userId)
        .update();
  }
}
