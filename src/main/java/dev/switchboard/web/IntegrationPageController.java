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
 * The integrations page of a workspace, for owners and admins (the forms load and save through
 * {@code /api/workspaces/{ws}/integrations}), and the Outbox page of caught emails.
 */
@Controller
class IntegrationPageController {

  private final Accounts accounts;

  IntegrationPageController(Accounts accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/w/{ws}/integrations")
  String integrations(Caller caller, @PathVariable UUID ws, Model model) {
    Object role = shell(caller, ws, model).get("role");
    if (!"owner".equals(role) && !"admin".equals(role)) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN, "Only workspace owners and admins manage integrations");
    }
    return "integrations";
  }

  /** The emails the {@code outbox} email provider kept instead of sending, for every member. */
  @GetMapping("/w/{ws}/outbox")
  String outbox(Caller caller, @PathVariable UUID ws, Model model) {
    shell(caller, ws, model);
    return "outbox";
  }

  private Map<String, Object> shell(Caller caller, UUID ws, Model model) {
    List<Map<String, Object>> workspaces = accounts.workspacesOf(caller.userId());
    Map<String, Object> current =
        workspaces.stream()
            .filter(w -> ws.equals(w.get("id")))
            .findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("workspace", current);
    model.addAttribute("workspaces", workspaces);
    model.addAttribute("user", caller);
    return current;
  }
}
