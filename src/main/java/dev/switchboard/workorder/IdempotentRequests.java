package dev.switchboard.workorder;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Membership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} (and chat's {@code clientMessageId}): the first answer to a key is stored
 * in the same transaction as what it created, so a repeat within 24 hours gets that answer back and
 * creates nothing. A concurrent repeat waits on the key's row and then replays. A repeat with a
 * different body answers 422 {@code IDEMPOTENCY_KEY_REUSED}.
 */
@Component
public class IdempotentRequests {

  static final Duration KEPT = Duration.ofHours(24);
  static final int MAX_KEY = 200;

  /** An answer as the API sends it: an HTTP status and its body. */
  public record Answer(int status, Object body) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final TransactionTemplate tx;
  private final TransactionTemplate savepoint;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  IdempotentRequests(
      JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.tx = new TransactionTemplate(transactions);
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /**
   * Runs {@code action} once per key; without a key it simply runs it. A refusal (an {@link
   * ApiException}) rolls back what the action did but is kept as the key's answer all the same.
   */
  public Answer once(Membership by, String key, Object request, Supplier<Answer> action) {
    if (key == null) {
      return action.get();
    }
    if (key.isBlank() || key.length() > MAX_KEY) {
      throw ApiException.invalid(
          "Idempotency-Key", "Idempotency-Key must be 1 to " + MAX_KEY + " characters");
    }
    String hash = hash(request);
    try {
      return tx.execute(status -> {
        Optional<Answer> replay = replay(by, key, hash);
        if (replay.isPresent()) {
          return replay.get();
        }
        claim(by, key, hash);
        Answer answer;
        try {
          answer = action.get();
        } catch (ApiException refused) {
          throw new Refusal(refused);
        }
        store(by, key, answer);
        return answer;
      });
    } catch (ClaimedMeanwhile raced) {
      return replayAfterRace(by, key, hash);
    } catch (Refusal refusal) {
      ApiException refused = refusal.refused;
      Answer answer =
          new Answer(
              refused.status().value(),
              ApiResponse.error(refused.code(), refused.getMessage(), refused.extras()));
      try {
        ownTransaction.executeWithoutResult(status -> {
          claim(by, key, hash);
          store(by, key, answer);
        });
      } catch (ClaimedMeanwhile raced) {
        return replayAfterRace(by, key, hash);
      }
      throw refused;
    }
  }

  private Answer replayAfterRace(Membership by, String key, String hash) {
    return replay(by, key, hash)
        .orElseThrow(() ->
            new ApiException(
                HttpStatus.CONFLICT,
                "IDEMPOTENCY_IN_PROGRESS",
                "A request with this Idempotency-Key is still in progress"));
  }

  private Optional<Answer> replay(Membership by, String key, String hash) {
    Optional<Stored> stored =
        jdbc.sql(
                """
                select request_hash, status, response, created_at from idempotent_requests
                where workspace_id = ? and user_id = ? and idem_key = ?\
                """)
            .params(by.workspaceId(), by.userId(), key)
            .query((rs, i) ->
                new Stored(
                    rs.getString(1),
                    rs.getObject(2, Integer.class),
                    rs.getString(3),
                    rs.getObject(4, OffsetDateTime.class).toInstant()))
            .optional();
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Stored s = stored.get();
    if (s.createdAt().isBefore(clock.instant().minus(KEPT))) {
      jdbc.sql(
              "delete from idempotent_requests where workspace_id = ? and user_id = ? and idem_key = ?")
          .params(by.workspaceId(), by.userId(), key)
          .update();
      return Optional.empty();
    }
    if (!s.hash().equals(hash)) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used for a different request");
    }
    return Optional.of(new Answer(s.status(), json.readValue(s.response(), JsonNode.class)));
  }

  private void claim(Membership by, String key, String hash) {
    try {
      savepoint.executeWithoutResult(status ->
          jdbc.sql(
                  """
                  insert into idempotent_requests (workspace_id, user_id, idem_key, request_hash,
                  created_at) values (?, ?, ?, ?, ?)\
                  """)
              .params(
                  by.workspaceId(),
                  by.userId(),
                  key,
                  hash,
                  clock.instant().atOffset(ZoneOffset.UTC))
              .update());
    } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
      throw new ClaimedMeanwhile();
    }
  }

  private void store(Membership by, String key, Answer answer) {
    jdbc.sql(
            """
            update idempotent_requests set status = ?, response = ?
            where workspace_id = ? and user_id = ? and idem_key = ?\
            """)
        .params(
            answer.status(),
            json.writeValueAsString(answer.body()),
            by.workspaceId(),
            by.userId(),
            key)
        .update();
  }

  private String hash(Object request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Stored(String hash, Integer status, String response, Instant createdAt) {}

  /** The action's refusal, carried out of the transaction it rolls back. */
  private static final class Refusal extends RuntimeException {
    final ApiException refused;

    Refusal(ApiException refused) {
      super(null, null, false, false);
      this.refused = refused;
    }
  }

  /** Another request with the same key committed first. */
  private static final class ClaimedMeanwhile extends RuntimeException {
    ClaimedMeanwhile() {
      super(null, null, false, false);
    }
  }
}
