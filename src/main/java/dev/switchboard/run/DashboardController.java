package dev.switchboard.run;

import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET …/agents/{id}/dashboard} and {@code GET /api/workspaces/{ws}/dashboard}. */
@RestController
@RequestMapping("/api/workspaces/{ws}")
class DashboardController {

  private final Dashboards dashboards;
  private final Agents agents;
  private final WorkspaceAccess access;

  DashboardController(Dashboards dashboards, Agents agents, WorkspaceAccess access) {
    this.dashboards = dashboards;
    this.agents = agents;
    this.access = access;
  }

  @GetMapping("/agents/{agentId}/dashboard")
  Map<String, Object> agent(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @RequestParam(required = false) String dateRange,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    access.member(caller, ws);
    agents.require(ws, agentId);
    return ApiResponse.ok(dashboards.agent(ws, agentId, new Dashboards.Query(dateRange, from, to)));
  }

  @GetMapping("/dashboard")
  Map<String, Object> workspace(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(required = false) String dateRange,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String order) {
    access.member(caller, ws);
    return ApiResponse.ok(
        dashboards.workspace(ws, new Dashboards.Query(dateRange, from, to), sort, order));
  }
}
