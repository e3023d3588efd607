package dev.switchboard.chat;

import dev.switchboard.run.ExecutionsPurged;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The chat_messages table: each workspace's conversation, in order. */
@Repository
class ChatMessages {

  private final JdbcClient jdbc;

  ChatMessages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(
      UUID workspaceId,
      ChatMessage.Author author,
      String text,
      String kind,
      UUID workOrderId,
      UUID executionId,
      Instant at) {
    jdbc.sql(
            """
            insert into chat_messages (workspace_id, author_user_id, author_email, text, kind,
            work_order_id, execution_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            workspaceId,
            author == null ? null : author.userId(),
            author == null ? null : author.email(),
            text,
            kind,
            workOrderId,
            executionId,
            at.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Up to {@code limit} messages before {@code before} (or the latest), oldest first. */
  List<ChatMessage> page(UUID workspaceId, Long before, int limit) {
    List<Object> params = new ArrayList<>(List.of(workspaceId));
    String where = " where workspace_id = ?";
    if (before != null) {
      where += " and seq < ?";
      params.add(before);
    }
    params.add(limit);
    List<ChatMessage> latest =
        new ArrayList<>(
            jdbc.sql(
                    """
                    select seq, author_user_id, author_email, text, kind, work_order_id,
                    execution_id, created_at from chat_messages\
                    """
                        + where
                        + " order by seq desc fetch first ? rows only")
                .params(params)
                .query((rs, i) -> {
                  UUID userId = rs.getObject(2, UUID.class);
                  return new ChatMessage(
                      rs.getLong(1),
                      userId == null ? null : new ChatMessage.Author(userId, rs.getString(3)),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getObject(6, UUID.class),
                      rs.getObject(7, UUID.class),
                      rs.getObject(8, OffsetDateTime.class).toInstant());
                })
                .list());
    Collections.reverse(latest);
    return latest;
  }

  /** The conversation keeps its messages about purged runs, no longer linked to them. */
  @EventListener
  void on(ExecutionsPurged purged) {
    jdbc.sql(
            "update chat_messages set execution_id = null where workspace_id = :ws"
                + " and execution_id in (:ids)")
        .param("ws", purged.workspaceId())
        .param("ids", purged.executionIds())
        .update();
  }
}
