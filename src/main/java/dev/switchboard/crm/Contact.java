package dev.switchboard.crm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person in the CRM. {@code replied} is set by the system (a reply arrived), never by the API.
 */
public record Contact(
    UUID id,
    UUID workspaceId,
    String firstName,
    String lastName,
    String email,
    String title,
    String phone,
    String city,
    String status,
    String linkedinUrl,
    UUID companyId,
    boolean replied,
    List<String> tags,
    Map<String, Object> customFields,
    Instant createdAt,
    Instant updatedAt) {

  /** "John Smith", or the email when the contact has no name. */
  String displayName() {
    String name =
        ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    return name.isEmpty() ? email : name;
  }

  Contact withTags(List<String> names) {
    return new Contact(
        id,
        workspaceId,
        firstName,
        lastName,
        email,
        title,
        phone,
        city,
        status,
        linkedinUrl,
        companyId,
        replied,
        names,
        customFields,
        createdAt,
        updatedAt);
  }

  /**
   * The contact as the API answers it and as actions see it in their bindings (the shape {@link
   * Crm} documents): ids and times as strings.
   */
  public Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id.toString());
    m.put("firstName", firstName);
    m.put("lastName", lastName);
    m.put("email", email);
    m.put("title", title);
    m.put("phone", phone);
    m.put("city", city);
    m.put("status", status);
    m.put("linkedinUrl", linkedinUrl);
    m.put("replied", replied);
    m.put("tags", tags == null ? List.of() : tags);
    m.put("companyId", companyId == null ? null : companyId.toString());
    m.put("customFields", customFields == null ? Map.of() : customFields);
    m.put("createdAt", createdAt.toString());
    m.put("updatedAt", updatedAt.toString());
    return m;
  }
}
