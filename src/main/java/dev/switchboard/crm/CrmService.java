package dev.switchboard.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The {@link Crm} port on the CRM's own tables. */
@Service
class CrmService implements Crm {

  /** Standard fields enrichment may fill, when empty. */
  private static final List<String> ENRICHABLE = List.of("title", "phone", "linkedinUrl", "city");

  private final EmailTemplates templates;
  private final Activities activities;
  private final Contacts contacts;
  private final ContactStore store;
  private final Companies companies;
  private final Outbox outbox;
  private final EventSubjects subjects;
  private final Clock clock;

  CrmService(
      EmailTemplates templates,
      Activities activities,
      Contacts contacts,
      ContactStore store,
      Companies companies,
      Outbox outbox,
      EventSubjects subjects,
      Clock clock) {
    this.templates = templates;
    this.activities = activities;
    this.contacts = contacts;
    this.store = store;
    this.companies = companies;
    this.outbox = outbox;
    this.subjects = subjects;
    this.clock = clock;
  }

  @Override
  public boolean hasContact(UUID workspaceId, UUID contactId) {
    return store.find(workspaceId, contactId).isPresent();
  }

  @Override
  public Optional<EmailTemplate> template(UUID workspaceId, String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return templates
        .byName(workspaceId, name)
        .map(t ->
            new EmailTemplate(
                UUID.fromString((String) t.get("id")),
                (String) t.get("name"),
                (String) t.get("subject"),
                (String) t.get("body")));
  }

  @Override
  @Transactional
  public void recordActivity(
      UUID workspaceId, UUID contactId, String type, String text, UUID executionId) {
    if (store.find(workspaceId, contactId).isPresent()) {
      activities.record(workspaceId, contactId, type, text, executionId);
    }
  }

  @Override
  @Transactional
  public Map<String, Object> enrich(UUID workspaceId, UUID contactId, Map<String, Object> fields) {
    Map<String, Object> changed = new LinkedHashMap<>();
    Optional<Contact> found = store.find(workspaceId, contactId);
    if (found.isEmpty() || fields == null) {
      return changed;
    }
    Contact c = found.get();
    Map<String, Object> current = c.view();
    for (String field : ENRICHABLE) {
      Object value = fields.get(field);
      Object now = current.get(field);
      if (value != null
          && !String.valueOf(value).isBlank()
          && (now == null || String.valueOf(now).isBlank())) {
        String v = String.valueOf(value).strip();
        changed.put(field, v.length() > 300 ? v.substring(0, 300) : v);
      }
    }
    UUID companyId = c.companyId();
    Object company = fields.get("company");
    if (company == null) {
      company = fields.get("companyName");
    }
    if (companyId == null && company != null && !String.valueOf(company).isBlank()) {
      companyId = companies.findOrCreate(workspaceId, String.valueOf(company));
      changed.put("companyId", companyId.toString());
    }
    if (changed.isEmpty()) {
      return changed;
    }
    Instant at = clock.instant();
    Contact updated =
        new Contact(
            c.id(),
            workspaceId,
            c.firstName(),
            c.lastName(),
            c.email(),
            (String) changed.getOrDefault("title", c.title()),
            (String) changed.getOrDefault("phone", c.phone()),
            (String) changed.getOrDefault("city", c.city()),
            c.status(),
            (String) changed.getOrDefault("linkedinUrl", c.linkedinUrl()),
            companyId,
            c.replied(),
            c.tags(),
            c.customFields(),
            c.createdAt(),
            at);
    store.update(updated);
    Map<String, Object> payload =
        new LinkedHashMap<>(
            subjects.ofContact(workspaceId, contacts.require(workspaceId, contactId)));
    payload.put("changedFields", List.copyOf(changed.keySet()));
    outbox.add(workspaceId, CrmEvent.CONTACT_UPDATED, payload);
    return changed;
  }
}
