package dev.switchboard.web;

import dev.switchboard.workspace.Accounts;
import dev.switchboard.workspace.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/** What every page's header shows; a workspace the caller is not in does not exist (404). */
@Component
class PageShell {

  private final Accounts accounts;

  PageShell(Accounts accounts) {
    this.accounts = accounts;
  }

  /** Fills the header for workspace {@code ws}; returns it, with the caller's {@code role}. */
  Map<String, Object> fill(Caller caller, UUID ws, Model model) {
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
