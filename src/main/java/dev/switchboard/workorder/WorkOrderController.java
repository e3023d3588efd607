package dev.switchboard.workorder;

import dev.switchboard.api.ApiResponse;
import dev.switchboard.run.Executions;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/workspaces/{ws}")
class WorkOrderController {

  private static final int PAGE_SIZE = 50;

  private final WorkOrders workOrders;
  private final WorkOrderRuns runs;
  private final IdempotentRequests idempotent;
  private final Executions executions;
  private final WorkspaceAccess access;

  WorkOrderController(
      WorkOrders workOrders,
      WorkOrderRuns runs,
      IdempotentRequests idempotent,
      Executions executions,
      WorkspaceAccess access) {
    this.workOrders = workOrders;
    this.runs = runs;
    this.idempotent = idempotent;
    this.executions = executions;
    this.access = access;
  }

  @PostMapping("/work-orders")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(
      Caller caller, @PathVariable UUID ws, @RequestBody WorkOrderRequest body) {
    return ApiResponse.ok(
        WorkOrderView.summary(workOrders.create(access.writer(caller, ws), body)));
  }

  /** draft → approved → queued → running in one call: {@code {workOrder, launched, message}}. */
  @PostMapping("/work-orders/create-and-start")
  ResponseEntity<Object> createAndStart(
      Caller caller,
      @PathVariable UUID ws,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody WorkOrderRequest body) {
    Membership by = access.writer(caller, ws);
    return answer(
        idempotent.once(
            by,
            key,
            body,
            () -> {
              WorkOrderRuns.Started started = runs.createAndStart(by, body, false);
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("workOrder", detail(started.workOrder()));
              data.put("launched", true);
              data.put("message", "Work order created and launched (run #1)");
              return new IdempotentRequests.Answer(201, ApiResponse.ok(data));
            }));
  }

  @PostMapping("/work-orders/{id}/runs")
  ResponseEntity<Object> trigger(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) RunRequest body) {
    Membership by = access.writer(caller, ws);
    RunRequest request = body == null ? RunRequest.NONE : body;
    return answer(
        idempotent.once(
            by,
            key,
            Map.of("workOrderId", id, "body", request),
            () ->
                new IdempotentRequests.Answer(
                    201, ApiResponse.ok(started(runs.trigger(by, id, request, false).run())))));
  }

  private RunStarted started(dev.switchboard.run.Execution run) {
    return RunStarted.of(run, executions.queueStatus(run.id()));
  }

  private static ResponseEntity<Object> answer(IdempotentRequests.Answer answer) {
    return ResponseEntity.status(answer.status()).body(answer.body());
  }

  @GetMapping("/work-orders")
  Map<String, Object> list(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "1") int page) {
    access.member(caller, ws);
    WorkOrderPage found = workOrders.list(ws, status, page, PAGE_SIZE);
    return ApiResponse.ok(
        Map.of(
            "items", found.items().stream().map(WorkOrderView::summary).toList(),
            "page", found.page(),
            "pageSize", found.pageSize(),
            "total", found.total(),
            "pages", found.pages()));
  }

  @GetMapping("/work-orders/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID ws, @PathVariable UUID id) {
    access.member(caller, ws);
    return ApiResponse.ok(detail(workOrders.require(ws, id)));
  }

  @GetMapping("/work-orders/{id}/runs")
  Map<String, Object> runs(Caller caller, @PathVariable UUID ws, @PathVariable UUID id) {
    access.member(caller, ws);
    return ApiResponse.ok(executions.forWorkOrder(ws, workOrders.require(ws, id).id()));
  }

  @PostMapping("/work-orders/{id}/approve")
  Map<String, Object> approve(Caller caller, @PathVariable UUID ws, @PathVariable UUID id) {
    return ApiResponse.ok(detail(workOrders.approve(access.writer(caller, ws), id)));
  }

  @PostMapping("/work-orders/{id}/accept")
  Map<String, Object> accept(Caller caller, @PathVariable UUID ws, @PathVariable UUID id) {
    return ApiResponse.ok(detail(workOrders.accept(access.writer(caller, ws), id)));
  }

  @PostMapping("/work-orders/{id}/cancel")
  Map<String, Object> cancel(Caller caller, @PathVariable UUID ws, @PathVariable UUID id) {
    return ApiResponse.ok(detail(workOrders.cancel(access.writer(caller, ws), id)));
  }

  @GetMapping("/profiles")
  Map<String, Object> profiles(Caller caller, @PathVariable UUID ws) {
    access.member(caller, ws);
    return ApiResponse.ok(Profiles.ALL);
  }

  private WorkOrderView detail(WorkOrder order) {
    return WorkOrderView.of(
        order,
        executions.forWorkOrder(order.workspaceId(), order.id()),
        workOrders.transitions(order));
  }
}
