package dev.switchboard.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one place that schedules the engine's housekeeping: each job is a small named task with its
 * own interval (on the {@link Clock}, so a moved clock makes them due), run in turn on one thread
 * that looks every poll interval. A task's failure is logged and retried at its next turn; it never
 * stops the others. Promotion behind a freed slot is not a task: the move that frees the slot
 * promotes the next run in the same transaction ({@link RunMoves}). History's work is here too:
 * finished runs are folded into {@link DailyTotals} every few seconds, and every minute it looks
 * whether the daily {@link Retention} purge is due (one node wins the job's claim).
 */
@Component
class Housekeeping implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private static final Duration FOLD_TOTALS_INTERVAL = Duration.ofSeconds(5);
  private static final Duration PURGE_CHECK_INTERVAL = Duration.ofMinutes(1);

  /**
   * A housekeeping job: its name (for the log and the {@code switchboard.housekeeping} timer), how
   * often it runs, and what it does.
   */
  private static final class Task {
    final String name;
    final Duration every;
    final Runnable work;
    Timer timer;
    Instant next = Instant.EPOCH;

    Task(String name, Duration every, Runnable work) {
      this.name = name;
      this.every = every;
      this.work = work;
    }
  }

  private final List<Task> tasks;
  private final Clock clock;
  private final RunSettings settings;
  private Thread thread;
  private volatile boolean running;

  Housekeeping(
      DueWaits dueWaits,
      LeaseReaper leaseReaper,
      RunWorkers workers,
      DailyTotals totals,
      Retention retention,
      Clock clock,
      RunSettings settings,
      MeterRegistry registry) {
    this.clock = clock;
    this.settings = settings;
    this.tasks =
        List.of(
            new Task(
                "due waits",
                settings.pollInterval(),
                () -> requeued(workers, "due waits", dueWaits.wake(clock.instant()))),
            new Task(
                "expired leases",
                settings.pollInterval(),
                () ->
                    requeued(
                        workers, "runs of unresponsive nodes", leaseReaper.reap(clock.instant()))),
            new Task("daily totals", FOLD_TOTALS_INTERVAL, () -> totals.fold(Integer.MAX_VALUE)),
            new Task("retention purge", PURGE_CHECK_INTERVAL, retention::purgeIfDue));
    for (Task task : tasks) {
      task.timer =
          Timer.builder("switchboard.housekeeping")
              .description("Time one turn of a housekeeping task takes (its cost per pass)")
              .tag("task", task.name)
              .register(registry);
    }
  }

  /** Runs back in the queue: this node's claimer looks at once. */
  private static void requeued(RunWorkers workers, String what, int count) {
    if (count > 0) {
      log.info("Requeued {} {}", count, what);
      workers.claimSoon();
    }
  }

  /** Runs every task that is due; one pass. */
  void pass() {
    for (Task task : tasks) {
      if (clock.instant().isBefore(task.next)) {
        continue;
      }
      try {
        task.timer.record(task.work);
      } catch (RuntimeException e) {
        log.warn("Housekeeping task '{}' failed, retrying: {}", task.name, e.getMessage());
      }
      task.next = clock.instant().plus(task.every);
    }
  }

  private void loop() {
    while (running) {
      pass();
      try {
        TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("run-housekeeping").daemon().start(this::loop);
  }

  @Override
  public void stop() {
    running = false;
    thread.interrupt();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
