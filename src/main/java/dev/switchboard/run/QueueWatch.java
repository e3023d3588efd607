package dev.switchboard.run;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends {@code execution:queued} when a run is queued, and again to each queued run whose position
 * or reason a move changed, from the node that made the move (each node hears only its own moves
 * here; the others' arrive as their live events): a run that started, ended, began to wait or came
 * back moves its agent's queue and the runs whose turn has come queued after it; a hold that ends
 * (rate limit, backoff) moves them at its end. The work per move is the agent's queue and the runs
 * whose turn has come behind the change, never the whole queue; moves heard within {@link #GATHER}
 * are told together, one read for all.
 */
@Component
class QueueWatch implements RunEvent.Listener {

  private static final Logger log = LoggerFactory.getLogger(QueueWatch.class);

  /** How long moves are gathered before the runs they moved are told. */
  static final Duration GATHER = Duration.ofMillis(20);

  private static final int TOLD_KEPT = 100_000;

  /** Without a live module every update is published, as if someone listened. */
  private static final RunAudience EVERYONE = (workspace, agent, execution, workOrder) -> true;

  private final QueueReasons reasons;
  private final RunEvents events;
  private final ObjectProvider<RunAudience> audience;
  // The audience once the provider had one: looking it up in the bean factory at each tell cost
  // more than the tell itself while nobody listens.
  private volatile RunAudience found;
  private final Clock clock;
  private final Map<UUID, QueueStatus> told = new ConcurrentHashMap<>();
  private final Queue<Untold> untold = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean admitting = new AtomicBoolean();
  private final ExecutorService admitter =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("queue-admitted").daemon().unstarted(r));
  private final TransactionTemplate readOnly;
  private final Set<UUID> movedAgents = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Instant> turnFrom = new AtomicReference<>();
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile long quietUntil = System.nanoTime();
  private final ScheduledExecutorService teller =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("queue-watch").daemon().unstarted(r));

  QueueWatch(
      QueueReasons reasons,
      RunEvents events,
      ObjectProvider<RunAudience> audience,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.reasons = reasons;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.events = events;
    this.audience = audience;
    this.clock = clock;
  }

  @PreDestroy
  void stop() {
    teller.shutdownNow();
    admitter.shutdownNow();
  }

  /** Runs admitted together, and what to do once they are told (wake the workers). */
  private record Untold(List<Execution> runs, Runnable then) {}

  /**
   * Tells subscribers where newly queued runs stand, then runs {@code then}; called once their
   * admission has committed. The runs admitted while a pass works out places are gathered, and the
   * next pass works out all of them at once (one read of the queue ahead and of the running runs,
   * in one read-only transaction) instead of each trigger in its own transaction. The pass has its
   * own thread and connection: the admitting thread still holds its own, and does not wait. {@code
   * then} runs after the runs are told, so that a run says it is queued before a worker this node
   * woke starts it; a run that started before its pass (another node, a poll) is not told, its
   * start says where it is.
   */
  void admitted(List<Execution> runs, Runnable then) {
    untold.add(new Untold(runs, then));
    if (admitting.compareAndSet(false, true)) {
      try {
        admitter.execute(this::tellAdmitted);
      } catch (RejectedExecutionException stopping) {
        then.run();
      }
    }
  }

  private void tellAdmitted() {
    admitting.set(false);
    List<Untold> batch = new ArrayList<>();
    for (Untold u; (u = untold.poll()) != null; ) {
      batch.add(u);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<Execution> runs = batch.stream().flatMap(u -> u.runs().stream()).toList();
      Map<UUID, QueueStatus> statuses =
          readOnly.execute(
              tx -> reasons.ofAll(runs.stream().map(Execution::id).toList(), clock.instant()));
      for (Execution run : runs) {
        QueueStatus status = statuses.get(run.id());
        if (status != null) {
          // The ids the admitting request's log lines carried: this thread tells for all of them.
          MDC.put("executionId", run.id().toString());
          MDC.put("workspaceId", run.workspaceId().toString());
          try {
            told(run, status);
          } finally {
            MDC.remove("executionId");
            MDC.remove("workspaceId");
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("Telling admitted runs where they stand failed: {}", e.getMessage());
    } finally {
      batch.forEach(u -> u.then().run());
    }
  }

  /**
   * Tells subscribers where a newly queued run stands; a held one is looked at again at its end.
   */
  void told(Execution run, QueueStatus status) {
    if (told.size() > TOLD_KEPT) {
      told.clear();
    }
    told.put(run.id(), status);
    events.publish(run, "execution:queued", status.data(run.id()));
    if (status.reason() == QueueStatus.Reason.THROTTLED
        || status.reason() == QueueStatus.Reason.NOT_BEFORE) {
      Duration left = Duration.between(clock.instant(), status.estimatedStartAt());
      schedule(() -> moved(run.agentId(), run.createdAt()), left.toMillis());
    }
  }

  /** This node's moves: a run started, ended or began to wait; its agent's queue moved. */
  @Override
  public void on(RunEvent event) {
    if (event.isUpdate()) {
      return;
    }
    switch (event.event()) {
      case "execution:started",
          "execution:completed",
          "execution:failed",
          "execution:canceled",
          "execution:waiting" -> {
        if (!event.event().equals("execution:started")) {
          reasons.ended(event.agentId());
        }
        told.remove(event.executionId());
        moved(event.agentId(), event.createdAt());
      }
      default -> {}
    }
  }

  /**
   * The agent's queue moved, and so did the runs whose turn has come queued at or after {@code
   * createdAt} (a run left or joined them there); they are told within {@link #GATHER}.
   */
  void moved(UUID agentId, Instant createdAt) {
    movedAgents.add(agentId);
    turnFrom.accumulateAndGet(createdAt, (a, b) -> a == null || b.isBefore(a) ? b : a);
    if (pending.compareAndSet(false, true)) {
      schedule(this::tell, GATHER.toMillis());
    }
  }

  private void schedule(Runnable work, long delayMillis) {
    try {
      teller.schedule(work, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // The node is stopping; GET execution still says where each run stands.
    }
  }

  /**
   * Tells again each run the gathered moves reached whose position or reason is not as told. A tell
   * that took long (a deep queue, a busy machine) is followed by a pause as long before the next:
   * the moves made meanwhile are gathered and told together, so that telling takes at most half of
   * this thread's time instead of running back to back while the workers drain the queue.
   */
  void tell() {
    long rest = quietUntil - System.nanoTime();
    if (rest > 0) {
      // Still pending: moves keep gathering until this deferred tell runs.
      schedule(this::tell, TimeUnit.NANOSECONDS.toMillis(rest) + 1);
      return;
    }
    long started = System.nanoTime();
    try {
      tellGathered();
    } finally {
      long ended = System.nanoTime();
      quietUntil = ended + (ended - started);
    }
  }

  /** Looked up until found: the live module is built after the engine (absent in some tests). */
  private RunAudience audience() {
    RunAudience known = found;
    if (known == null) {
      known = audience.getIfAvailable();
      if (known == null) {
        return EVERYONE;
      }
      found = known;
    }
    return known;
  }

  private void tellGathered() {
    pending.set(false);
    Set<UUID> agents = new HashSet<>(movedAgents);
    movedAgents.removeAll(agents);
    Instant from = turnFrom.getAndSet(null);
    if (agents.isEmpty() && from == null) {
      return;
    }
    RunAudience listening = audience();
    if (!listening.mayHearAny()) {
      // Nobody could hear any position, so none is read. What was told is forgotten: a later
      // subscriber's snapshot is read afresh, and the next tell sends every run it reaches.
      told.clear();
      return;
    }
    try {
      // One read-only transaction for the tell's reads: each on its own was a commit of its own.
      List<QueueReasons.Placed> placed =
          readOnly.execute(tx -> reasons.queues(agents, from, clock.instant()));
      for (QueueReasons.Placed p : placed) {
        if (p.status().sameAs(told.get(p.executionId()))) {
          continue;
        }
        // Kept as told even when nobody hears it: a later subscriber's snapshot says the same.
        told.put(p.executionId(), p.status());
        if (!listening.mayHear(p.workspaceId(), p.agentId(), p.executionId(), p.workOrderId())) {
          continue;
        }
        events.publish(
            RunEvent.update(
                p.workspaceId(),
                p.agentId(),
                p.executionId(),
                p.workOrderId(),
                "execution:queued",
                p.status().data(p.executionId())));
      }
    } catch (RuntimeException e) {
      log.warn("Telling queued runs where they stand failed: {}", e.getMessage());
    }
  }
}
