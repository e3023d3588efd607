package dev.switchboard.crm;

import java.util.Map;
import java.util.UUID;

/**
 * A CRM change, published from the outbox after the change committed: {@code contact.created},
 * {@code contact.updated}, {@code deal.stage_updated} (payload with {@code previousStage} and
 * {@code newStage}) or {@code form.submitted}. Delivered at least once.
 */
public record CrmEvent(UUID workspaceId, String type, Map<String, Object> payload) {

  public static final String CONTACT_CREATED = "contact.created";
  public static final String CONTACT_UPDATED = "contact.updated";
  public static final String DEAL_STAGE_UPDATED = "deal.stage_updated";
  public static final String FORM_SUBMITTED = "form.submitted";
}
