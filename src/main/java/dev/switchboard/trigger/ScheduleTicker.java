package dev.switchboard.trigger;

import dev.switchboard.agent.AgentTrigger;
import dev.switchboard.agent.Agents;
import dev.switchboard.agent.TriggersChanged;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Fires schedules on every node. It sleeps until the earliest next slot of all schedules, woken
 * early when this node changes a trigger; it also looks again after {@link #RESCAN} at the latest,
 * to see triggers other nodes changed. Every node may tick at once: the slot ledger fires each slot
 * once.
 */
@Component
class ScheduleTicker {

  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);
  static final Duration RESCAN = Duration.ofSeconds(5);

  /** How long before a slot the ticker wakes to read the schedules it fires at the slot. */
  static final Duration LEAD = Duration.ofMillis(250);

  /**
   * Schedules fired per transaction at least; more when there are more schedules than {@link
   * #FIRING_THREADS} such batches, so that all of them start at once (500 due at once: 4
   * transactions side by side, not 10 in three rounds).
   */
  static final int BATCH = 50;

  /** Batches fired side by side: their round trips to the database overlap. */
  static final int FIRING_THREADS = 4;

  private final Agents agents;
  private final ScheduleFirer firer;
  private final Clock clock;
  private final Semaphore wake = new Semaphore(0);
  private final Object ticking = new Object();
  private boolean held;
  private final ExecutorService firing =
      Executors.newFixedThreadPool(
          FIRING_THREADS, r -> Thread.ofPlatform().name("schedule-firer").daemon().unstarted(r));
  private final Thread thread =
      Thread.ofPlatform().name("schedule-ticker").daemon().unstarted(this::loop);

  ScheduleTicker(Agents agents, ScheduleFirer firer, Clock clock) {
    this.agents = agents;
    this.firer = firer;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    thread.start();
  }

  @PreDestroy
  void stop() {
    thread.interrupt();
    firing.shutdownNow();
  }

  /**
   * Holds the background loop (its thread stays, it fires nothing) or lets it go again; {@link
   * #tick} still works when called, and once this returns no background tick is under way. Tests
   * that play a second node use it to know which node fired.
   */
  void hold(boolean hold) {
    synchronized (ticking) {
      held = hold;
    }
    wake.release();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void triggersChanged(TriggersChanged changed) {
    wake.release();
  }

  /**
   * Fires every due slot of every active schedule, in batches of about {@link #BATCH} schedules
   * (one transaction each) on {@link #FIRING_THREADS} threads; answers when the next one comes.
   */
  Instant tick() {
    return tick(agents.activeTriggers("schedule"));
  }

  /** {@link #tick} over triggers read before (ahead of the slot, while it was not yet due). */
  private Instant tick(List<AgentTrigger> triggers) {
    Instant next = clock.instant().plus(RESCAN);
    List<Future<Optional<Instant>>> fired = new ArrayList<>();
    for (List<AgentTrigger> batch : batches(triggers)) {
      fired.add(firing.submit(() -> fire(batch)));
    }
    for (Future<Optional<Instant>> batch : fired) {
      Optional<Instant> after = join(batch);
      if (after.isPresent() && after.get().isBefore(next)) {
        next = after.get();
      }
    }
    return next;
  }

  /**
   * Batches that keep each agent's schedules together: batches fired side by side then never wait
   * on one another for an agent's run queue, and every node cuts the same batches.
   */
  private static List<List<AgentTrigger>> batches(List<AgentTrigger> triggers) {
    Map<UUID, List<AgentTrigger>> byAgent = new LinkedHashMap<>();
    for (AgentTrigger trigger : triggers) {
      byAgent.computeIfAbsent(trigger.agentId(), agent -> new ArrayList<>()).add(trigger);
    }
    int size = Math.max(BATCH, (triggers.size() + FIRING_THREADS - 1) / FIRING_THREADS);
    List<List<AgentTrigger>> batches = new ArrayList<>();
    List<AgentTrigger> batch = new ArrayList<>();
    for (List<AgentTrigger> ofAgent : byAgent.values()) {
      if (!batch.isEmpty() && batch.size() + ofAgent.size() > size) {
        batches.add(batch);
        batch = new ArrayList<>();
      }
      batch.addAll(ofAgent);
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  private Optional<Instant> fire(List<AgentTrigger> batch) {
    try {
      return firer.fire(batch);
    } catch (RuntimeException e) {
      log.warn("Firing {} schedules failed; retrying next tick", batch.size(), e);
      return Optional.empty();
    }
  }

  private static Optional<Instant> join(Future<Optional<Instant>> batch) {
    try {
      return batch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Wakes {@link #LEAD} before the next slot to read the schedules, then sleeps to the slot's
   * instant and fires it: the read is not on the slot's time, and nothing fires before its slot.
   */
  private void loop() {
    Instant next = clock.instant();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (await(next.minus(LEAD))) {
          next = clock.instant();
        }
        List<AgentTrigger> triggers = agents.activeTriggers("schedule");
        pauseUntil(next);
        synchronized (ticking) {
          next = held ? clock.instant().plus(RESCAN) : tick(triggers);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.warn("The schedule ticker failed; retrying in {}", RETRY_PAUSE, e);
        pauseAfterFailure();
        next = clock.instant();
      }
    }
  }

  /**
   * Waits until {@code at} unless a change wakes it first (true). A change heard while ticking left
   * a permit: the next tick comes at once.
   */
  private boolean await(Instant at) throws InterruptedException {
    long waitNanos = Duration.between(clock.instant(), at).toNanos();
    if (waitNanos > 0 && wake.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
      wake.drainPermits();
      return true;
    }
    return false;
  }

  /** Sleeps until {@code at} on the clock; a change heard meanwhile waits for the next tick. */
  private void pauseUntil(Instant at) throws InterruptedException {
    long nanos;
    while ((nanos = Duration.between(clock.instant(), at).toNanos()) > 0) {
      TimeUnit.NANOSECONDS.sleep(nanos);
    }
  }

  /** A failing database is not hammered: the next try waits, unless a change wakes it. */
  private void pauseAfterFailure() {
    try {
      if (wake.tryAcquire(RETRY_PAUSE.toNanos(), TimeUnit.NANOSECONDS)) {
        wake.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
