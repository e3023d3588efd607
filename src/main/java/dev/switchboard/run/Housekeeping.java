package dev.switchboard.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * History's background work on every node: folds finished runs into {@link DailyTotals} every few
 * seconds, and looks every minute whether the daily {@link Retention} purge is due (one node wins
 * the job's claim).
 */
@Component
class Housekeeping implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private static final long FOLD_EVERY_MS = 5_000;
  private static final long PURGE_CHECK_EVERY_MS = 60_000;

  private final DailyTotals totals;
  private final Retention retention;
  private ScheduledExecutorService timer;

  Housekeeping(DailyTotals totals, Retention retention) {
    this.totals = totals;
    this.retention = retention;
  }

  @Override
  public void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("history-housekeeping").daemon().factory());
    timer.scheduleWithFixedDelay(
        () -> quietly("Folding daily totals", () -> totals.fold(Integer.MAX_VALUE)),
        FOLD_EVERY_MS,
        FOLD_EVERY_MS,
        TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        () -> quietly("The retention purge", retention::purgeIfDue),
        PURGE_CHECK_EVERY_MS,
        PURGE_CHECK_EVERY_MS,
        TimeUnit.MILLISECONDS);
  }

  private static void quietly(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("{} failed, will retry: {}", what, e.getMessage());
    }
  }

  @Override
  public void stop() {
    timer.shutdownNow();
    timer = null;
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
