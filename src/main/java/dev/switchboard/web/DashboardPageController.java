package dev.switchboard.web;

import dev.switchboard.workspace.Caller;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The workspace dashboard, an agent's dashboard tab and the caller's notifications; their data
 * comes from the JSON API.
 */
@Controller
class DashboardPageController {

  private final PageRecords records;
  private final PageShell pageShell;

  DashboardPageController(PageRecords records, PageShell pageShell) {
    this.records = records;
    this.pageShell = pageShell;
  }

  @GetMapping("/w/{ws}/dashboard")
  String workspace(Caller caller, @PathVariable UUID ws, Model model) {
    pageShell.fill(caller, ws, model);
    return "dashboard";
  }

  @GetMapping("/w/{ws}/notifications")
  String notifications(Caller caller, @PathVariable UUID ws, Model model) {
    pageShell.fill(caller, ws, model);
    return "notifications";
  }

  @GetMapping("/w/{ws}/agents/{agentId}/dashboard")
  String agent(Caller caller, @PathVariable UUID ws, @PathVariable UUID agentId, Model model) {
    pageShell.fill(caller, ws, model);
    records.agent(ws, agentId);
    model.addAttribute("agentId", agentId);
    return "agent-dashboard";
  }
}
