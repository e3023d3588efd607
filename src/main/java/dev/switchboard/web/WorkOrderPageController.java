package dev.switchboard.web;

import dev.switchboard.workspace.Caller;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The work order pages and the chat console; their data comes from the JSON API. */
@Controller
class WorkOrderPageController {

  private final PageShell pageShell;
  private final PageRecords records;

  WorkOrderPageController(PageShell pageShell, PageRecords records) {
    this.pageShell = pageShell;
    this.records = records;
  }

  @GetMapping("/w/{ws}/work-orders")
  String list(Caller caller, @PathVariable UUID ws, Model model) {
    pageShell.fill(caller, ws, model);
    return "work-orders";
  }

  @GetMapping("/w/{ws}/work-orders/{id}")
  String detail(Caller caller, @PathVariable UUID ws, @PathVariable UUID id, Model model) {
    pageShell.fill(caller, ws, model);
    records.workOrder(ws, id);
    model.addAttribute("workOrderId", id);
    return "work-order";
  }

  @GetMapping("/w/{ws}/chat")
  String chat(Caller caller, @PathVariable UUID ws, Model model) {
    pageShell.fill(caller, ws, model);
    return "chat";
  }
}
