package dev.switchboard.crm;

import java.util.Map;

/**
 * The standard fields of each CRM entity and their columns: the whitelist every dynamic query and
 * update goes through, so no name from a request ever reaches SQL.
 */
public final class Fields {

  private Fields() {}

  public static final Map<String, String> CONTACT =
      Map.ofEntries(
          Map.entry("firstName", "first_name"),
          Map.entry("lastName", "last_name"),
          Map.entry("email", "email"),
          Map.entry("title", "title"),
          Map.entry("phone", "phone"),
          Map.entry("city", "city"),
          Map.entry("status", "status"),
          Map.entry("linkedinUrl", "linkedin_url"),
          Map.entry("replied", "replied"),
          Map.entry("companyId", "company_id"),
          Map.entry("id", "id"),
          Map.entry("createdAt", "created_at"),
          Map.entry("updatedAt", "updated_at"));

  static final Map<String, String> DEAL =
      Map.of(
          "name", "name",
          "value", "deal_value",
          "stage", "stage",
          "contactId", "contact_id",
          "companyId", "company_id",
          "id", "id",
          "createdAt", "created_at",
          "updatedAt", "updated_at");

  public static final Map<String, String> COMPANY =
      Map.of(
          "name", "name",
          "domain", "domain",
          "industry", "industry",
          "size", "size",
          "id", "id",
          "createdAt", "created_at",
          "updatedAt", "updated_at");

  public static Map<String, String> of(String entity) {
    return switch (entity) {
      case "contact" -> CONTACT;
      case "deal" -> DEAL;
      case "company" -> COMPANY;
      default -> throw new IllegalArgumentException(entity);
    };
  }

  static boolean isStandard(String entity, String name) {
    return of(entity).containsKey(name) || "tags".equals(name) || "customFields".equals(name);
  }

  public static String table(String entity) {
    return switch (entity) {
      case "contact" -> "contacts";
      case "deal" -> "deals";
      case "company" -> "companies";
      default -> throw new IllegalArgumentException(entity);
    };
  }
}
