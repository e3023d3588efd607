package dev.switchboard.web;

import dev.switchboard.workorder.WorkOrders;
import dev.switchboard.workspace.Caller;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The work order pages and the chat console; their data comes from the JSON API. */
@Controller
class WorkOrderPageController {

  private final PageShell pageShell;
  private final WorkOrders workOrders;

  WorkOrderPageController(PageShell pageShell, WorkOrders workOrders) {
    this.pageShell = pageShell;
    this.workOrders = workOrders;
  }

  @GetMapping("/w/{ws}/work-orders")
  String list(Caller caller, @PathVariable UUID ws, Model model) {
    shell(caller, ws, model);
    return "work-orders";
  }

  @GetMapping("/w/{ws}/work-orders/{id}")
  String detail(Caller caller, @PathVariable UUID ws, @PathVariable UUID id, Model model) {
    shell(caller, ws, model);
    if (workOrders.find(ws, id).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute("workOrderId", id);
    return "work-order";
  }

  @GetMapping("/w/{ws}/chat")
  String chat(Caller caller, @PathVariable UUID ws, Model model) {
    shell(caller, ws, model);
    return "chat";
  }

  private void shell(Caller caller, UUID ws, Model model) {
    pageShell.fill(caller, ws, model);
  }
}
