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

/** The CRM pages: contacts list, contact detail and CSV import. Data comes from the JSON API. */
@Controller
class CrmPageController {

  private final Accounts accounts;
  private final PageRecords records;

  CrmPageController(Accounts accounts, PageRecords records) {
    this.accounts = accounts;
    this.records = records;
  }

  @GetMapping("/w/{ws}/contacts")
  String contacts(Caller caller, @PathVariable UUID ws, Model model) {
    shell(caller, ws, model);
    return "contacts";
  }

  @GetMapping("/w/{ws}/contacts/import")
  String importPage(Caller caller, @PathVariable UUID ws, Model model) {
    shell(caller, ws, model);
    return "import";
  }

  @GetMapping("/w/{ws}/contacts/{contactId}")
  String contact(Caller caller, @PathVariable UUID ws, @PathVariable UUID contactId, Model model) {
    shell(caller, ws, model);
    records.contact(ws, contactId);
    model.addAttribute("contactId", contactId);
    return "contact";
  }

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
