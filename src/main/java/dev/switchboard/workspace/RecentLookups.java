package dev.switchboard.workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a lookup found, kept for {@link #KEPT} on this node: every API call reads its caller's token
 * and membership, and a trigger costs a commit for each read. Only what was found is kept (a
 * membership granted is seen at once); a change that takes something away removes it here at once
 * ({@link #forget}), and other nodes see it once their copy is {@link #KEPT} old.
 */
final class RecentLookups<K, V> {

  /** How long a copy is used without reading it again. */
  static final Duration KEPT = Duration.ofSeconds(2);

  private static final int MAX_KEPT = 10_000;

  private record Kept<V>(V value, Instant readAt) {}

  private final Clock clock;
  private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();
  // Counts forgets: a read that began before one may have seen what was just taken away, so it is
  // not kept.
  private final AtomicLong forgets = new AtomicLong();

  RecentLookups(Clock clock) {
    this.clock = clock;
  }

  /** The kept copy while it is younger than {@link #KEPT}, else what {@code read} finds now. */
  Optional<V> get(K key, Supplier<Optional<V>> read) {
    Instant now = clock.instant();
    Kept<V> copy = kept.get(key);
    if (copy != null && !copy.readAt().isAfter(now) && copy.readAt().plus(KEPT).isAfter(now)) {
      return Optional.of(copy.value());
    }
    long forgetsBefore = forgets.get();
    Optional<V> found = read.get();
    if (found.isPresent() && forgets.get() == forgetsBefore) {
      if (kept.size() >= MAX_KEPT) {
        kept.clear();
      }
      kept.put(key, new Kept<>(found.get(), now));
    } else {
      kept.remove(key);
    }
    return found;
  }

  void forget(K key) {
    forgets.incrementAndGet();
    kept.remove(key);
  }
}
