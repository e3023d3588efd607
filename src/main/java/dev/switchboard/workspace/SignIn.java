package dev.switchboard.workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Signing in, for the API and the login form alike, throttled: after {@code max-failures-per-email}
 * failed sign-ins for one email, or {@code max-failures-per-address} from one address, within the
 * window, every attempt is refused until the oldest of them leaves the window, also with the right
 * password (else guessing would go on, told apart by the answer). Failures are rows, so every node
 * sharing the database counts them together.
 */
@Service
public class SignIn {

  /** What became of one attempt. */
  public sealed interface Outcome {
    /** Signed in. */
    record Success(Caller caller) implements Outcome {}

    /** Wrong email or password. */
    record Refused() implements Outcome {}

    /** Too many failures: try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements Outcome {

      /** Whole seconds, rounded up, for {@code Retry-After}. */
      public long seconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      }

      public String message() {
        long minutes = (seconds() + 59) / 60;
        return "Too many failed sign-ins. Try again in "
            + minutes
            + (minutes == 1 ? " minute." : " minutes.");
      }
    }
  }

  private static final int MAX_EMAIL = 320;
  private static final int MAX_ADDRESS = 64;

  private final Accounts accounts;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final int perEmail;
  private final int perAddress;
  private final Duration window;

  SignIn(
      Accounts accounts,
      JdbcClient jdbc,
      Clock clock,
      @Value("${switchboard.login.max-failures-per-email:10}") int perEmail,
      @Value("${switchboard.login.max-failures-per-address:50}") int perAddress,
      @Value("${switchboard.login.failure-window:15m}") Duration window) {
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.clock = clock;
    this.perEmail = perEmail;
    this.perAddress = perAddress;
    this.window = window;
  }

  /** One attempt from {@code address} (the client's IP as the server sees it). */
  public Outcome attempt(String email, String password, String address) {
    String who = cut(email == null ? "" : email.strip().toLowerCase(Locale.ROOT), MAX_EMAIL);
    String from = cut(address == null ? "" : address, MAX_ADDRESS);
    Instant now = clock.instant();
    Optional<Instant> until =
        later(
            blockedUntil("email", who, perEmail, now),
            blockedUntil("address", from, perAddress, now));
    if (until.isPresent()) {
      return new Outcome.Throttled(Duration.between(now, until.get()));
    }
    Optional<Caller> caller = accounts.authenticate(email, password);
    if (caller.isPresent()) {
      jdbc.sql("delete from login_failures where email = ?").param(who).update();
      return new Outcome.Success(caller.get());
    }
    if (!who.isEmpty() && password != null && !password.isEmpty()) {
      jdbc.sql("insert into login_failures (email, address, failed_at) values (?, ?, ?)")
          .params(who, from, at(now))
          .update();
      jdbc.sql("delete from login_failures where failed_at <= ?")
          .param(at(now.minus(window)))
          .update();
    }
    return new Outcome.Refused();
  }

  /**
   * When the {@code limit}-th most recent failure in the window leaves it, if there are that many:
   * until then one more attempt would go over the limit.
   */
  private Optional<Instant> blockedUntil(String column, String value, int limit, Instant now) {
    return jdbc.sql(
            "select failed_at from login_failures where "
                + column
                + " = ? and failed_at > ? order by failed_at desc offset ? rows fetch next 1 rows only")
        .params(value, at(now.minus(window)), limit - 1)
        .query(OffsetDateTime.class)
        .optional()
        .map(t -> t.toInstant().plus(window));
  }

  private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().isAfter(b.get()) ? a : b;
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }
}
