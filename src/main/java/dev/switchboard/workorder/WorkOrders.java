package dev.switchboard.workorder;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import dev.switchboard.run.Executions;
import dev.switchboard.sql.AfterCommit;
import dev.switchboard.workspace.Membership;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates work orders and moves them through their statuses, each move recorded with its actor. */
@Service
public class WorkOrders {

  static final int MAX_TITLE = 500;
  static final int MAX_PROMPT = 100_000;
  static final String COMPLETE = "Cannot trigger run for completed work order";

  private final WorkOrderStore store;
  private final Agents agents;
  private final Executions executions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  WorkOrders(
      WorkOrderStore store,
      Agents agents,
      Executions executions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.store = store;
    this.agents = agents;
    this.executions = executions;
    this.events = events;
    this.clock = clock;
  }

  /** A new draft; without an agent it goes to the workspace's default command agent. */
  @Transactional
  public WorkOrder create(Membership by, WorkOrderRequest body) {
    requireWriter(by);
    String title = body.title() == null ? "" : body.title().strip();
    if (title.isEmpty()) {
      throw ApiException.invalid("title", "title is required");
    }
    if (title.length() > MAX_TITLE) {
      throw ApiException.invalid(
          "title", "title is too long (at most " + MAX_TITLE + " characters)");
    }
    if (body.prompt() != null && body.prompt().length() > MAX_PROMPT) {
      throw ApiException.invalid(
          "prompt", "prompt is too long (at most " + MAX_PROMPT + " characters)");
    }
    Agent agent =
        body.agentId() == null
            ? agents.defaultCommandAgent(by.workspaceId(), by.userId())
            : agents.require(by.workspaceId(), body.agentId());
    Instant now = clock.instant();
    WorkOrder order =
        new WorkOrder(
            UUID.randomUUID(),
            by.workspaceId(),
            title,
            body.prompt(),
            agent.id(),
            Profiles.DEFAULT.name(),
            WorkOrderStatus.DRAFT,
            body.metadata(),
            0,
            null,
            by.actor(),
            now,
            now);
    store.insert(order);
    store.record(order.id(), null, WorkOrderStatus.DRAFT, now, by.actor(), null, "Created");
    published(order, WorkOrderStatus.DRAFT, null, null);
    return order;
  }

  @Transactional
  public WorkOrder approve(Membership by, UUID id) {
    requireWriter(by);
    WorkOrder order = require(by.workspaceId(), id);
    return move(order, WorkOrderStatus.APPROVED, by.actor(), null, null, "Approved");
  }

  /** Review → succeeded: a person accepts the latest run's work. */
  @Transactional
  public WorkOrder accept(Membership by, UUID id) {
    requireWriter(by);
    WorkOrder order = require(by.workspaceId(), id);
    if (order.status() != WorkOrderStatus.REVIEW) {
      throw conflict(order, "Only a work order in review can be accepted");
    }
    return move(order, WorkOrderStatus.SUCCEEDED, by.actor(), null, null, "Accepted");
  }

  /**
   * Any non-terminal → cancelled; its active run, if any, is stopped once this is committed, so the
   * caller must be allowed to stop that run (the check every stop goes through).
   */
  @Transactional
  public WorkOrder cancel(Membership by, UUID id) {
    requireWriter(by);
    WorkOrder order = require(by.workspaceId(), id);
    UUID activeRun = order.activeRunId();
    if (activeRun != null) {
      executions
          .find(by.workspaceId(), activeRun)
          .ifPresent(run -> executions.requireMayChange(by, run, "stop"));
    }
    WorkOrder cancelled =
        move(order, WorkOrderStatus.CANCELLED, by.actor(), null, null, "Cancelled");
    if (activeRun != null) {
      AfterCommit.run(() -> stopRun(by, activeRun));
    }
    return cancelled;
  }

  private void stopRun(Membership by, UUID runId) {
    try {
      executions.cancel(by, runId);
    } catch (ApiException alreadyFinished) {
      // It ended on its own between the cancel and now: nothing left to stop.
    }
  }

  public Optional<WorkOrder> find(UUID workspaceId, UUID id) {
    return store.find(workspaceId, id);
  }

  public WorkOrder require(UUID workspaceId, UUID id) {
    return find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Work order"));
  }

  /** The workspace of any work order: only for callers that check membership themselves. */
  public Optional<UUID> workspaceOf(UUID id) {
    return store.workspaceOf(id);
  }

  public List<WorkOrderTransition> transitions(WorkOrder order) {
    return store.transitions(order.id());
  }

  /** One page of a workspace's work orders, newest first, optionally of one status. */
  WorkOrderPage list(UUID workspaceId, String status, int page, int pageSize) {
    WorkOrderStatus filter =
        status == null || status.isBlank()
            ? null
            : WorkOrderStatus.fromWireName(status)
                .orElseThrow(
                    () -> ApiException.invalid("status", "Unknown status '" + status + "'"));
    if (page < 1 || page > 100_000) {
      throw ApiException.invalid("page", "page must be from 1 to 100000");
    }
    long total = store.count(workspaceId, filter);
    return new WorkOrderPage(
        store.page(workspaceId, filter, (page - 1) * pageSize, pageSize),
        page,
        pageSize,
        total,
        (total + pageSize - 1) / pageSize);
  }

  /** The one place a work order changes status: checked, conditional, recorded, published. */
  WorkOrder move(
      WorkOrder order,
      WorkOrderStatus to,
      String actor,
      Integer runNumber,
      UUID activeRunId,
      String reason) {
    if (!order.status().canMoveTo(to)) {
      throw order.status().isTerminal()
          ? complete()
          : conflict(
              order,
              "A " + order.status().wireName() + " work order cannot become " + to.wireName());
    }
    if (!store.move(order, to, clock.instant(), actor, runNumber, activeRunId, reason)) {
      // Somebody moved it first: decide again on what it is now.
      return move(
          require(order.workspaceId(), order.id()), to, actor, runNumber, activeRunId, reason);
    }
    published(order, to, runNumber, activeRunId);
    return require(order.workspaceId(), order.id());
  }

  private void published(WorkOrder order, WorkOrderStatus status, Integer runNumber, UUID run) {
    WorkOrderUpdated event =
        new WorkOrderUpdated(order.workspaceId(), order.id(), status, runNumber, run);
    AfterCommit.run(() -> events.publishEvent(event));
  }

  static ApiException complete() {
    return new ApiException(HttpStatus.FORBIDDEN, "WORK_ORDER_COMPLETE", COMPLETE);
  }

  private static ApiException conflict(WorkOrder order, String message) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "WORK_ORDER_STATUS",
        message,
        Map.of("status", order.status().wireName()));
  }

  private static void requireWriter(Membership by) {
    if (!by.role().canWrite()) {
      throw ApiException.forbidden("Viewers cannot change work orders");
    }
  }
}
