package dev.switchboard.run;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentKind;
import dev.switchboard.agent.AgentStatus;
import dev.switchboard.agent.Agents;
import dev.switchboard.notification.Notifier;
import dev.switchboard.run.AdmissionResult.Admitted;
import dev.switchboard.run.AdmissionResult.Refused;
import dev.switchboard.run.AdmissionResult.Skipped;
import dev.switchboard.run.TriggerSource.Rules;
import dev.switchboard.sql.AfterCommit;
import dev.switchboard.workspace.Membership;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one policy every trigger goes through before a run is queued (SPEC "Admission"): the agent's
 * status, the caller's role, the per-agent rate and daily budget, and the agent's single slot,
 * which the database enforces. What differs between sources is in {@link TriggerSource#rules()}.
 */
@Service
public class Admission {

  static final String ALREADY_RUNNING =
      "Agent is already running. Wait for current execution to complete.";
  static final String LIMIT_PAUSED = "Agent paused: execution limit reached";

  private final Agents agents;
  private final ExecutionStore store;
  private final RunMoves moves;
  private final QueueReasons queue;
  private final QueueWatch watch;
  private final RunEvents events;
  private final TransactionTemplate savepoint;
  private final RunWorkers workers;
  private final Notifier notifier;
  private final Clock clock;

  Admission(
      Agents agents,
      ExecutionStore store,
      RunMoves moves,
      QueueReasons queue,
      QueueWatch watch,
      RunEvents events,
      PlatformTransactionManager transactions,
      RunWorkers workers,
      Notifier notifier,
      Clock clock) {
    this.agents = agents;
    this.store = store;
    this.moves = moves;
    this.queue = queue;
    this.watch = watch;
    this.events = events;
    // The insert may hit the agent's slot; a savepoint keeps the admission's transaction usable.
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.workers = workers;
    this.notifier = notifier;
    this.clock = clock;
  }

  /**
   * Admits, skips or refuses one run of {@code agent}. Joins the caller's transaction, so a
   * trigger's own bookkeeping (a slot, an event's outcome) commits with the run or not at all.
   */
  @Transactional
  public AdmissionResult admit(TriggerSource source, Agent agent, TriggerContext context) {
    Rules rules = source.rules();
    Optional<Refused> forbidden = source.caller().flatMap(by -> checkPermission(rules, by, agent));
    if (forbidden.isPresent()) {
      return forbidden.get();
    }
    if (!rules.accepts().contains(agent.status())) {
      if (rules.unattended() && agent.status() != AgentStatus.ARCHIVED) {
        return skip(source, agent, context);
      }
      return notRunnable(rules, agent);
    }
    Instant now = clock.instant();
    RunMoves.Hold hold;
    switch (checkRate(rules, agent, now)) {
      case Rate.Over over -> {
        return over.refusal();
      }
      case Rate.Held held -> hold = held.hold();
      case Rate.Free free -> hold = null;
    }
    Execution run = newRun(source, agent, context, ExecutionStatus.QUEUED, now, null);
    boolean behind = !takeSlot(run, hold);
    if (behind) {
      if (!rules.queuesWhenBusy()) {
        return alreadyRunning(agent.id());
      }
      insert(run, false, hold);
    }
    QueueStatus status = queue.of(run.id(), now).orElseThrow();
    AfterCommit.run(() -> {
      workers.wake();
      watch.told(run, status);
    });
    return new Admitted(run, behind, hold != null);
  }

  /** What the agent's rate and budget say about one more run. */
  private sealed interface Rate {
    record Free() implements Rate {}

    /** Unattended runs beyond the rate queue until the window allows: throttle, never drop. */
    record Held(RunMoves.Hold hold) implements Rate {}

    record Over(Refused refusal) implements Rate {}
  }

  private Skipped skip(TriggerSource source, Agent agent, TriggerContext context) {
    String reason =
        agent.status() == AgentStatus.DRAFT
            ? "Skipped: Agent is a draft"
            : "Skipped: Agent " + agent.status().wireName();
    Execution run =
        newRun(source, agent, context, ExecutionStatus.SKIPPED, clock.instant(), reason);
    moves.skip(run);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("executionId", run.id());
    data.put("reason", reason);
    AfterCommit.run(() -> events.publish(run, "execution:skipped", data));
    return new Skipped(reason, run);
  }

  private static Execution newRun(
      TriggerSource source,
      Agent agent,
      TriggerContext context,
      ExecutionStatus status,
      Instant now,
      String reason) {
    TriggerSource.WorkOrderRun workOrder = source.workOrder();
    return new Execution(
        UUID.randomUUID(),
        agent.workspaceId(),
        agent.id(),
        agent.name(),
        source.type(),
        source.triggeredBy(),
        context.withPrompt(prompt(agent, context)),
        status,
        now,
        null,
        status.isTerminal() ? now : null,
        null,
        0,
        false,
        null,
        Checkpoint.START,
        null,
        0,
        null,
        0,
        workOrder == null ? null : workOrder.workOrderId(),
        workOrder == null ? null : workOrder.runNumber(),
        source.retryOf(),
        reason);
  }

  /**
   * Queues the run as its agent's head; false when another run holds the slot, locked, so that it
   * cannot end before the run queued behind it is committed and seen by its promotion.
   */
  private boolean takeSlot(Execution run, RunMoves.Hold hold) {
    while (true) {
      try {
        insert(run, true, hold);
        return true;
      } catch (DuplicateKeyException busy) {
        if (store.lockHead(run.agentId())) {
          return false;
        }
        // The head ended between the insert and the lock: the slot is free now.
      }
    }
  }

  private void insert(Execution run, boolean head, RunMoves.Hold hold) {
    savepoint.executeWithoutResult(status -> moves.enqueue(run, head, hold));
  }

  private Refused alreadyRunning(UUID agentId) {
    Refused.BusyWith current =
        store
            .head(agentId)
            .map(e ->
                new Refused.BusyWith(e.id(), e.startedAt() == null ? e.createdAt() : e.startedAt()))
            .orElse(null);
    return new Refused("AGENT_ALREADY_RUNNING", HttpStatus.CONFLICT, ALREADY_RUNNING, current);
  }

  private Rate checkRate(Rules rules, Agent agent, Instant now) {
    Instant startOfDay =
        LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant minuteAgo = now.minus(Duration.ofMinutes(1));
    ExecutionStore.RecentRuns recent = store.recentRuns(agent.id(), minuteAgo, startOfDay);
    int perMinute = agent.restrictions().maxExecutionsPerMinute();
    Rate rate = new Rate.Free();
    if (recent.lastMinute() >= perMinute) {
      if (!rules.unattended()) {
        return new Rate.Over(
            Refused.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                "Agent rate limit reached ("
                    + perMinute
                    + " runs per minute). Try again in a minute."));
      }
      Instant opens = store.windowOpensAt(agent.id(), minuteAgo, recent.lastMinute() - perMinute);
      rate = new Rate.Held(new RunMoves.Hold(opens, QueueStatus.Reason.THROTTLED));
    }
    if (recent.today() >= agent.restrictions().maxExecutionsPerDay()) {
      if (agents.pauseForLimit(agent.workspaceId(), agent.id(), "execution limit")) {
        notifier.notifyOwners(
            agent.workspaceId(),
            "agent.paused",
            LIMIT_PAUSED,
            "/w/" + agent.workspaceId() + "/agents/" + agent.id());
      }
      return new Rate.Over(
          Refused.of(HttpStatus.TOO_MANY_REQUESTS, "EXECUTION_LIMIT_REACHED", LIMIT_PAUSED));
    }
    return rate;
  }

  private static Optional<Refused> checkPermission(Rules rules, Membership by, Agent agent) {
    return switch (rules.permission()) {
      case NONE -> Optional.empty();
      case MANAGE ->
          by.role().canManage()
              ? Optional.empty()
              : Optional.of(forbidden("Only workspace owners and admins can execute agents"));
      case RUN -> {
        if (!by.role().canWrite()) {
          yield Optional.of(forbidden("Viewers cannot run agents"));
        }
        if (agent.adminsOnly() && !by.role().canManage()) {
          yield Optional.of(forbidden("You do not have permission to run this agent"));
        }
        yield Optional.empty();
      }
    };
  }

  private static Refused forbidden(String message) {
    return Refused.of(HttpStatus.FORBIDDEN, "FORBIDDEN", message);
  }

  private static Refused notRunnable(Rules rules, Agent agent) {
    String status = agent.status().wireName();
    String message =
        rules.accepts().contains(AgentStatus.DRAFT)
            ? "Agent is " + status + ". Set it live or draft to run it."
            : "Only live agents can be executed (this one is " + status + ")";
    return Refused.of(HttpStatus.CONFLICT, "AGENT_NOT_RUNNABLE", message);
  }

  private static String prompt(Agent agent, TriggerContext context) {
    if (context.prompt() != null && !context.prompt().isBlank()) {
      return context.prompt();
    }
    return agent.kind() == AgentKind.COMMAND ? agent.goal() : null;
  }
}
