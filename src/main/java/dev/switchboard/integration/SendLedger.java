package dev.switchboard.integration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
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

  /** What claiming an email within the agent's daily limit came to. */
  public enum EmailClaim {
    CLAIMED,
    /** This run, step and contact claimed it before. */
    TAKEN,
    OVER_LIMIT
  }

  /**
   * Claims an email and one unit of the agent's quota for the day together, or neither: the quota
   * row is taken with {@code used < limit} in the same statement, which the database serialises, so
   * concurrent claims cannot both pass the last free unit.
   */
  public EmailClaim claimEmail(Claim claim, Instant now, int limit) {
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    openQuota(claim.agentId(), day);
    try {
      return ownTransaction.execute(tx -> {
        int taken =
            jdbc.sql(
                    "update email_quota set used = used + 1"
                        + " where agent_id = ? and sent_on = ? and used < ?")
                .params(claim.agentId(), day, limit)
                .update();
        if (taken == 0) {
          return EmailClaim.OVER_LIMIT;
        }
        insertClaim(Book.EMAILS, claim, now);
        return EmailClaim.CLAIMED;
      });
    } catch (DuplicateKeyException e) {
      return EmailClaim.TAKEN;
    }
  }

  /** The day's quota row, started from the emails the ledger already holds for that day. */
  private void openQuota(UUID agentId, LocalDate day) {
    boolean open =
        jdbc.sql("select count(*) from email_quota where agent_id = ? and sent_on = ?")
                .params(agentId, day)
                .query(Long.class)
                .single()
            > 0;
    if (open) {
      return;
    }
    OffsetDateTime start = day.atStartOfDay().atOffset(ZoneOffset.UTC);
    try {
      ownTransaction.executeWithoutResult(tx ->
          jdbc.sql(
                  """
                  insert into email_quota (agent_id, sent_on, used) select ?, ?, count(*)
                  from sent_emails where agent_id = ? and claimed_at >= ? and claimed_at < ?\
                  """)
              .params(agentId, day, agentId, start, start.plusDays(1))
              .update());
    } catch (DuplicateKeyException e) {
      // Another claim opened it first.
    }
  }

  /** Commits the claim; false when the message was claimed already. */
  public boolean claim(Book book, Claim claim, Instant now) {
    try {
      ownTransaction.executeWithoutResult(tx -> insertClaim(book, claim, now));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  private void insertClaim(Book book, Claim claim, Instant now) {
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
        .update();
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

  /**
   * Gives the claim up: the message certainly did not leave, a later attempt may send it. An
   * email's unit of the daily quota is given back with it.
   */
  public void release(Book book, Claim claim) {
    ownTransaction.executeWithoutResult(tx -> {
      Optional<OffsetDateTime> claimedAt =
          jdbc.sql(
                  "select claimed_at from "
                      + book.table
                      + " where execution_id = ? and step = ? and contact_key = ?"
                      + " and status = 'claimed'")
              .params(claim.executionId(), claim.step(), claim.contactKey())
              .query(OffsetDateTime.class)
              .optional();
      int released =
          jdbc.sql(
                  "delete from "
                      + book.table
                      + " where execution_id = ? and step = ? and contact_key = ?"
                      + " and status = 'claimed'")
              .params(claim.executionId(), claim.step(), claim.contactKey())
              .update();
      if (book == Book.EMAILS && released == 1 && claimedAt.isPresent()) {
        jdbc.sql(
                "update email_quota set used = used - 1"
                    + " where agent_id = ? and sent_on = ? and used > 0")
            .params(
                claim.agentId(),
                claimedAt.get().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())
            .update();
      }
    });
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

  /**
   * Drops purged runs' claims and their agents' daily counts from before {@code before}: a claim
   * guards a resumed run against sending twice and a count is read on its own day, so neither is
   * needed once the run is gone.
   */
  public void forgetRuns(UUID workspaceId, Collection<UUID> executionIds, LocalDate before) {
    jdbc.sql(
            """
            delete from email_quota where sent_on < :before and agent_id in (
              select agent_id from sent_emails where workspace_id = :ws and execution_id in (:ids))\
            """)
        .param("before", before)
        .param("ws", workspaceId)
        .param("ids", executionIds)
        .update();
    for (Book book : Book.values()) {
      jdbc.sql("delete from " + book.table + " where workspace_id = :ws and execution_id in (:ids)")
          .param("ws", workspaceId)
          .param("ids", executionIds)
          .update();
    }
  }
}
