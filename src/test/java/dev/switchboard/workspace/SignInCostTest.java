package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An unknown email costs the same as a wrong password: both run exactly one bcrypt check (counted,
 * not timed), on a real database built by the migrations.
 */
class SignInCostTest {

  /** Counts the bcrypt checks that really run. */
  static final class CountingEncoder implements PasswordEncoder {
    final AtomicInteger checks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    @Override
    public String encode(CharSequence raw) {
      return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      checks.incrementAndGet();
      return bcrypt.matches(raw, encoded);
    }
  }

  final CountingEncoder encoder = new CountingEncoder();
  final Accounts accounts = new Accounts(database(), Clock.systemUTC(), encoder);

  @Test
  void an_unknown_email_and_a_wrong_password_both_run_one_bcrypt_check() {
    accounts.createUser("known@test.local", "Known", "right-pass-123");

    encoder.checks.set(0);
    assertThat(accounts.authenticate("unknown@test.local", "right-pass-123")).isEmpty();
    int unknown = encoder.checks.getAndSet(0);
    assertThat(accounts.authenticate("known@test.local", "wrong-pass-123")).isEmpty();
    int wrong = encoder.checks.getAndSet(0);
    assertThat(accounts.authenticate("known@test.local", "right-pass-123")).isPresent();
    int right = encoder.checks.get();

    assertThat(unknown).isEqualTo(1);
    assertThat(wrong).isEqualTo(1);
    assertThat(right).isEqualTo(1);
  }

  private static JdbcClient database() {
    DriverManagerDataSource data =
        new DriverManagerDataSource(
            "jdbc:h2:mem:signin-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
    return JdbcClient.create(data);
  }
}
