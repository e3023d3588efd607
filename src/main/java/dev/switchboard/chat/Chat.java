package dev.switchboard.chat;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.run.Admission;
import dev.switchboard.run.Execution;
import dev.switchboard.run.ExecutionStatus;
import dev.switchboard.run.Executions;
import dev.switchboard.run.HistoryQuery;
import dev.switchboard.run.QueueStatus;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.workorder.IdempotentRequests;
import dev.switchboard.workorder.WorkOrderRequest;
import dev.switchboard.workorder.WorkOrderRuns;
import dev.switchboard.workspace.Membership;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chat console: stores each message with its author, answers it at once (before any run it
 * starts has begun) and stores the reply. Commands follow the API's roles.
 */
@Service
public class Chat {

  static final int MAX_TEXT = 10_000;
  static final String LAUNCHED = "Task created and launched";

  private final ChatMessages messages;
  private final WorkOrderRuns workOrderRuns;
  private final Agents agents;
  private final Admission admission;
  private final Executions executions;
  private final IdempotentRequests idempotent;
  private final TransactionTemplate tx;
  private final TransactionTemplate savepoint;
  private final Clock clock;

  Chat(
      ChatMessages messages,
      WorkOrderRuns workOrderRuns,
      Agents agents,
      Admission admission,
      Executions executions,
      IdempotentRequests idempotent,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.messages = messages;
    this.workOrderRuns = workOrderRuns;
    this.agents = agents;
    this.admission = admission;
    this.executions = executions;
    this.idempotent = idempotent;
    this.tx = new TransactionTemplate(transactions);
    // A refused command rolls back only its own writes; the message and its reply stay.
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.clock = clock;
  }

  /** Switchboard's reply to one message. */
  public record Reply(String text, String kind) {
    static Reply info(String text) {
      return new Reply(text, "info");
    }

    static Reply success(String text) {
      return new Reply(text, "success");
    }

    static Reply error(String text) {
      return new Reply(text, "error");
    }
  }

  /** The work order a reply is about. */
  public record WorkOrderRef(UUID id, String title, String status, Integer runNumber) {}

  /**
   * The run a reply is about; while it waits, where it stands in the queue and why (as {@code GET
   * execution} says it).
   */
  public record RunRef(
      UUID executionId,
      String status,
      Integer runNumber,
      UUID workOrderId,
      Integer queuePosition,
      QueueReason queueReason,
      Instant estimatedStartAt) {

    static RunRef of(Execution run, Optional<QueueStatus> queue) {
      QueueStatus q = queue.orElse(null);
      return new RunRef(
          run.id(),
          run.status().wireName(),
          run.runNumber(),
          run.workOrderId(),
          q == null ? null : q.position(),
          q == null ? null : new QueueReason(q.reason().wireName(), q.message()),
          q == null ? null : q.estimatedStartAt());
    }
  }

  /** {@code queueReason}: {code, message}. */
  public record QueueReason(String code, String message) {}

  /** The answer to {@code POST /chat} and to the WebSocket {@code chat} message. */
  public record Answer(Reply reply, WorkOrderRef workOrder, RunRef execution) {
    static Answer of(Reply reply) {
      return new Answer(reply, null, null);
    }
  }

  /**
   * {@link #answer} once per key, for {@code POST /chat} and the WebSocket {@code chat} message
   * alike: the {@code Idempotency-Key} if given, else the {@code clientMessageId}, so a redelivered
   * message gets its first answer back and starts nothing new.
   */
  public IdempotentRequests.Answer answerOnce(
      Membership by, String idempotencyKey, String clientMessageId, String text) {
    String key =
        idempotencyKey != null
            ? idempotencyKey
            : clientMessageId == null ? null : "chat:" + clientMessageId;
    return idempotent.once(
        by, key, text, () -> new IdempotentRequests.Answer(200, ApiResponse.ok(answer(by, text))));
  }

  Answer answer(Membership by, String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.invalid("text", "text is required");
    }
    if (text.length() > MAX_TEXT) {
      throw ApiException.invalid("text", "text is too long (at most " + MAX_TEXT + " characters)");
    }
    return tx.execute(status -> {
      messages.add(
          by.workspaceId(),
          new ChatMessage.Author(by.userId(), by.email()),
          text,
          null,
          null,
          null,
          clock.instant());
      Answer answer = run(by, ChatCommand.parse(text));
      messages.add(
          by.workspaceId(),
          null,
          answer.reply().text(),
          answer.reply().kind(),
          answer.workOrder() == null ? null : answer.workOrder().id(),
          answer.execution() == null ? null : answer.execution().executionId(),
          clock.instant());
      return answer;
    });
  }

  /** The conversation before {@code before} (a message's seq), oldest first. */
  List<ChatMessage> history(UUID workspaceId, Long before) {
    return messages.page(workspaceId, before, 100);
  }

  private Answer run(Membership by, ChatCommand command) {
    if (!command.allowedFor(by.role())) {
      return Answer.of(Reply.error("Viewers can use /status and /help only. Type /help."));
    }
    try {
      return savepoint.execute(s ->
          switch (command) {
            case ChatCommand.Task t -> task(by, t);
            case ChatCommand.Run r -> runAgent(by, r.agentName());
            case ChatCommand.Stop s2 -> stop(by, s2.executionId());
            case ChatCommand.Status st -> status(by);
            case ChatCommand.Help h -> help(by);
            case ChatCommand.Incomplete i ->
                Answer.of(Reply.error("Usage: " + i.usage() + ". Type /help for more."));
            case ChatCommand.Unknown u ->
                Answer.of(Reply.error("Unknown command. Type /help to see what you can use."));
          });
    } catch (ApiException refused) {
      return Answer.of(Reply.error(refused.getMessage()));
    }
  }

  private Answer task(Membership by, ChatCommand.Task t) {
    UUID agentId = null;
    String title = t.text();
    if (t.namesAgent()) {
      List<Agent> named = longestNamePrefix(by.workspaceId(), t.text());
      if (named.isEmpty()) {
        return Answer.of(Reply.error("No agent with that name. Use /task @<agent name> <title>."));
      }
      if (named.size() > 1) {
        return Answer.of(ambiguous(named.getFirst().name()));
      }
      agentId = named.getFirst().id();
      title = t.text().substring(named.getFirst().name().length()).strip();
    }
    WorkOrderRuns.Started started =
        workOrderRuns.createAndStart(by, new WorkOrderRequest(title, null, agentId, null), true);
    int number = started.run().runNumber();
    String status = started.run().status().wireName();
    return new Answer(
        Reply.success(
            LAUNCHED
                + ": work order "
                + started.workOrder().id()
                + ", run #"
                + number
                + ", "
                + status),
        new WorkOrderRef(
            started.workOrder().id(),
            started.workOrder().title(),
            started.workOrder().status().wireName(),
            number),
        RunRef.of(started.run(), executions.queueStatus(started.run().id())));
  }

  /**
   * The agents whose name starts the text, followed by a space: those of the longest such name,
   * more than one when agents share it.
   */
  private List<Agent> longestNamePrefix(UUID workspaceId, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<Agent> prefixes =
        agents.list(workspaceId, false).stream()
            .filter(a -> lower.startsWith(a.name().toLowerCase(Locale.ROOT) + " "))
            .toList();
    int longest = prefixes.stream().mapToInt(a -> a.name().length()).max().orElse(0);
    return prefixes.stream().filter(a -> a.name().length() == longest).toList();
  }

  /** Agents may share a name; the chat then starts none of them rather than guess. */
  private static Reply ambiguous(String name) {
    return Reply.error(
        "Several agents are named '" + name + "'. Rename all but one of them, then try again.");
  }

  private Answer runAgent(Membership by, String name) {
    List<Agent> named =
        agents.list(by.workspaceId(), false).stream()
            .filter(a -> a.name().equalsIgnoreCase(name))
            .toList();
    if (named.isEmpty()) {
      throw ApiException.notFound("Agent '" + name + "'");
    }
    if (named.size() > 1) {
      return Answer.of(ambiguous(named.getFirst().name()));
    }
    Agent agent = named.getFirst();
    Execution run =
        admission.admit(new TriggerSource.Chat(by), agent, TriggerContext.EMPTY).orThrow();
    return new Answer(
        Reply.success("Run started: " + agent.name() + " (execution " + run.id() + ")"),
        null,
        RunRef.of(run, executions.queueStatus(run.id())));
  }

  private Answer stop(Membership by, String id) {
    UUID executionId;
    try {
      executionId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Answer.of(Reply.error("Usage: /stop <execution id>"));
    }
    Execution stopped = executions.cancel(by, executionId);
    return new Answer(
        Reply.success("Stopping run " + executionId), null, RunRef.of(stopped, Optional.empty()));
  }

  private Answer status(Membership by) {
    List<String> lines =
        List.of(ExecutionStatus.RUNNING, ExecutionStatus.QUEUED).stream()
            .flatMap(s -> active(by.workspaceId(), s).stream())
            .toList();
    if (lines.isEmpty()) {
      return Answer.of(Reply.info("No active or queued runs."));
    }
    return Answer.of(Reply.info(String.join("\n", lines)));
  }

  @SuppressWarnings("unchecked")
  private List<String> active(UUID workspaceId, ExecutionStatus status) {
    Map<String, Object> page =
        executions.history(workspaceId, null, new HistoryQuery(status, null, null, null, 1));
    return ((List<Map<String, Object>>) page.get("items"))
        .stream()
            .map(run -> {
              StringBuilder line =
                  new StringBuilder()
                      .append(run.get("agentName"))
                      .append(" — ")
                      .append(status.wireName())
                      .append(" (")
                      .append(run.get("executionId"))
                      .append(")");
              if (run.get("queuePosition") != null) {
                line.append(", position ").append(run.get("queuePosition"));
              }
              if (run.get("queueReason") instanceof Map<?, ?> reason) {
                line.append(": ").append(reason.get("message"));
              }
              return line.toString();
            })
            .collect(Collectors.toList());
  }

  private Answer help(Membership by) {
    return Answer.of(
        Reply.info(
            "Commands you can use:\n"
                + ChatCommand.USAGES.stream()
                    .filter(u -> u.allowedFor(by.role()))
                    .map(u -> u.syntax() + " — " + u.description())
                    .collect(Collectors.joining("\n"))));
  }
}
