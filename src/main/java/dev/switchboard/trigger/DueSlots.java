package dev.switchboard.trigger;

import dev.switchboard.agent.TriggerDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The slots of one schedule that came due since the last one in the ledger: those older than the
 * catch-up window are {@code missed}; those inside it coalesce into one run at the newest ({@code
 * fire}), the others recorded as {@code coalesced}.
 */
record DueSlots(List<Instant> missed, List<Instant> coalesced, Instant fire) {

  /**
   * Missed (the oldest) and coalesced (the newest) slots recorded per tick: a per-second schedule
   * left for a day would otherwise write 86,400 rows at once; the rest are passed over.
   */
  static final int MAX_RECORDED = 100;

  static final DueSlots NONE = new DueSlots(List.of(), List.of(), null);

  DueSlots {
    missed = List.copyOf(missed);
    coalesced = List.copyOf(coalesced);
  }

  boolean isEmpty() {
    return fire == null && missed.isEmpty();
  }

  /** The slots of {@code schedule} after {@code last} and not after {@code now}. */
  static DueSlots of(
      TriggerDefinition.Schedule schedule, Instant last, Instant now, Duration catchUp) {
    Instant windowStart = now.minus(catchUp);
    List<Instant> missed = new ArrayList<>();
    Instant cursor = last;
    Optional<Instant> next = schedule.nextAfter(cursor);
    while (next.isPresent() && next.get().isBefore(windowStart)) {
      if (missed.size() < MAX_RECORDED) {
        missed.add(next.get());
        cursor = next.get();
      } else {
        cursor = windowStart.minusNanos(1);
      }
      next = schedule.nextAfter(cursor);
    }
    List<Instant> inWindow = new ArrayList<>();
    while (next.isPresent() && !next.get().isAfter(now)) {
      inWindow.add(next.get());
      next = schedule.nextAfter(next.get());
    }
    if (inWindow.isEmpty()) {
      return new DueSlots(missed, List.of(), null);
    }
    List<Instant> coalesced = inWindow.subList(0, inWindow.size() - 1);
    return new DueSlots(
        missed,
        coalesced.subList(Math.max(0, coalesced.size() - MAX_RECORDED), coalesced.size()),
        inWindow.getLast());
  }
}
