package dev.switchboard.integration;

import dev.switchboard.crm.Crm;
import dev.switchboard.workflow.ActionFailure;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The CRM as the actions reach it. Looked up lazily, so a node without the CRM module still starts
 * and only the actions that need it fail.
 */
@Component
class CrmPort {

  private final ObjectProvider<Crm> crm;

  CrmPort(ObjectProvider<Crm> crm) {
    this.crm = crm;
  }

  Crm get() {
    Crm found = crm.getIfAvailable();
    if (found == null) {
      throw new ActionFailure("The CRM is not available on this server");
    }
    return found;
  }
}
