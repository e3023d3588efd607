package dev.switchboard.crm;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the CRM offers the actions that live outside it (email, LinkedIn, search, enrichment) and
 * the pages.
 *
 * <p>A contact reaches an action as the item bindings produced by {@code search_contacts} (or a
 * trigger's context): {@code {"contact": {id, firstName, lastName, email, title, phone, city,
 * status, linkedinUrl, replied, tags: [..], companyId, customFields: {..}, createdAt}, "company":
 * {id, name, domain, industry, size} (when linked), "deal": {..} (the contact's latest deal, when
 * any)}}. Ids are strings in bindings.
 */
public interface Crm {

  /** Whether the contact exists in this workspace (pages answer 404 for others' ids). */
  boolean hasContact(UUID workspaceId, UUID contactId);

  /** An email template of the workspace, looked up by name (case-insensitive). */
  Optional<EmailTemplate> template(UUID workspaceId, String name);

  /**
   * Records an activity on a contact's timeline, e.g. {@code ("email", "Email sent to
   * john@acme.com")}, {@code ("linkedin", "LinkedIn invitation sent to John Smith")}, {@code
   * ("enrichment", "Enriched by Apollo")}.
   */
  void recordActivity(UUID workspaceId, UUID contactId, String type, String text, UUID executionId);

  /**
   * Fills empty standard fields of a contact (title, phone, linkedinUrl, city) and links or creates
   * its company by name; returns the fields that changed. Emits {@code contact.updated}.
   */
  Map<String, Object> enrich(UUID workspaceId, UUID contactId, Map<String, Object> fields);

  /** An email template: subject and body may hold variables such as {@code @contact.firstName}. */
  record EmailTemplate(UUID id, String name, String subject, String body) {}
}
