package dev.switchboard.web;

import dev.switchboard.workspace.Caller;
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

  private final PageShell shell;

  IntegrationPageController(PageShell shell) {
    this.shell = shell;
  }

  @GetMapping("/w/{ws}/integrations")
  String integrations(Caller caller, @PathVariable UUID ws, Model model) {
    Object role = shell.fill(caller, ws, model).get("role");
    if (!"owner".equals(role) && !"admin".equals(role)) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN, "Only workspace owners and admins manage integrations");
    }
    return "integrations";
  }

  /** The emails the {@code outbox} email provider kept instead of sending, for every member. */
  @GetMapping("/w/{ws}/outbox")
  String outbox(Caller caller, @PathVariable UUID ws, Model model) {
    shell.fill(caller, ws, model);
    return "outbox";
  }
}
