package dev.switchboard.web;

import dev.switchboard.agent.Agents;
import dev.switchboard.crm.Crm;
import dev.switchboard.run.Executions;
import dev.switchboard.workorder.WorkOrders;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The records a page is about, looked up in the page's workspace: an id of another workspace (or
 * none) answers our 404 page, as the API does, instead of an empty shell that says 200.
 */
@Component
class PageRecords {

  private final Agents agents;
  private final Executions executions;
  private final Crm crm;
  private final WorkOrders workOrders;

  PageRecords(Agents agents, Executions executions, Crm crm, WorkOrders workOrders) {
    this.agents = agents;
    this.executions = executions;
    this.crm = crm;
    this.workOrders = workOrders;
  }

  void agent(UUID ws, UUID agentId) {
    require(agents.find(ws, agentId).isPresent());
  }

  void execution(UUID ws, UUID executionId) {
    require(executions.find(ws, executionId).isPresent());
  }

  void contact(UUID ws, UUID contactId) {
    require(crm.hasContact(ws, contactId));
  }

  void workOrder(UUID ws, UUID workOrderId) {
    require(workOrders.find(ws, workOrderId).isPresent());
  }

  private static void require(boolean found) {
    if (!found) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }
}
