package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import dev.switchboard.sql.Like;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and finds contacts. Every write records its {@code contact.created} or {@code
 * contact.updated} event in the outbox, in the same transaction.
 */
@Service
class Contacts {

  static final int PAGE_SIZE = 50;
  private static final Set<String> FIELDS =
      Set.of(
          "firstName",
          "lastName",
          "email",
          "title",
          "phone",
          "city",
          "status",
          "linkedinUrl",
          "companyId",
          "tags",
          "customFields",
          "replied");

  private final ContactStore store;
  private final Tags tags;
  private final Companies companies;
  private final CustomFields customFields;
  private final Outbox outbox;
  private final EventSubjects subjects;
  private final Clock clock;

  Contacts(
      ContactStore store,
      Tags tags,
      Companies companies,
      CustomFields customFields,
      Outbox outbox,
      EventSubjects subjects,
      Clock clock) {
    this.store = store;
    this.tags = tags;
    this.companies = companies;
    this.customFields = customFields;
    this.outbox = outbox;
    this.subjects = subjects;
    this.clock = clock;
  }

  Contact require(UUID ws, UUID id) {
    return store.find(ws, id).orElseThrow(() -> ApiException.notFound("Contact"));
  }

  /** One page of contacts, newest first, optionally searched (name, email, title) and by tag. */
  Map<String, Object> list(UUID ws, String search, String tag, int page) {
    StringBuilder where = new StringBuilder("c.workspace_id = ?");
    List<Object> params = new ArrayList<>(List.of(ws));
    if (search != null && !search.isBlank()) {
      where.append(
          " and (lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) like ?"
              + " or c.email_lower like ? or lower(coalesce(c.title, '')) like ?)");
      String like = Like.contains(search.strip());
      params.addAll(List.of(like, like, like));
    }
    if (tag != null && !tag.isBlank()) {
      where.append(
          " and exists (select 1 from contact_tags ct join tags t on t.id = ct.tag_id"
              + " where ct.contact_id = c.id and t.name_lower = ?)");
      params.add(Tags.key(tag));
    }
    int p = Math.max(page, 1);
    long total = store.count(where.toString(), params);
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(PAGE_SIZE);
    pageParams.add((long) (p - 1) * PAGE_SIZE);
    List<Contact> items =
        store.select(
            where.toString(), pageParams, "order by c.created_at desc, c.id limit ? offset ?");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items.stream().map(Contact::view).toList());
    out.put("page", p);
    out.put("pageSize", PAGE_SIZE);
    out.put("total", total);
    out.put("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    return out;
  }

  @Transactional
  Contact create(UUID ws, Map<String, Object> values) {
    Body body = Body.of(values, FIELDS);
    refuseReplied(body);
    String email = body.email("email");
    if (email == null) {
      throw ApiException.invalid("email", "Field 'email' is required");
    }
    UUID companyId = companyOf(ws, body);
    Map<String, Object> custom = customFields.checkAll(ws, "contact", body.map("customFields"));
    custom.values().removeIf(java.util.Objects::isNull);
    Instant now = clock.instant();
    Contact contact =
        new Contact(
            UUID.randomUUID(),
            ws,
            body.text("firstName", 200),
            body.text("lastName", 200),
            email,
            body.text("title", 300),
            body.text("phone", 100),
            body.text("city", 200),
            body.text("status", 100),
            body.text("linkedinUrl", 500),
            companyId,
            false,
            List.of(),
            custom,
            now,
            now);
    refuseDuplicate(ws, email, null);
    try {
      store.insert(contact);
    } catch (DuplicateKeyException e) {
      throw duplicate(email);
    }
    List<String> names = body.texts("tags", 100);
    if (names != null) {
      tags.replace(ws, contact.id(), names);
    }
    Contact saved = require(ws, contact.id());
    outbox.add(ws, CrmEvent.CONTACT_CREATED, subjects.ofContact(ws, saved));
    return saved;
  }

  @Transactional
  Contact update(UUID ws, UUID id, Map<String, Object> values) {
    Contact c = require(ws, id);
    Body body = Body.of(values, FIELDS);
    refuseReplied(body);
    String email = c.email();
    if (body.has("email")) {
      email = body.email("email");
      if (email == null) {
        throw ApiException.invalid("email", "Field 'email' is required");
      }
      refuseDuplicate(ws, email, id);
    }
    Map<String, Object> custom = new LinkedHashMap<>(c.customFields());
    if (body.has("customFields")) {
      customFields
          .checkAll(ws, "contact", body.map("customFields"))
          .forEach((k, v) -> {
            if (v == null) {
              custom.remove(k);
            } else {
              custom.put(k, v);
            }
          });
    }
    Contact updated =
        new Contact(
            c.id(),
            ws,
            body.has("firstName") ? body.text("firstName", 200) : c.firstName(),
            body.has("lastName") ? body.text("lastName", 200) : c.lastName(),
            email,
            body.has("title") ? body.text("title", 300) : c.title(),
            body.has("phone") ? body.text("phone", 100) : c.phone(),
            body.has("city") ? body.text("city", 200) : c.city(),
            body.has("status") ? body.text("status", 100) : c.status(),
            body.has("linkedinUrl") ? body.text("linkedinUrl", 500) : c.linkedinUrl(),
            body.has("companyId") ? companyOf(ws, body) : c.companyId(),
            c.replied(),
            c.tags(),
            custom,
            c.createdAt(),
            clock.instant());
    try {
      store.update(updated);
    } catch (DuplicateKeyException e) {
      throw duplicate(email);
    }
    if (body.has("customFields")) {
      store.writeCustomValues(id, custom, false);
    }
    if (body.has("tags")) {
      List<String> names = body.texts("tags", 100);
      tags.replace(ws, id, names == null ? List.of() : names);
    }
    Contact saved = require(ws, id);
    List<String> changed = new ArrayList<>(body.keys());
    Map<String, Object> payload = new LinkedHashMap<>(subjects.ofContact(ws, saved));
    payload.put("changedFields", changed);
    outbox.add(ws, CrmEvent.CONTACT_UPDATED, payload);
    return saved;
  }

  @Transactional
  void delete(UUID ws, UUID id) {
    require(ws, id);
    store.delete(ws, id);
  }

  private UUID companyOf(UUID ws, Body body) {
    UUID companyId = body.uuid("companyId");
    if (companyId != null) {
      companies.require(ws, companyId);
    }
    return companyId;
  }

  private void refuseDuplicate(UUID ws, String email, UUID self) {
    store
        .idByEmail(ws, email)
        .filter(found -> !found.equals(self))
        .ifPresent(found -> {
          throw duplicate(email);
        });
  }

  private static ApiException duplicate(String email) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "DUPLICATE_EMAIL",
        "A contact with email " + email + " already exists",
        Map.of("field", "email"));
  }

  private static void refuseReplied(Body body) {
    if (body.has("replied")) {
      throw ApiException.invalid("replied", "Field 'replied' is read-only");
    }
  }
}
