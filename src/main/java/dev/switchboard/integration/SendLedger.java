package dev.switchboard.integration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims for messages sent to the outside ({@code sent_emails}, {@code linkedin_invitations}): a
 * claim is committed on its own before the message leaves, so a run resumed after a crash finds it
 * and never sends the same step's message to the same contact twice. The rows also count what was
 * sent today against the daily limits.
 */
@Repository
public class SendLedger {

  /** The two ledgers. */
  public enum Book {
    EMAILS("sent_emails"),
    LINKEDIN("linkedin_invitations");

    private final String table;

    Book(String table) {
      this.table = table;
    }
  }

  /** Where a claim stands. */
  public enum State {
    /** Claimed, but the send never confirmed: it may or may not have left. */
    CLAIMED,
    SENT;
  }

  /** One message: the run, the step and the contact identify it. */
  public record Claim(
      UUID workspaceId,
      UUID agentId,
      UUID userId,
      UUID executionId,
      int step,
      String contactKey,
      String recipient) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;

  SendLedger(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public Optional<State> state(Book book, Claim claim) {
    return jdbc.sql(
            "select status from "
                + book.table
                + " where execution_id = ? and step = ? and contact_key = ?")
        .params(claim.executionId(), claim.step(), claim.contactKey())
        .query(String.class)
        .optional()
        .map(s -> "sent".equals(s) ? State.SENT : State.CLAIMED);
  }

  /** Commits the claim; false when the message was claimed already. */
  public boolean claim(Book book, Claim claim, Instant now) {
    try {
      ownTransaction.executeWithoutResult(tx ->
          jdbc.sql(
                  "insert into "
                      + book.table
                      + """
                       (execution_id, step, contact_key, workspace_id, agent_id, user_id,
                       recipient, status, claimed_at) values (?, ?, ?, ?, ?, ?, ?, 'claimed', ?)\
                      """)
              .params(
                  claim.executionId(),
                  claim.step(),
                  claim.contactKey(),
                  claim.workspaceId(),
                  claim.agentId(),
                  claim.userId(),
                  claim.recipient(),
                  utc(now))
              .update());
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  public void markSent(Book book, Claim claim, Instant now) {
    ownTransaction.executeWithoutResult(tx ->
        jdbc.sql(
                "update "
                    + book.table
                    + " set status = 'sent', sent_at = ?"
                    + " where execution_id = ? and step = ? and contact_key = ?")
            .params(utc(now), claim.executionId(), claim.step(), claim.contactKey())
            .update());
  }

  /** Gives the claim up: the message certainly did not leave, a later attempt may send it. */
  public void release(Book book, Claim claim) {
    ownTransaction.executeWithoutResult(tx ->
        jdbc.sql(
                "delete from "
                    + book.table
                    + " where execution_id = ? and step = ? and contact_key = ? and status = 'claimed'")
            .params(claim.executionId(), claim.step(), claim.contactKey())
            .update());
  }

  /** Messages an agent claimed or sent since {@code since}. */
  public long countByAgent(Book book, UUID agentId, Instant since) {
    return jdbc.sql(
            "select count(*) from " + book.table + " where agent_id = ? and claimed_at >= ?")
        .params(agentId, utc(since))
        .query(Long.class)
        .single();
  }

  /** Messages sent for a workspace user (by any of their agents) since {@code since}. */
  public long countByUser(Book book, UUID workspaceId, UUID userId, Instant since) {
    return jdbc.sql(
            "select count(*) from "
                + book.table
                + " where workspace_id = ? and user_id = ? and claimed_at >= ?")
        .params(workspaceId, userId, utc(since))
        .query(Long.class)
        .single();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
