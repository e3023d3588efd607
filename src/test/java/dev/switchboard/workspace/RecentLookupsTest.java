package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A lookup is read once per {@link RecentLookups#KEPT}; what was taken away is forgotten at once.
 */
class RecentLookupsTest {

  private final StoppedClock clock = new StoppedClock();
  private final RecentLookups<String, String> lookups = new RecentLookups<>(clock);
  private final AtomicInteger reads = new AtomicInteger();

  private Optional<String> look(String found) {
    return lookups.get(
        "key",
        () -> {
          reads.incrementAndGet();
          return Optional.ofNullable(found);
        });
  }

  @Test
  void what_was_found_is_read_again_only_once_two_seconds_old() {
    assertThat(look("member")).contains("member");
    clock.advance(RecentLookups.KEPT.minusMillis(1));
    assertThat(look("gone meanwhile")).contains("member");
    assertThat(reads).hasValue(1);

    clock.advance(Duration.ofMillis(1));

    assertThat(look(null)).isEmpty();
    assertThat(reads).hasValue(2);
  }

  @Test
  void nothing_found_is_not_kept_and_a_forgotten_copy_is_read_again_at_once() {
    assertThat(look(null)).isEmpty();
    assertThat(look("added")).contains("added");
    assertThat(reads).hasValue(2);

    lookups.forget("key");

    assertThat(look(null)).isEmpty();
    assertThat(reads).hasValue(3);
  }

  @Test
  void a_read_that_overlapped_a_forget_is_not_kept() {
    assertThat(
            lookups.get(
                "key",
                () -> {
                  lookups.forget("key");
                  return Optional.of("read before the removal committed");
                }))
        .isPresent();

    assertThat(look(null)).isEmpty();
  }

  /** Stands still until moved. */
  private static final class StoppedClock extends Clock {
    private Instant now = Instant.parse("2026-12-04T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
