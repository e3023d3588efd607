package dev.switchboard.web;

import dev.switchboard.agent.CommandAgentPolicy;
import dev.switchboard.workspace.Accounts;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
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
 * The agent editor: a form for name, goal, instructions and status with a live preview of what the
 * instructions compile to. The page only names the workspace and the agent; the script loads the
 * agent, previews through {@code POST /api/workspaces/{ws}/instructions/parse} and saves through
 * the agents API, which decides who may save (403 for viewers, shown as its message). Who may not
 * change command agents is told why on the page instead of being let try.
 */
@Controller
class AgentEditorController {

  private final Accounts accounts;
  private final PageRecords records;
  private final WorkspaceAccess access;
  private final CommandAgentPolicy commandPolicy;

  AgentEditorController(
      Accounts accounts,
      PageRecords records,
      WorkspaceAccess access,
      CommandAgentPolicy commandPolicy) {
    this.accounts = accounts;
    this.records = records;
    this.access = access;
    this.commandPolicy = commandPolicy;
  }

  @GetMapping("/w/{ws}/agents/new")
  String create(Caller caller, @PathVariable UUID ws, Model model) {
    shell(caller, ws, model);
    model.addAttribute("agentId", "");
    model.addAttribute("isNew", true);
    model.addAttribute("pageTitle", "New agent");
    return "agent-editor";
  }

  @GetMapping("/w/{ws}/agents/{agentId}/edit")
  String edit(Caller caller, @PathVariable UUID ws, @PathVariable UUID agentId, Model model) {
    shell(caller, ws, model);
    records.agent(ws, agentId);
    model.addAttribute("agentId", agentId);
    model.addAttribute("isNew", false);
    model.addAttribute(
        "commandRefusal", commandPolicy.refusal(access.member(caller, ws)).orElse(null));
    model.addAttribute("pageTitle", "Edit agent");
    return "agent-editor";
  }

  /** What every page's header shows; a workspace the caller is not in does not exist (404). */
  private void shell(Caller caller, UUID ws, Model model) {
    List<Map<String, Object>> workspaces = accounts.workspacesOf(caller.userId());
    Map<String, Object> current =
        workspaces.stream()
            .filter(w -> ws.equals(w.get("id")))
            .findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("workspace", current);
    model.addAttribute("workspaces", workspaces);
    model.addAttribute("user", caller);
  }
}
