package dev.switchboard.run;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentKind;
import dev.switchboard.agent.AgentStatus;
import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import dev.switchboard.notification.Notifier;
import dev.switchboard.workspace.Membership;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admission: the one policy every trigger goes through before a run is queued (SPEC "Admission"):
 * agent status, the caller's role, the per-agent rate and daily budget, and the agent's single
 * slot, which the database enforces.
 */
@Service
public class Triggers {

  static final String ALREADY_RUNNING =
      "Agent is already running. Wait for current execution to complete.";
  static final String LIMIT_PAUSED = "Agent paused: execution limit reached";

  private final Agents agents;
  private final ExecutionStore store;
  private final TransactionTemplate savepoint;
  private final RunWorkers workers;
  private final Notifier notifier;
  private final Clock clock;

  Triggers(
      Agents agents,
      ExecutionStore store,
      PlatformTransactionManager transactions,
      RunWorkers workers,
      Notifier notifier,
      Clock clock) {
    this.agents = agents;
    this.store = store;
    // The insert may hit the agent's slot; a savepoint keeps the admission's transaction usable.
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.workers = workers;
    this.notifier = notifier;
    this.clock = clock;
  }

  /** "Run Now": refused with 409 while the agent has a queued or running run. */
  @Transactional(noRollbackFor = ApiException.class)
  public Execution trigger(Membership by, UUID agentId, TriggerRequest request) {
    Agent agent = agents.require(by.workspaceId(), agentId);
    checkRunPermission(by, agent);
    if (!agent.status().allowsManualRun()) {
      throw notRunnable(agent);
    }
    return admit(agent, TriggerType.MANUAL, by.actor(), request, null);
  }

  /** A retry: a new run with the same trigger context, admitted like a manual one. */
  @Transactional(noRollbackFor = ApiException.class)
  public Execution retry(Membership by, Execution original) {
    Agent agent = agents.require(by.workspaceId(), original.agentId());
    checkRunPermission(by, agent);
    if (!agent.status().allowsManualRun()) {
      throw notRunnable(agent);
    }
    TriggerRequest request = fromContext(original);
    return admit(agent, TriggerType.RETRY, by.actor(), request, original.id());
  }

  /** The synchronous API run: live agents only, owners and admins only; queues behind. */
  @Transactional(noRollbackFor = ApiException.class)
  public Execution enqueueForApi(Membership by, UUID agentId, TriggerRequest request) {
    if (!by.role().canManage()) {
      throw ApiException.forbidden("Only workspace owners and admins can execute agents");
    }
    Agent agent = agents.require(by.workspaceId(), agentId);
    if (agent.status() != AgentStatus.LIVE) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "AGENT_NOT_RUNNABLE",
          "Only live agents can be executed (this one is " + agent.status().wireName() + ")");
    }
    return admit(agent, TriggerType.API, by.actor(), request, null);
  }

  private Execution admit(
      Agent agent, TriggerType type, String actor, TriggerRequest request, UUID retryOf) {
    checkPrompt(request);
    Instant now = clock.instant();
    checkRate(agent, now);
    Execution run =
        new Execution(
            UUID.randomUUID(),
            agent.workspaceId(),
            agent.id(),
            agent.name(),
            type,
            actor,
            context(request),
            prompt(agent, request),
            ExecutionStatus.QUEUED,
            now,
            null,
            null,
            null,
            0,
            false,
            null,
            Checkpoint.START,
            null,
            0,
            null,
            0,
            null,
            null,
            retryOf);
    try {
      insert(run, true, actor);
    } catch (DataIntegrityViolationException busy) {
      if (type.rejectsWhenBusy()) {
        throw alreadyRunning(agent.id());
      }
      // Scheduled, event and API runs queue behind the active one instead.
      insert(run, false, actor);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("executionId", run.id());
    data.put("queuePosition", store.queueAhead(run.createdAt()) + 1);
    afterCommit(() -> {
      workers.wake();
      workers.publish(run, "execution:queued", data);
    });
    return run;
  }

  /**
   * Admission's reads and its insert share one transaction; the workers hear of the run only once
   * it is committed.
   */
  private static void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }

  private void insert(Execution run, boolean head, String actor) {
    savepoint.executeWithoutResult(status -> {
      store.insert(run, head);
      store.recordTransition(run.id(), null, ExecutionStatus.QUEUED, run.createdAt(), actor, null);
    });
  }

  private ApiException alreadyRunning(UUID agentId) {
    Map<String, Object> extras = new LinkedHashMap<>();
    store
        .head(agentId)
        .ifPresent(current -> {
          extras.put("currentExecutionId", current.id());
          extras.put(
              "startedAt", current.startedAt() == null ? current.createdAt() : current.startedAt());
        });
    return new ApiException(HttpStatus.CONFLICT, "AGENT_ALREADY_RUNNING", ALREADY_RUNNING, extras);
  }

  private void checkRate(Agent agent, Instant now) {
    Instant startOfDay =
        LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    ExecutionStore.RecentRuns recent =
        store.recentRuns(agent.id(), now.minus(Duration.ofMinutes(1)), startOfDay);
    long lastMinute = recent.lastMinute();
    if (lastMinute >= agent.restrictions().maxExecutionsPerMinute()) {
      throw new ApiException(
          HttpStatus.TOO_MANY_REQUESTS,
          "RATE_LIMITED",
          "Agent rate limit reached ("
              + agent.restrictions().maxExecutionsPerMinute()
              + " runs per minute). Try again in a minute.");
    }
    if (recent.today() >= agent.restrictions().maxExecutionsPerDay()) {
      if (agents.pauseForLimit(agent.workspaceId(), agent.id(), "execution limit")) {
        notifier.notifyOwners(
            agent.workspaceId(),
            "agent.paused",
            LIMIT_PAUSED
                + " ("
                + agent.name()
                + ", "
                + agent.restrictions().maxExecutionsPerDay()
                + " runs/day)",
            "/w/" + agent.workspaceId() + "/agents/" + agent.id());
      }
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "EXECUTION_LIMIT_REACHED", LIMIT_PAUSED);
    }
  }

  private static void checkRunPermission(Membership by, Agent agent) {
    if (!by.role().canWrite()) {
      throw ApiException.forbidden("Viewers cannot run agents");
    }
    if (agent.adminsOnly() && !by.role().canManage()) {
      throw ApiException.forbidden("You do not have permission to run this agent");
    }
  }

  private static ApiException notRunnable(Agent agent) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "AGENT_NOT_RUNNABLE",
        "Agent is " + agent.status().wireName() + ". Set it live or draft to run it.");
  }

  private static void checkPrompt(TriggerRequest request) {
    if (request.prompt() != null && request.prompt().length() > TriggerRequest.MAX_PROMPT) {
      throw ApiException.invalid("prompt", "prompt is too long (at most 100000 characters)");
    }
  }

  private static Map<String, Object> context(TriggerRequest request) {
    Map<String, Object> context = new LinkedHashMap<>();
    if (request.filters() != null) {
      context.put("filters", request.filters());
    }
    if (request.context() != null) {
      context.put("context", request.context());
    }
    return context;
  }

  @SuppressWarnings("unchecked")
  private static TriggerRequest fromContext(Execution original) {
    Map<String, Object> ctx =
        original.triggerContext() == null ? Map.of() : original.triggerContext();
    return new TriggerRequest(
        (java.util.List<Map<String, Object>>) ctx.get("filters"),
        (Map<String, Object>) ctx.get("context"),
        original.prompt());
  }

  private static String prompt(Agent agent, TriggerRequest request) {
    if (request.prompt() != null && !request.prompt().isBlank()) {
      return request.prompt();
    }
    return agent.kind() == AgentKind.COMMAND ? agent.goal() : null;
  }
}
