package dev.switchboard.crm;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A CRM change, published from the outbox after the change committed: {@code contact.created},
 * {@code contact.updated}, {@code deal.stage_updated} (payload with {@code previousStage} and
 * {@code newStage}) or {@code form.submitted}. Delivered at least once, in the transaction that
 * marks it published: a listener's writes commit with that mark or not at all.
 *
 * @param eventId the outbox row's id, the same on every delivery
 * @param at when the change was written
 */
public record CrmEvent(
    UUID workspaceId, String type, Map<String, Object> payload, long eventId, Instant at) {

  public static final String CONTACT_CREATED = "contact.created";
  public static final String CONTACT_UPDATED = "contact.updated";
  public static final String DEAL_STAGE_UPDATED = "deal.stage_updated";
  public static final String FORM_SUBMITTED = "form.submitted";
}
