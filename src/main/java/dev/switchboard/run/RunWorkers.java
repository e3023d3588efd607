package dev.switchboard.run;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentKind;
import dev.switchboard.agent.Agents;
import dev.switchboard.api.InternalErrors;
import dev.switchboard.cluster.ClusterBus;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's workers: a claimer thread takes queued runs ({@code FOR UPDATE SKIP LOCKED}) as soon
 * as it is woken (in-process, or by NOTIFY from another node), at the latest every poll interval,
 * and hands them to worker threads, at most {@code switchboard.workers} runs executing at once. A
 * run's end goes to {@link RunFinisher}, which writes the ends of runs that ended together in one
 * transaction; the worker's place is free for the next claim as soon as its run's end is handed in.
 * Each claimed run is leased; a heartbeat renews the leases and another node takes over runs whose
 * lease ran out ({@link Housekeeping}). This is the claim loop and the runs it executes, nothing
 * else.
 */
@Component
class RunWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunWorkers.class);

  private final ExecutionStore store;
  private final RunMoves moves;
  private final RunFinisher finisher;
  private final Agents agents;
  private final Map<AgentKind, Runner> runners = new EnumMap<>(AgentKind.class);
  private final LogWriter logs;
  private final RunEvents events;
  private final ClusterBus bus;
  private final Clock clock;
  private final RunSettings settings;
  private final TransactionTemplate tx;
  private final String node;
  private final Semaphore wakeups = new Semaphore(0);
  private final AtomicInteger busy = new AtomicInteger();
  private final Map<UUID, ActiveRun> active = new ConcurrentHashMap<>();
  private ExecutorService pool;
  private Thread claimer;
  private java.util.concurrent.ScheduledExecutorService heartbeat;
  private volatile boolean running;

  RunWorkers(
      ExecutionStore store,
      RunMoves moves,
      RunFinisher finisher,
      Agents agents,
      List<Runner> runners,
      LogWriter logs,
      RunEvents events,
      ClusterBus bus,
      Clock clock,
      RunSettings settings,
      TransactionTemplate tx) {
    this.store = store;
    this.moves = moves;
    this.finisher = finisher;
    this.agents = agents;
    runners.forEach(r -> this.runners.put(r.kind(), r));
    this.logs = logs;
    this.events = events;
    this.bus = bus;
    this.clock = clock;
    this.settings = settings;
    this.tx = tx;
    this.node = bus.nodeId();
    bus.listen(ClusterBus.WAKE, payload -> wakeups.release());
  }

  /** Something is claimable: wake the claimer here and on the other nodes. */
  void wake() {
    wakeups.release();
    bus.send(ClusterBus.WAKE, "");
  }

  /** Something is claimable here (housekeeping put runs back): wake this node's claimer. */
  void claimSoon() {
    wakeups.release();
  }

  String node() {
    return node;
  }

  /** Stops a run this node is executing; false when it runs elsewhere or not at all. */
  boolean cancelLocal(UUID executionId) {
    ActiveRun run = active.get(executionId);
    if (run == null) {
      return false;
    }
    run.cancel();
    return true;
  }

  private void claimLoop() {
    while (running) {
      try {
        int free = settings.workers() - busy.get();
        if (free > 0) {
          List<Claimed> claimed = claim(free);
          for (Claimed c : claimed) {
            busy.incrementAndGet();
            pool.execute(() -> execute(c.run(), c.agent()));
          }
          if (claimed.size() == free) {
            continue;
          }
        }
        wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Claiming runs failed, retrying: {}", e.getMessage());
        sleepQuietly();
      }
    }
  }

  /** A claimed run with its agent (empty when the agent is gone). */
  private record Claimed(Execution run, Optional<Agent> agent) {}

  /**
   * Takes up to {@code limit} queued runs with their agents, in one transaction; the agents are
   * read in one statement per workspace, not one per run.
   */
  private List<Claimed> claim(int limit) {
    Instant now = clock.instant();
    return tx.execute(status -> {
      List<Execution> runs = moves.claim(limit, node, now, now.plus(settings.lease()));
      Map<UUID, Agent> byId =
          agents.findAll(runs.stream().map(Execution::agentId).distinct().toList());
      return runs.stream()
          .map(e -> new Claimed(e, Optional.ofNullable(byId.get(e.agentId()))))
          .toList();
    });
  }

  private void execute(Execution execution, Optional<Agent> agent) {
    ActiveRun run = null;
    boolean freed = false;
    MDC.put("executionId", execution.id().toString());
    MDC.put("workspaceId", execution.workspaceId().toString());
    try {
      long lastSeq =
          execution.attempt() > 1 || execution.logLines() > 0 ? store.maxLogSeq(execution.id()) : 0;
      LogWriter.RunLog runLog = logs.open(execution, lastSeq);
      run = new ActiveRun(execution, agent.orElse(null), clock, runLog, this);
      active.put(execution.id(), run);
      events.publish(execution, "execution:started", startedData(execution));
      Outcome outcome = runSafely(run, agent);
      if (run.cancelRequested() && !(outcome instanceof Outcome.Completed)) {
        outcome = new Outcome.Canceled();
      }
      Ending ending = handIn(run, outcome);
      // The run's work is done: the claimer may start another while this one's end is written
      // (the run stays active, its lease renewed, until the commit).
      freed = true;
      freeWorker();
      published(ending);
    } catch (RuntimeException e) {
      log.error(
          "Run {} could not be finished; its lease will expire and it will be retried",
          execution.id(),
          e);
    } finally {
      if (run != null) {
        active.remove(execution.id());
        logs.close(run.runLog());
      }
      MDC.remove("executionId");
      MDC.remove("workspaceId");
      if (!freed) {
        freeWorker();
      }
    }
  }

  private void freeWorker() {
    busy.decrementAndGet();
    wakeups.release();
  }

  private Outcome runSafely(ActiveRun run, Optional<Agent> agent) {
    if (agent.isEmpty()) {
      return Outcome.failed("Agent not found", null, null);
    }
    Runner runner = runners.get(agent.get().kind());
    if (runner == null) {
      return Outcome.failed(
          "No runner for " + agent.get().kind().wireName() + " agents", null, null);
    }
    try {
      return runner.run(run);
    } catch (RuntimeException e) {
      String message =
          InternalErrors.report(log, "Runner failed on run " + run.execution().id(), e);
      run.log("system", message);
      return Outcome.failed(message, null, null);
    }
  }

  /** A run's end handed in to the finisher, with what to publish once it is written. */
  private record Ending(
      Execution run, Outcome outcome, LogWriter.Lines lines, CompletableFuture<Boolean> written) {}

  private Ending handIn(ActiveRun run, Outcome outcome) {
    Execution e = run.execution();
    String actor =
        outcome instanceof Outcome.Canceled && e.canceledBy() != null
            ? e.canceledBy()
            : "worker " + node;
    LogWriter.Lines lines = logs.take(run.runLog());
    Checkpoint cp = run.currentCheckpoint();
    long lineCount = run.runLog().buffer.lastSeq();
    RunMoves.Leave leave =
        new RunMoves.Leave(e, node, outcome, clock.instant(), cp, lineCount, actor);
    return new Ending(e, outcome, lines, finisher.handIn(leave, lines));
  }

  /** Waits for the end's commit, then publishes its lines and its outcome. */
  private void published(Ending ending) {
    boolean written;
    try {
      written = ending.written().join();
    } catch (CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException r ? r : failed;
    }
    logs.publish(ending.lines());
    Execution e = ending.run();
    if (!written) {
      log.warn("Run {} was taken over by another node; dropping this node's result", e.id());
      return;
    }
    events.publish(
        e, eventName(RunMoves.statusOf(ending.outcome())), outcomeData(e, ending.outcome()));
  }

  void checkpoint(ActiveRun run) {
    Execution e = run.execution();
    boolean ok =
        logs.commitWith(
            run.runLog(),
            () ->
                store.checkpoint(
                    e.id(), node, run.currentCheckpoint(), run.runLog().buffer.lastSeq()));
    if (!ok) {
      // Lost the lease: another node owns the run now. Stop working on it.
      run.cancel();
    }
  }

  void progress(ActiveRun run, int step, int total, String action, String status) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("executionId", run.execution().id());
    data.put("step", step);
    data.put("total", total);
    data.put("action", action);
    data.put("status", status);
    events.publish(run.execution(), "execution:progress", data);
  }

  private void renewLeases() {
    try {
      if (!active.isEmpty()) {
        store.renewLeases(node, active.keySet(), clock.instant().plus(settings.lease()));
        for (UUID id : store.cancelRequestedOn(node)) {
          cancelLocal(id);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Lease renewal failed: {}", e.getMessage());
    }
  }

  static Map<String, Object> startedData(Execution e) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("executionId", e.id());
    data.put("agentId", e.agentId());
    data.put("startedAt", e.startedAt());
    return data;
  }

  static String eventName(ExecutionStatus status) {
    return "execution:" + status.wireName();
  }

  static Map<String, Object> outcomeData(Execution e, Outcome outcome) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("executionId", e.id());
    switch (outcome) {
      case Outcome.Completed c -> {
        data.put("success", true);
        data.put("processedCount", c.processedCount());
        data.put("summary", c.summary());
      }
      case Outcome.Failed f -> {
        data.put("success", false);
        data.put("error", f.message());
        data.put("failedAtStep", f.step());
      }
      case Outcome.Waiting w -> {
        data.put("resumeAt", w.resumeAt());
        data.put("message", w.message());
      }
      case Outcome.Canceled c -> data.put("success", false);
    }
    return data;
  }

  private static void sleepQuietly() {
    try {
      TimeUnit.MILLISECONDS.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
    // Twice the workers: a thread whose run's end is being written waits for the commit while
    // another thread already executes the run claimed in its place.
    pool =
        Executors.newFixedThreadPool(
            2 * settings.workers(), Thread.ofPlatform().name("run-worker-", 1).daemon().factory());
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("run-heartbeat").daemon().factory());
    long every = Math.max(100, settings.lease().toMillis() / 3);
    heartbeat.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    claimer = Thread.ofPlatform().name("run-claimer").daemon().start(this::claimLoop);
  }

  /**
   * Graceful shutdown: stop claiming, give running runs a moment to finish, then hand the rest back
   * to the queue (another node, or this one after restart, resumes them from their checkpoint) and
   * stop their processes.
   */
  @Override
  public void stop() {
    running = false;
    claimer.interrupt();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        Instant now = clock.instant();
        for (ActiveRun run : active.values()) {
          moves.release(run.execution().id(), node, now);
          run.cancel();
        }
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    heartbeat.shutdownNow();
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
