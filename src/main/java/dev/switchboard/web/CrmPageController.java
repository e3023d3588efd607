package dev.switchboard.web;

import dev.switchboard.workspace.Caller;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The CRM pages: contacts list, contact detail and CSV import. Data comes from the JSON API. */
@Controller
class CrmPageController {

  private final PageShell shell;
  private final PageRecords records;

  CrmPageController(PageShell shell, PageRecords records) {
    this.shell = shell;
    this.records = records;
  }

  @GetMapping("/w/{ws}/contacts")
  String contacts(Caller caller, @PathVariable UUID ws, Model model) {
    shell.fill(caller, ws, model);
    return "contacts";
  }

  @GetMapping("/w/{ws}/contacts/import")
  String importPage(Caller caller, @PathVariable UUID ws, Model model) {
    shell.fill(caller, ws, model);
    return "import";
  }

  @GetMapping("/w/{ws}/contacts/{contactId}")
  String contact(Caller caller, @PathVariable UUID ws, @PathVariable UUID contactId, Model model) {
    shell.fill(caller, ws, model);
    records.contact(ws, contactId);
    model.addAttribute("contactId", contactId);
    return "contact";
  }
}
