package dev.switchboard.crm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a CRM event says about its subject, so that a trigger's condition can read {@code
 * contact.*}, {@code company.*} and {@code deal.*} without reading the CRM's tables: a contact with
 * its company; a deal with its contact and its company (the contact's when the deal has none).
 */
@Component
class EventSubjects {

  private final ContactStore contacts;
  private final Companies companies;

  EventSubjects(ContactStore contacts, Companies companies) {
    this.contacts = contacts;
    this.companies = companies;
  }

  /** {@code {contact, company?}}. */
  Map<String, Object> ofContact(UUID ws, Contact contact) {
    return ofContacts(ws, List.of(contact)).getFirst();
  }

  /** One {@code {contact, company?}} per contact, each company read once. */
  List<Map<String, Object>> ofContacts(UUID ws, List<Contact> list) {
    Map<UUID, Optional<Map<String, Object>>> read = new HashMap<>();
    return list.stream()
        .map(c -> {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("contact", c.view());
          company(ws, c.companyId(), read).ifPresent(company -> out.put("company", company));
          return out;
        })
        .toList();
  }

  /** {@code {deal, contact?, company?}}. */
  Map<String, Object> ofDeal(UUID ws, Map<String, Object> deal) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("deal", deal);
    Optional<Contact> contact = id(deal.get("contactId")).flatMap(id -> contacts.find(ws, id));
    contact.ifPresent(c -> out.put("contact", c.view()));
    UUID companyId =
        id(deal.get("companyId")).orElseGet(() -> contact.map(Contact::companyId).orElse(null));
    companies.find(ws, companyId).ifPresent(company -> out.put("company", company));
    return out;
  }

  private static Optional<UUID> id(Object value) {
    return value == null ? Optional.empty() : Optional.of(UUID.fromString(value.toString()));
  }

  private Optional<Map<String, Object>> company(
      UUID ws, UUID id, Map<UUID, Optional<Map<String, Object>>> read) {
    return id == null ? Optional.empty() : read.computeIfAbsent(id, k -> companies.find(ws, k));
  }
}
