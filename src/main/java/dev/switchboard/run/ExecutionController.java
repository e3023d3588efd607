package dev.switchboard.run;

import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/workspaces/{ws}")
class ExecutionController {

  private final Admission admission;
  private final Agents agents;
  private final Executions executions;
  private final HistoryExport export;
  private final WorkspaceAccess access;
  private final RunSettings settings;
  private final TransactionTemplate tx;
  private final Clock clock;

  ExecutionController(
      Admission admission,
      Agents agents,
      Executions executions,
      HistoryExport export,
      WorkspaceAccess access,
      RunSettings settings,
      TransactionTemplate tx,
      Clock clock) {
    this.admission = admission;
    this.agents = agents;
    this.executions = executions;
    this.export = export;
    this.access = access;
    this.settings = settings;
    this.tx = tx;
    this.clock = clock;
  }

  @PostMapping("/agents/{agentId}/trigger")
  ResponseEntity<Map<String, Object>> trigger(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @RequestBody(required = false) TriggerRequest body) {
    Membership by = access.member(caller, ws);
    // The agent and its manual filters are read in the admission's transaction: on their own each
    // read was a transaction too, two of a trigger's three commits. A refusal is thrown after the
    // commit, so that what it wrote (an agent paused for its budget) stays.
    Execution run =
        tx.execute(status ->
                admission.admit(
                    new TriggerSource.Manual(by),
                    agents.require(ws, agentId),
                    withManualFilters(ws, agentId, context(body))))
            .orThrow();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(ApiResponse.ok(Map.of("executionId", run.id(), "status", run.status().wireName())));
  }

  /** Story 3.1: runs a live agent and answers with the finished execution. */
  @PostMapping("/agents/{agentId}/execute")
  Map<String, Object> execute(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @RequestBody(required = false) TriggerRequest body)
      throws InterruptedException {
    Membership by = access.member(caller, ws);
    Execution run =
        admission
            .admit(new TriggerSource.Api(by), agents.require(ws, agentId), context(body))
            .orThrow();
    Instant deadline = clock.instant().plus(settings.executeTimeout());
    Execution current = run;
    while (!current.status().isTerminal()
        && current.status() != ExecutionStatus.WAITING
        && clock.instant().isBefore(deadline)) {
      Thread.sleep(50);
      current = executions.require(ws, run.id());
    }
    return ApiResponse.ok(executions.detail(current, by));
  }

  @GetMapping("/agents/{agentId}/executions")
  Map<String, Object> history(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String range,
      @RequestParam(required = false) String search,
      @RequestParam(required = false) Integer page) {
    access.member(caller, ws);
    agents.require(ws, agentId);
    HistoryQuery q = HistoryQuery.parse(status, from, to, range, search, page, clock.instant());
    return ApiResponse.ok(executions.history(ws, agentId, q));
  }

  @GetMapping("/agents/{agentId}/executions/{executionId}")
  Map<String, Object> agentExecution(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @PathVariable UUID executionId) {
    Membership by = access.member(caller, ws);
    Execution e = executions.require(ws, executionId);
    if (!e.agentId().equals(agentId)) {
      throw ApiException.notFound("Execution");
    }
    return ApiResponse.ok(executions.detail(e, by));
  }

  @GetMapping("/executions")
  Map<String, Object> workspaceHistory(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String range,
      @RequestParam(required = false) String search,
      @RequestParam(required = false) Integer page) {
    access.member(caller, ws);
    HistoryQuery q = HistoryQuery.parse(status, from, to, range, search, page, clock.instant());
    return ApiResponse.ok(executions.history(ws, null, q));
  }

  @GetMapping("/agents/{agentId}/executions/export")
  ResponseEntity<StreamingResponseBody> exportHistory(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String range,
      @RequestParam(required = false) String search) {
    access.member(caller, ws);
    agents.require(ws, agentId);
    HistoryQuery q = HistoryQuery.parse(status, from, to, range, search, 1, clock.instant());
    return export(ws, agentId, q, HistoryExport.Format.parse(format));
  }

  @GetMapping("/executions/export")
  ResponseEntity<StreamingResponseBody> exportWorkspaceHistory(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String range,
      @RequestParam(required = false) String search) {
    access.member(caller, ws);
    HistoryQuery q = HistoryQuery.parse(status, from, to, range, search, 1, clock.instant());
    return export(ws, null, q, HistoryExport.Format.parse(format));
  }

  private ResponseEntity<StreamingResponseBody> export(
      UUID ws, UUID agentId, HistoryQuery q, HistoryExport.Format format) {
    String name =
        "executions-" + clock.instant().toString().substring(0, 10) + "." + format.extension;
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(format.mediaType + ";charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .body(out -> export.write(ws, agentId, q, format, out));
  }

  @GetMapping("/executions/{executionId}")
  Map<String, Object> execution(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID executionId) {
    Membership by = access.member(caller, ws);
    return ApiResponse.ok(executions.detail(executions.require(ws, executionId), by));
  }

  @GetMapping("/executions/{executionId}/logs")
  Map<String, Object> logs(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID executionId,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "1000") int limit) {
    Membership by = access.member(caller, ws);
    return ApiResponse.ok(executions.logs(executions.require(ws, executionId), by, after, limit));
  }

  /** Stopping a run follows the agent's run permission, like trigger and retry. */
  @PostMapping({"/executions/{executionId}/cancel", "/executions/{executionId}/stop"})
  Map<String, Object> cancel(Caller caller, @PathVariable UUID ws, @PathVariable UUID executionId) {
    Membership by = access.member(caller, ws);
    Execution e = executions.cancel(by, executionId);
    return ApiResponse.ok(executions.detail(e, by));
  }

  /** Resuming a waiting run starts it again: the agent's run permission decides, as for trigger. */
  @PostMapping("/executions/{executionId}/resume")
  Map<String, Object> resume(Caller caller, @PathVariable UUID ws, @PathVariable UUID executionId) {
    Membership by = access.member(caller, ws);
    Execution e = executions.resume(by, executionId);
    return ApiResponse.ok(executions.detail(e, by));
  }

  @PostMapping("/executions/{executionId}/retry")
  ResponseEntity<Map<String, Object>> retry(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID executionId) {
    Membership by = access.member(caller, ws);
    Execution original = executions.require(ws, executionId);
    Execution run =
        admission
            .admit(
                new TriggerSource.Retry(by, original.id()),
                agents.require(ws, original.agentId()),
                original.triggerContext())
            .orThrow();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(ApiResponse.ok(Map.of("executionId", run.id(), "status", run.status().wireName())));
  }

  /** Story 3.2 AC2: the agent's manual trigger filters, then the request's own. */
  private TriggerContext withManualFilters(UUID ws, UUID agentId, TriggerContext requested) {
    List<Map<String, Object>> filters =
        new ArrayList<>(
            agents.manualFilters(ws, agentId).stream()
                .map(dev.switchboard.plan.PlanJson::writeCondition)
                .toList());
    filters.addAll(requested.filters());
    return new TriggerContext(filters, requested.variables(), requested.prompt());
  }

  private static TriggerContext context(TriggerRequest body) {
    return TriggerContext.of(body == null ? TriggerRequest.EMPTY : body);
  }
}
