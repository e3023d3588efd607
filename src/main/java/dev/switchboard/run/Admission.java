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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
      QueueWatch watch,
      RunEvents events,
      PlatformTransactionManager transactions,
      RunWorkers workers,
      Notifier notifier,
      Clock clock) {
    this.agents = agents;
    this.store = store;
    this.moves = moves;
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
    return admitAll(List.of(new Request(source, agent, context))).getFirst();
  }

  /** One run asked of admission: by what, of which agent, with what context. */
  public record Request(TriggerSource source, Agent agent, TriggerContext context) {}

  /**
   * {@link #admit} for many runs at once (a tick's due schedules), with the same rules, in one
   * transaction and a few statements for all of them: one count of the agents' recent runs, one
   * lock of their heads, one insert of the runs. The results are in the order of the requests; a
   * request for an agent that an earlier one of them made busy queues behind it.
   */
  @Transactional
  public List<AdmissionResult> admitAll(List<Request> requests) {
    Instant now = clock.instant();
    AdmissionResult[] results = new AdmissionResult[requests.size()];
    List<Integer> runnable = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      Request r = requests.get(i);
      Rules rules = r.source().rules();
      Optional<Refused> forbidden =
          r.source().caller().flatMap(by -> checkPermission(rules, by, r.agent()));
      if (forbidden.isPresent()) {
        results[i] = forbidden.get();
      } else if (!rules.accepts().contains(r.agent().status())) {
        results[i] =
            rules.unattended() && r.agent().status() != AgentStatus.ARCHIVED
                ? skip(r.source(), r.agent(), r.context())
                : notRunnable(rules, r.agent());
      } else {
        runnable.add(i);
      }
    }
    if (runnable.isEmpty()) {
      return List.of(results);
    }
    Window window =
        new Window(runnable.stream().map(i -> requests.get(i).agent().id()).toList(), now);
    List<Candidate> candidates = new ArrayList<>();
    for (int k = 0; k < runnable.size(); k++) {
      int i = runnable.get(k);
      Request r = requests.get(i);
      // The runs are stamped a microsecond apart in the order of the requests: an agent's queue
      // takes its runs by creation time, so they leave it in the order the rate window counted
      // them, and a run the window held never comes before one it let through.
      Instant at = now.plus(k, ChronoUnit.MICROS);
      switch (window.check(r.source().rules(), r.agent(), at)) {
        case Rate.Over over -> results[i] = over.refusal();
        case Rate.Held held -> candidates.add(candidate(i, r, at, held.hold()));
        case Rate.Free free -> candidates.add(candidate(i, r, at, null));
      }
    }
    for (Candidate c : queue(candidates)) {
      results[c.index()] = c.result();
    }
    List<Execution> admitted = new ArrayList<>();
    for (AdmissionResult result : results) {
      if (result instanceof Admitted a) {
        admitted.add(a.execution());
      }
    }
    if (!admitted.isEmpty()) {
      AfterCommit.run(() -> watch.admitted(admitted, workers::wake));
    }
    return List.of(results);
  }

  /** A run that passed the agent's status and rate, on its way into the queue. */
  private record Candidate(
      int index, Request request, Execution run, RunMoves.Hold hold, AdmissionResult result) {

    Candidate settled(AdmissionResult result) {
      return new Candidate(index, request, run, hold, result);
    }

    Admitted admitted(boolean behind) {
      return new Admitted(run, behind, hold != null);
    }
  }

  private static Candidate candidate(int index, Request r, Instant now, RunMoves.Hold hold) {
    return new Candidate(
        index,
        r,
        newRun(r.source(), r.agent(), r.context(), ExecutionStatus.QUEUED, now, null),
        hold,
        null);
  }

  /**
   * Queues the candidates: the agents' heads are locked first (a run about to queue behind a head
   * takes this lock so that the head cannot end unseen: if it ends first, there is no head left to
   * lock; if it ends later, its promotion sees the committed run behind); an agent without one gets
   * its first candidate as head, the others queue behind. When a head appeared meanwhile (another
   * transaction took a slot), the batch is undone and each run takes its slot alone.
   */
  private List<Candidate> queue(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      return candidates;
    }
    Set<UUID> busy =
        store.lockHeads(candidates.stream().map(c -> c.run().agentId()).distinct().toList());
    List<Candidate> decided = new ArrayList<>();
    List<RunMoves.Enqueued> rows = new ArrayList<>();
    boolean heads = false;
    for (Candidate c : candidates) {
      boolean behind = !busy.add(c.run().agentId());
      if (behind && !c.request().source().rules().queuesWhenBusy()) {
        decided.add(c.settled(alreadyRunning(c.run().agentId())));
        continue;
      }
      heads |= !behind;
      rows.add(new RunMoves.Enqueued(c.run(), !behind, c.hold()));
      decided.add(c.settled(c.admitted(behind)));
    }
    if (!heads) {
      moves.enqueueAll(rows);
      return decided;
    }
    try {
      savepoint.executeWithoutResult(status -> moves.enqueueAll(rows));
      return decided;
    } catch (DuplicateKeyException slotTakenMeanwhile) {
      return candidates.stream().map(this::queueAlone).toList();
    }
  }

  private Candidate queueAlone(Candidate c) {
    boolean behind = !takeSlot(c.run(), c.hold());
    if (behind) {
      if (!c.request().source().rules().queuesWhenBusy()) {
        return c.settled(alreadyRunning(c.run().agentId()));
      }
      insert(c.run(), false, c.hold());
    }
    return c.settled(c.admitted(behind));
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

  /**
   * The agents' rate and budget, read for all of them in one query and counted on as the batch
   * admits runs, so that two requests for one agent see each other.
   */
  private final class Window {
    private final Instant minuteAgo;
    private final Map<UUID, ExecutionStore.RecentRuns> recent;
    private final Map<UUID, List<Instant>> added = new HashMap<>();

    Window(List<UUID> agentIds, Instant now) {
      this.minuteAgo = now.minus(Duration.ofMinutes(1));
      Instant startOfDay =
          LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
      this.recent = store.recentRuns(new HashSet<>(agentIds), minuteAgo, startOfDay);
    }

    /** What the window says about one more run of the agent, created {@code at}. */
    Rate check(Rules rules, Agent agent, Instant at) {
      ExecutionStore.RecentRuns stored =
          recent.getOrDefault(agent.id(), new ExecutionStore.RecentRuns(0, 0));
      List<Instant> ours = added.computeIfAbsent(agent.id(), id -> new ArrayList<>());
      long lastMinute = stored.lastMinute() + ours.size();
      int perMinute = agent.restrictions().maxExecutionsPerMinute();
      Rate rate = new Rate.Free();
      if (lastMinute >= perMinute) {
        if (!rules.unattended()) {
          return new Rate.Over(
              Refused.of(
                  HttpStatus.TOO_MANY_REQUESTS,
                  "RATE_LIMITED",
                  "Agent rate limit reached ("
                      + perMinute
                      + " runs per minute). Try again in a minute."));
        }
        Instant opens = opensAt(agent.id(), ours, lastMinute - perMinute);
        rate = new Rate.Held(new RunMoves.Hold(opens, QueueStatus.Reason.THROTTLED));
      }
      if (stored.today() + ours.size() >= agent.restrictions().maxExecutionsPerDay()) {
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
      ours.add(rate instanceof Rate.Held held ? held.hold().until() : at);
      return rate;
    }

    /**
     * A minute after the {@code skip}-th oldest run counted in the window, the stored ones and
     * those this batch admitted ({@code ours}) together.
     */
    private Instant opensAt(UUID agentId, List<Instant> ours, long skip) {
      List<Instant> counted = new ArrayList<>(store.countedInWindow(agentId, minuteAgo, skip + 1));
      counted.addAll(ours);
      counted.sort(null);
      return counted.get((int) skip).plus(Duration.ofMinutes(1));
    }
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
