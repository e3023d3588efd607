package dev.switchboard.integration.actions;

import dev.switchboard.crm.Crm;
import dev.switchboard.integration.ApolloClient;
import dev.switchboard.integration.Integration;
import dev.switchboard.integration.IntegrationKind;
import dev.switchboard.integration.Integrations;
import dev.switchboard.plan.ActionType;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code enrich_contact}: looks the contact's email up at Apollo and fills title, company, phone,
 * LinkedIn URL and city through the CRM. Apollo's rate limit pauses the agent.
 */
@Component
class EnrichContactAction implements ActionHandler {

  static final String RATE_LIMITED = "Enrichment rate limit reached";
  static final String DISCONNECTED = "Enrichment integration disconnected. Reconnect to continue.";

  private final Integrations integrations;
  private final ApolloClient apollo;
  private final LimitPause limits;
  private final Crm crm;

  EnrichContactAction(Integrations integrations, ApolloClient apollo, LimitPause limits, Crm crm) {
    this.integrations = integrations;
    this.apollo = apollo;
    this.limits = limits;
    this.crm = crm;
  }

  @Override
  public ActionType type() {
    return ActionType.ENRICH_CONTACT;
  }

  @Override
  public ActionResult execute(ActionCall call) {
    Object provider = call.params().getOrDefault("provider", "apollo");
    if (!"apollo".equalsIgnoreCase(String.valueOf(provider))) {
      throw new ActionFailure("Unknown enrichment provider '" + provider + "'");
    }
    Integration settings =
        integrations
            .find(call.workspaceId(), IntegrationKind.ENRICHMENT)
            .orElseThrow(() -> new ActionFailure(IntegrationKind.ENRICHMENT.notConnectedMessage()));
    Contact contact = Contact.of(call);
    String email = contact.text("email");
    if (email == null) {
      return new ActionResult.Skipped(
          "Contact " + contact.name() + " has no email address. Skipping.");
    }
    if (contact.id() == null) {
      return new ActionResult.Skipped(
          "Contact " + contact.name() + " is not stored in the CRM. Skipping enrichment.");
    }
    return switch (apollo.match(settings, email)) {
      case ApolloClient.Match.Found found -> {
        Map<String, Object> changed = crm.enrich(call.workspaceId(), contact.id(), found.fields());
        crm.recordActivity(
            call.workspaceId(),
            contact.id(),
            "enrichment",
            "Enriched by Apollo",
            call.executionId());
        call.log().info("Enriched " + email + ": " + String.join(", ", changed.keySet()));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("found", found.fields());
        output.put("changed", changed);
        yield new ActionResult.Done(output, Map.of("contactsEnriched", 1));
      }
      case ApolloClient.Match.Nobody nobody ->
          new ActionResult.Skipped("Enrichment returned no data for " + email);
      case ApolloClient.Match.RateLimited limited -> throw limits.pause(call, RATE_LIMITED);
      case ApolloClient.Match.Unauthorized unauthorized -> {
        limits.tellOwners(call, DISCONNECTED);
        throw new ActionFailure(DISCONNECTED);
      }
      case ApolloClient.Match.Failed failed -> throw new ActionFailure(failed.message());
    };
  }
}
