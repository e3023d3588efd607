package dev.switchboard.agent;

import dev.switchboard.api.ApiException;
import dev.switchboard.instruction.InstructionParser;
import dev.switchboard.instruction.ParseResult;
import dev.switchboard.instruction.UnparseableInstructionsException;
import dev.switchboard.plan.Condition;
import dev.switchboard.plan.InvalidPlanException;
import dev.switchboard.plan.Plan;
import dev.switchboard.plan.PlanJson;
import dev.switchboard.workspace.Membership;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, changes and finds agents; the rules of what an agent may hold live here. */
@Service
public class Agents {

  /** The name of {@link #defaultCommandAgent}. */
  public static final String DEFAULT_COMMAND_AGENT = "Command agent";

  static final int MAX_INSTRUCTIONS = 20_000;
  private static final int MAX_ARGS = 64;
  private static final int MAX_ARG_LENGTH = 4000;

  private final AgentStore store;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  /** {@code SWITCHBOARD_AGENT_COMMAND} followed by the prompt placeholder. */
  private final List<String> defaultCommand;

  private final InstructionParser parser;
  private final CommandAgentPolicy commandPolicy;
  private final WorkspaceJobs jobs;
  private final TriggerStore triggers;
  private final WebhookSecrets webhooks;
  private final TransactionTemplate ownTransaction;

  Agents(
      AgentStore store,
      TriggerStore triggers,
      WebhookSecrets webhooks,
      Clock clock,
      ApplicationEventPublisher events,
      InstructionParser parser,
      CommandAgentPolicy commandPolicy,
      WorkspaceJobs jobs,
      PlatformTransactionManager transactions,
      @Value("${switchboard.agent-command}") String defaultCommand) {
    this.store = store;
    this.triggers = triggers;
    this.webhooks = webhooks;
    this.clock = clock;
    this.events = events;
    this.parser = parser;
    this.commandPolicy = commandPolicy;
    this.jobs = jobs;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.defaultCommand =
        Stream.concat(Arrays.stream(defaultCommand.strip().split("\\s+")), Stream.of(Agent.PROMPT))
            .toList();
  }

  /**
   * The workspace's command agent built from {@code SWITCHBOARD_AGENT_COMMAND}, which runs the work
   * orders that name no agent. Created on first use in its own transaction, with an id derived from
   * the workspace, so two first uses at once make one agent.
   */
  public Agent defaultCommandAgent(UUID workspaceId, UUID createdBy) {
    UUID id = UUID.nameUUIDFromBytes(("default-command-agent:" + workspaceId).getBytes());
    return find(workspaceId, id)
        .orElseGet(() -> {
          Instant now = clock.instant();
          Agent agent =
              new Agent(
                  id,
                  workspaceId,
                  DEFAULT_COMMAND_AGENT,
                  "Runs work orders that name no agent",
                  AgentKind.COMMAND,
                  AgentStatus.LIVE,
                  null,
                  null,
                  0,
                  defaultCommand,
                  null,
                  Agent.DEFAULT_TIMEOUT_SECONDS,
                  false,
                  Restrictions.DEFAULT,
                  createdBy,
                  now,
                  now);
          try {
            ownTransaction.executeWithoutResult(status -> store.insert(agent));
            return agent;
          } catch (DataIntegrityViolationException createdMeanwhile) {
            return require(workspaceId, id);
          }
        });
  }

  public Optional<Agent> find(UUID workspaceId, UUID id) {
    return store.find(workspaceId, id);
  }

  /** The agents with these ids (of any workspace), by id, read in one query. */
  public Map<UUID, Agent> findAll(java.util.Collection<UUID> ids) {
    Map<UUID, Agent> found = new java.util.HashMap<>();
    store.findAll(ids).forEach(a -> found.put(a.id(), a));
    return found;
  }

  /** The agent, or 404 when it does not exist in this workspace. */
  public Agent require(UUID workspaceId, UUID id) {
    return find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Agent"));
  }

  public List<Agent> list(UUID workspaceId, boolean includeArchived) {
    return store.list(workspaceId, includeArchived);
  }

  @Transactional
  public Agent create(Membership by, AgentRequest body) {
    AgentKind kind =
        AgentKind.fromWireName(body.kind() == null ? "workflow" : body.kind())
            .orElseThrow(() -> ApiException.invalid("kind", "Kind must be workflow or command"));
    requireMayChange(by, kind);
    AgentStatus status = parseStatus(body.status() == null ? "draft" : body.status());
    if (status == AgentStatus.ARCHIVED) {
      throw ApiException.invalid("status", "A new agent cannot be archived");
    }
    Instant now = clock.instant();
    Agent draft =
        new Agent(
            UUID.randomUUID(),
            by.workspaceId(),
            requireName(body.name()),
            body.goal(),
            kind,
            status,
            null,
            null,
            0,
            null,
            null,
            null,
            false,
            Restrictions.DEFAULT,
            by.userId(),
            now,
            now);
    Agent agent = compiled(apply(draft, body));
    List<TriggerDefinition> definitions =
        body.triggers() == null ? List.of() : TriggerJson.read(body.triggers(), List.of());
    store.insert(agent);
    saveTriggers(agent, definitions);
    return agent;
  }

  @Transactional
  Agent update(Membership by, UUID id, AgentRequest body) {
    Agent current = require(by.workspaceId(), id);
    requireMayChange(by, current.kind());
    if (current.status() == AgentStatus.ARCHIVED) {
      throw new ApiException(HttpStatus.CONFLICT, "AGENT_ARCHIVED", "This agent was deleted");
    }
    if (body.kind() != null && !body.kind().equals(current.kind().wireName())) {
      throw ApiException.invalid("kind", "The kind of an agent cannot change");
    }
    Agent updated = apply(current, body);
    if (body.status() != null) {
      updated = updated.withStatus(settableStatus(body.status()));
    }
    updated = compiled(updated);
    store.update(updated);
    if (body.triggers() != null) {
      saveTriggers(updated, TriggerJson.read(body.triggers(), triggers.of(by.workspaceId(), id)));
    }
    return updated;
  }

  /** The agent's triggers, in its order. */
  public List<TriggerDefinition> triggers(UUID workspaceId, UUID agentId) {
    return triggers.of(workspaceId, agentId);
  }

  /** The target filters of the agent's manual triggers, ANDed onto its first search. */
  public List<Condition.Compare> manualFilters(UUID workspaceId, UUID agentId) {
    return triggers.of(workspaceId, agentId).stream()
        .flatMap(t ->
            t instanceof TriggerDefinition.Manual manual
                ? manual.filters().stream()
                : Stream.empty())
        .toList();
  }

  /** Every trigger of {@code type} ({@code schedule}, {@code event} …) on a non-archived agent. */
  public List<AgentTrigger> activeTriggers(String type) {
    return triggers.active(type);
  }

  /** Every trigger of {@code type} on the workspace's non-archived agents, by agent. */
  public List<AgentTrigger> activeTriggers(UUID workspaceId, String type) {
    return triggers.active(workspaceId, type);
  }

  /** One trigger with its agent, wherever it is. */
  public Optional<AgentTrigger> trigger(UUID triggerId) {
    return triggers.find(triggerId);
  }

  private void saveTriggers(Agent agent, List<TriggerDefinition> definitions) {
    List<UUID> added =
        triggers.replace(agent.workspaceId(), agent.id(), definitions, clock.instant());
    definitions.stream()
        .filter(t -> t instanceof TriggerDefinition.Webhook && added.contains(t.id()))
        .forEach(t -> webhooks.issue(t.id()));
    events.publishEvent(new TriggersChanged(agent.workspaceId(), agent.id()));
  }

  /** Sets a status by hand (draft, live, paused; archived is {@link #archive}). */
  @Transactional
  Agent changeStatus(Membership by, UUID id, String status) {
    Agent current = require(by.workspaceId(), id);
    if (current.status() == AgentStatus.ARCHIVED) {
      throw new ApiException(HttpStatus.CONFLICT, "AGENT_ARCHIVED", "This agent was deleted");
    }
    AgentStatus next = parseStatus(status);
    if (next == AgentStatus.ARCHIVED) {
      return archive(by, id);
    }
    Agent compiled = compiled(current.withStatus(next));
    if (compiled.plan() != current.plan()) {
      store.update(compiled);
    }
    store.changeStatus(by.workspaceId(), id, next, clock.instant());
    events.publishEvent(
        new AgentStatusChanged(by.workspaceId(), id, current.status(), next, by.actor()));
    return current.withStatus(next);
  }

  /** Deleting archives: the agent stops, its history stays readable. */
  @Transactional
  Agent archive(Membership by, UUID id) {
    Agent current = require(by.workspaceId(), id);
    if (store.changeStatus(by.workspaceId(), id, AgentStatus.ARCHIVED, clock.instant())) {
      events.publishEvent(
          new AgentStatusChanged(
              by.workspaceId(), id, current.status(), AgentStatus.ARCHIVED, by.actor()));
    }
    return current.withStatus(AgentStatus.ARCHIVED);
  }

  /** Pauses an agent because a limit was reached; false when it was not running-eligible anyway. */
  @Transactional
  public boolean pauseForLimit(UUID workspaceId, UUID id, String reason) {
    Optional<Agent> agent = find(workspaceId, id);
    if (agent.isEmpty()
        || agent.get().status() == AgentStatus.PAUSED
        || agent.get().status() == AgentStatus.ARCHIVED) {
      return false;
    }
    store.changeStatus(workspaceId, id, AgentStatus.PAUSED, clock.instant());
    events.publishEvent(
        new AgentStatusChanged(workspaceId, id, agent.get().status(), AgentStatus.PAUSED, reason));
    return true;
  }

  /** Stores a plan compiled at run time from instructions that had none. */
  @Transactional
  public void storeCompiledPlan(UUID workspaceId, UUID id, Plan plan) {
    find(workspaceId, id)
        .ifPresent(a -> store.update(withPlan(a, a.instructions(), plan, a.planVersion())));
  }

  /**
   * Compiles instructions that have no plan yet. A draft may keep unreadable instructions (they are
   * the author's work in progress); publishing them is refused with 422 and the details.
   */
  private Agent compiled(Agent agent) {
    if (agent.kind() != AgentKind.WORKFLOW
        || agent.plan() != null
        || agent.instructions() == null
        || agent.instructions().isBlank()) {
      return agent;
    }
    return switch (parser.parse(agent.instructions())) {
      case ParseResult.Parsed parsed ->
          withPlan(agent, agent.instructions(), parsed.plan(), agent.planVersion());
      case ParseResult.Unparseable unparseable -> {
        if (agent.status() == AgentStatus.LIVE) {
          throw new UnparseableInstructionsException(unparseable.details());
        }
        yield agent;
      }
    };
  }

  private Agent apply(Agent current, AgentRequest body) {
    String name = body.name() == null ? current.name() : requireName(body.name());
    String goal = body.goal() == null ? current.goal() : limit("goal", body.goal(), 2000);
    Restrictions restrictions = restrictions(current.restrictions(), body.restrictions());
    boolean adminsOnly = current.adminsOnly();
    if (body.runPermission() != null) {
      adminsOnly =
          switch (body.runPermission()) {
            case "admins" -> true;
            case "members" -> false;
            default ->
                throw ApiException.invalid(
                    "runPermission", "runPermission must be members or admins");
          };
    }
    Agent agent =
        new Agent(
            current.id(),
            current.workspaceId(),
            name,
            goal,
            current.kind(),
            current.status(),
            current.instructions(),
            current.plan(),
            current.planVersion(),
            current.command(),
            current.workingDirectory(),
            current.timeoutSeconds(),
            adminsOnly,
            restrictions,
            current.createdBy(),
            current.createdAt(),
            clock.instant());
    return current.kind() == AgentKind.WORKFLOW
        ? applyWorkflow(agent, body)
        : applyCommand(agent, body);
  }

  private Agent applyWorkflow(Agent agent, AgentRequest body) {
    if (body.command() != null
        || body.workingDirectory() != null
        || body.timeoutSeconds() != null) {
      String field =
          body.command() != null
              ? "command"
              : body.workingDirectory() != null ? "workingDirectory" : "timeoutSeconds";
      throw ApiException.invalid(field, "Only command agents take '" + field + "'");
    }
    String instructions =
        body.instructions() == null
            ? agent.instructions()
            : limit("instructions", body.instructions(), MAX_INSTRUCTIONS);
    Plan plan = agent.plan();
    boolean changed = false;
    if (body.plan() != null) {
      plan = readPlan(body.plan());
      changed = true;
    } else if (body.instructions() != null && !body.instructions().equals(agent.instructions())) {
      // New words invalidate the old plan; it is compiled again on publish or at run time.
      plan = null;
      changed = true;
    }
    return withPlan(
        agent, instructions, plan, changed ? agent.planVersion() + 1 : agent.planVersion());
  }

  private Agent applyCommand(Agent agent, AgentRequest body) {
    if (body.instructions() != null || body.plan() != null) {
      String field = body.plan() != null ? "plan" : "instructions";
      throw ApiException.invalid(field, "Command agents take a command, not '" + field + "'");
    }
    List<String> command = agent.command();
    if (body.command() != null) {
      command = checkCommand(body.command());
    } else if (command == null) {
      command = defaultCommand;
    }
    commandPolicy.check(command);
    String directory = agent.workingDirectory();
    if (body.workingDirectory() != null) {
      directory = jobs.relative(agent.workspaceId(), body.workingDirectory());
    }
    Integer timeout = agent.timeoutSeconds();
    if (body.timeoutSeconds() != null) {
      if (body.timeoutSeconds() < 1 || body.timeoutSeconds() > 7 * 24 * 3600) {
        throw ApiException.invalid("timeoutSeconds", "timeoutSeconds must be from 1 to 604800");
      }
      timeout = body.timeoutSeconds();
    }
    return new Agent(
        agent.id(),
        agent.workspaceId(),
        agent.name(),
        agent.goal(),
        agent.kind(),
        agent.status(),
        null,
        null,
        0,
        List.copyOf(command),
        directory,
        timeout,
        agent.adminsOnly(),
        agent.restrictions(),
        agent.createdBy(),
        agent.createdAt(),
        agent.updatedAt());
  }

  private static Agent withPlan(Agent a, String instructions, Plan plan, int version) {
    return new Agent(
        a.id(),
        a.workspaceId(),
        a.name(),
        a.goal(),
        a.kind(),
        a.status(),
        instructions,
        plan,
        version,
        a.command(),
        a.workingDirectory(),
        a.timeoutSeconds(),
        a.adminsOnly(),
        a.restrictions(),
        a.createdBy(),
        a.createdAt(),
        a.updatedAt());
  }

  private static List<String> checkCommand(List<String> command) {
    if (command.isEmpty() || command.size() > MAX_ARGS) {
      throw ApiException.invalid("command", "command must be a list of 1 to 64 arguments");
    }
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      String field = "command[" + i + "]";
      if (arg == null || arg.indexOf('\0') >= 0) {
        throw ApiException.invalid(field, "Argument " + i + " of command is not valid");
      }
      if (i == 0 && arg.isBlank()) {
        throw ApiException.invalid(field, "Name the program to run");
      }
      if (arg.length() > MAX_ARG_LENGTH) {
        throw ApiException.invalid(
            field, "Argument " + i + " is longer than " + MAX_ARG_LENGTH + " characters");
      }
    }
    return command;
  }

  private static Plan readPlan(Object tree) {
    try {
      return PlanJson.read(tree);
    } catch (InvalidPlanException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "INVALID_PLAN",
          "Invalid plan: " + e.getMessage(),
          Map.of("field", e.path()));
    }
  }

  private static Restrictions restrictions(
      Restrictions current, AgentRequest.RestrictionsRequest r) {
    if (r == null) {
      return current;
    }
    return new Restrictions(
        bounded(
            "restrictions.maxExecutionsPerMinute",
            r.maxExecutionsPerMinute(),
            current.maxExecutionsPerMinute()),
        bounded(
            "restrictions.maxExecutionsPerDay",
            r.maxExecutionsPerDay(),
            current.maxExecutionsPerDay()),
        bounded("restrictions.maxEmailsPerDay", r.maxEmailsPerDay(), current.maxEmailsPerDay()));
  }

  private static int bounded(String field, Integer value, int current) {
    if (value == null) {
      return current;
    }
    if (value < 1 || value > 1_000_000) {
      throw ApiException.invalid(field, field + " must be from 1 to 1000000");
    }
    return value;
  }

  private void requireMayChange(Membership by, AgentKind kind) {
    if (kind == AgentKind.COMMAND) {
      commandPolicy.requireAllowed(by);
    } else if (!by.role().canManage()) {
      throw ApiException.forbidden("Only owners and admins can create or change agents");
    }
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw ApiException.invalid("name", "Agent name is required");
    }
    return limit("name", name.strip(), 200);
  }

  private static String limit(String field, String value, int max) {
    if (value.length() > max) {
      throw ApiException.invalid(field, field + " is too long (at most " + max + " characters)");
    }
    return value;
  }

  private static AgentStatus parseStatus(String status) {
    return AgentStatus.fromWireName(status)
        .orElseThrow(
            () -> ApiException.invalid("status", "Status must be draft, live, paused or archived"));
  }

  private static AgentStatus settableStatus(String status) {
    AgentStatus next = parseStatus(status);
    if (next == AgentStatus.ARCHIVED) {
      throw ApiException.invalid("status", "Delete the agent to archive it");
    }
    return next;
  }
}
