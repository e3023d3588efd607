package dev.switchboard.web;

import dev.switchboard.workspace.Accounts;
import dev.switchboard.workspace.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page shells. Each one only names the workspace and the caller; the data comes from the JSON
 * API, fetched by the page's script with the session cookie.
 */
@Controller
class PageController {

  private final Accounts accounts;
  private final PageRecords records;
  private final PageShell pageShell;

  PageController(Accounts accounts, PageRecords records, PageShell pageShell) {
    this.accounts = accounts;
    this.records = records;
    this.pageShell = pageShell;
  }

  @GetMapping("/")
  String home(Caller caller) {
    List<Map<String, Object>> workspaces = accounts.workspacesOf(caller.userId());
    if (workspaces.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "You are not in any workspace");
    }
    return "redirect:/w/" + workspaces.getFirst().get("id") + "/agents";
  }

  @GetMapping("/w/{ws}/agents")
  String agents(Caller caller, @PathVariable UUID ws, Model model) {
    shell(caller, ws, model);
    return "agents";
  }

  @GetMapping({"/w/{ws}/agents/{agentId}", "/w/{ws}/agents/{agentId}/executions"})
  String agent(Caller caller, @PathVariable UUID ws, @PathVariable UUID agentId, Model model) {
    shell(caller, ws, model);
    records.agent(ws, agentId);
    model.addAttribute("agentId", agentId);
    return "agent";
  }

  /** Every run of the workspace, with the history's filters (story 3.14). */
  @GetMapping("/w/{ws}/executions")
  String executions(Caller caller, @PathVariable UUID ws, Model model) {
    shell(caller, ws, model);
    return "executions";
  }

  @GetMapping("/w/{ws}/executions/{executionId}")
  String execution(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID executionId, Model model) {
    shell(caller, ws, model);
    records.execution(ws, executionId);
    model.addAttribute("executionId", executionId);
    return "execution";
  }

  private void shell(Caller caller, UUID ws, Model model) {
    pageShell.fill(caller, ws, model);
  }
}
