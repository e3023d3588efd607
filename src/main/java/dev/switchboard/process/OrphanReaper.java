package dev.switchboard.process;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Kills what commands of a dead node on this machine left running: once when the node starts,
 * before its workers take any run over (a lower phase than the engine's), and then once per lease,
 * for a node on the same machine that dies while this one runs.
 */
@Component
class OrphanReaper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OrphanReaper.class);

  private final CommandProcesses processes;
  private final Duration every;
  private ScheduledExecutorService timer;

  OrphanReaper(CommandProcesses processes, @Value("${switchboard.lease}") Duration lease) {
    this.processes = processes;
    this.every = lease;
  }

  @Override
  public void start() {
    processes.killOrphans();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("orphan-reaper").daemon().factory());
    timer.scheduleWithFixedDelay(
        this::reap, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reap() {
    try {
      processes.killOrphans();
    } catch (RuntimeException e) {
      log.warn("Looking for orphaned commands failed: {}", e.getMessage());
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

  /** Before the engine's workers (Integer.MAX_VALUE - 1000) start claiming. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 2000;
  }
}
