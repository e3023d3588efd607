package dev.switchboard.integration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The emails of workspaces whose email integration is the {@code outbox} provider: stored instead
 * of sent, readable on the Outbox page.
 */
@Repository
public class CaughtEmails {

  /** One caught email, as the Outbox page and API show it. */
  record CaughtEmail(
      UUID id,
      UUID executionId,
      String from,
      String to,
      String subject,
      String body,
      Instant caughtAt) {}

  /** The email provider whose messages are caught here. */
  static final String PROVIDER = "outbox";

  private final JdbcClient jdbc;

  CaughtEmails(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether the email integration keeps its messages here instead of sending them. */
  public static boolean catches(Integration email) {
    return PROVIDER.equals(email.text("provider"));
  }

  public void keep(
      UUID workspaceId,
      UUID executionId,
      String from,
      String to,
      String subject,
      String body,
      Instant at) {
    jdbc.sql(
            "insert into caught_emails (id, workspace_id, execution_id, sender, recipient, subject,"
                + " body, caught_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID(),
            workspaceId,
            executionId,
            from,
            to,
            subject,
            body,
            OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .update();
  }

  /** The workspace's newest caught emails first. */
  List<CaughtEmail> newest(UUID workspaceId, int limit) {
    return jdbc.sql(
            "select id, execution_id, sender, recipient, subject, body, caught_at from caught_emails"
                + " where workspace_id = ? order by caught_at desc, id limit ?")
        .params(workspaceId, limit)
        .query((rs, n) ->
            new CaughtEmail(
                rs.getObject("id", UUID.class),
                rs.getObject("execution_id", UUID.class),
                rs.getString("sender"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getObject("caught_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** The Outbox keeps what purged runs "sent", no longer linked to them. */
  public void forgetRuns(UUID workspaceId, Collection<UUID> executionIds) {
    jdbc.sql(
            "update caught_emails set execution_id = null where workspace_id = :ws"
                + " and execution_id in (:ids)")
        .param("ws", workspaceId)
        .param("ids", executionIds)
        .update();
  }
}
