package dev.switchboard.web;

import dev.switchboard.agent.CommandAgentPolicy;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The agent editor: a form for name, goal, instructions and status with a live preview of what the
 * instructions compile to. The page only names the workspace and the agent; the script loads the
 * agent, previews through {@code POST /api/workspaces/{ws}/instructions/parse} and saves through
 * the agents API, which decides who may save (403 for viewers, shown as its message). A command
 * agent's argv, working directory and timeout are edited as fields; who may not create or change
 * command agents is told why on the page instead of being let try.
 */
@Controller
class AgentEditorController {

  private final PageShell shell;
  private final PageRecords records;
  private final WorkspaceAccess access;
  private final CommandAgentPolicy commandPolicy;

  AgentEditorController(
      PageShell shell,
      PageRecords records,
      WorkspaceAccess access,
      CommandAgentPolicy commandPolicy) {
    this.shell = shell;
    this.records = records;
    this.access = access;
    this.commandPolicy = commandPolicy;
  }

  @GetMapping("/w/{ws}/agents/new")
  String create(Caller caller, @PathVariable UUID ws, Model model) {
    shell.fill(caller, ws, model);
    model.addAttribute("agentId", "");
    model.addAttribute("isNew", true);
    commandRefusal(caller, ws, model);
    model.addAttribute("pageTitle", "New agent");
    return "agent-editor";
  }

  @GetMapping("/w/{ws}/agents/{agentId}/edit")
  String edit(Caller caller, @PathVariable UUID ws, @PathVariable UUID agentId, Model model) {
    shell.fill(caller, ws, model);
    records.agent(ws, agentId);
    model.addAttribute("agentId", agentId);
    model.addAttribute("isNew", false);
    commandRefusal(caller, ws, model);
    model.addAttribute("pageTitle", "Edit agent");
    return "agent-editor";
  }

  /** Why this caller may not create or change command agents, or null when they may. */
  private void commandRefusal(Caller caller, UUID ws, Model model) {
    model.addAttribute(
        "commandRefusal", commandPolicy.refusal(access.member(caller, ws)).orElse(null));
  }
}
