package dev.switchboard.workorder;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import dev.switchboard.run.Admission;
import dev.switchboard.run.Execution;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.workspace.Membership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts a work order's next run through admission: numbered under the work order's row lock, so
 * concurrent triggers take turns and only the first finds no active run.
 */
@Service
public class WorkOrderRuns {

  static final String ALREADY_ACTIVE = "Work order already has an active run";
  static final int MAX_ITERATIONS = 100;

  private final WorkOrderStore store;
  private final WorkOrders workOrders;
  private final Agents agents;
  private final Admission admission;

  WorkOrderRuns(WorkOrderStore store, WorkOrders workOrders, Agents agents, Admission admission) {
    this.store = store;
    this.workOrders = workOrders;
    this.agents = agents;
    this.admission = admission;
  }

  /** The run that was started, with the work order it serves. */
  public record Started(WorkOrder workOrder, Execution run) {}

  /**
   * {@code create-and-start} and chat's {@code /task}: draft → approved → queued in one
   * transaction, each step recorded, so a crash leaves either nothing or a queued run.
   */
  @Transactional
  public Started createAndStart(Membership by, WorkOrderRequest body, boolean viaChat) {
    WorkOrder draft = workOrders.create(by, body);
    workOrders.approve(by, draft.id());
    return trigger(by, draft.id(), RunRequest.NONE, viaChat);
  }

  @Transactional
  public Started trigger(Membership by, UUID workOrderId, RunRequest body, boolean viaChat) {
    if (!by.role().canWrite()) {
      throw ApiException.forbidden("Viewers cannot start runs");
    }
    Profiles.Profile profile = profile(body == null ? RunRequest.NONE : body);
    WorkOrder order =
        store
            .lock(by.workspaceId(), workOrderId)
            .orElseThrow(() -> ApiException.notFound("Work order"));
    if (order.status().isTerminal()) {
      throw WorkOrders.complete();
    }
    if (order.status().hasActiveRun()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "RUN_ALREADY_ACTIVE",
          ALREADY_ACTIVE,
          order.activeRunId() == null ? Map.of() : Map.of("activeRunId", order.activeRunId()));
    }
    if (order.status() == WorkOrderStatus.DRAFT) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "WORK_ORDER_NOT_APPROVED",
          "Approve the work order before starting a run");
    }
    Agent agent = agents.require(by.workspaceId(), order.agentId());
    int number = order.lastRunNumber() + 1;
    Execution run =
        admission
            .admit(
                new TriggerSource.WorkOrder(
                    by, new TriggerSource.WorkOrderRun(order.id(), number), viaChat),
                agent,
                new TriggerContext(List.of(), Map.of("profile", wire(profile)), order.runPrompt()))
            .orThrow();
    WorkOrder queued =
        workOrders.move(
            order,
            WorkOrderStatus.QUEUED,
            by.actor(),
            number,
            run.id(),
            "Run #" + number + " queued");
    return new Started(queued, run);
  }

  /** The named profile with this run's overrides applied (400 naming the field otherwise). */
  private static Profiles.Profile profile(RunRequest body) {
    String name = body.profileName() == null ? Profiles.DEFAULT.name() : body.profileName();
    Profiles.Profile base =
        Profiles.find(name)
            .orElseThrow(
                () -> ApiException.invalid("profileName", "Unknown profile '" + name + "'"));
    Integer max =
        body.profileOverrides() == null || body.profileOverrides().loopStrategy() == null
            ? null
            : body.profileOverrides().loopStrategy().maxIterations();
    if (max == null) {
      return base;
    }
    if (max < 1 || max > MAX_ITERATIONS) {
      throw ApiException.invalid(
          "profileOverrides.loopStrategy.maxIterations",
          "maxIterations must be from 1 to " + MAX_ITERATIONS);
    }
    return new Profiles.Profile(base.name(), new Profiles.LoopStrategy(max));
  }

  private static Map<String, Object> wire(Profiles.Profile profile) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", profile.name());
    out.put("loopStrategy", Map.of("maxIterations", profile.loopStrategy().maxIterations()));
    return out;
  }
}
