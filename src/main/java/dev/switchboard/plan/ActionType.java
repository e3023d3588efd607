package dev.switchboard.plan;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The action catalogue of the plan schema, with the parameters each one needs. */
public enum ActionType {
  /** Finds contacts; later steps apply to each one found. */
  SEARCH_CONTACTS("search_contacts", Set.of(), Set.of("filters", "match")),
  /** Sends an email by template name or subject and body. */
  SEND_EMAIL("send_email", Set.of(), Set.of("template", "subject", "body", "to")),
  /** Sends a LinkedIn invitation, optionally with a note. */
  LINKEDIN_INVITE("linkedin_invite", Set.of(), Set.of("note")),
  /** Searches the web; results become {@code @search.results}. */
  WEB_SEARCH("web_search", Set.of("query"), Set.of("query", "maxResults")),
  /** Creates a task for a person. */
  CREATE_TASK("create_task", Set.of("title"), Set.of("title", "dueInDays", "assignee")),
  /** Tags the contact. */
  ADD_TAG("add_tag", Set.of("tags"), Set.of("tags")),
  /** Removes tags from the contact. */
  REMOVE_TAG("remove_tag", Set.of("tags"), Set.of("tags")),
  /** Sets a field of the contact, its deal or its company. */
  UPDATE_FIELD(
      "update_field", Set.of("entity", "field", "value"), Set.of("entity", "field", "value")),
  /** Fills the contact from an enrichment provider. */
  ENRICH_CONTACT("enrich_contact", Set.of(), Set.of("provider")),
  /** Pauses the run durably for an ISO-8601 duration, up to 90 days. */
  WAIT("wait", Set.of("duration"), Set.of("duration")),
  /** Hands the contact to a person and waits for them. */
  HANDOFF("handoff", Set.of("to"), Set.of("to", "message", "timeout")),
  /** Writes {@code @memory.key} for later steps. */
  REMEMBER("remember", Set.of("key", "value"), Set.of("key", "value"));

  private final String wireName;
  private final Set<String> required;
  private final Set<String> allowed;

  ActionType(String wireName, Set<String> required, Set<String> allowed) {
    this.wireName = wireName;
    this.required = required;
    this.allowed = allowed;
  }

  /** The name used in plans and in the action registry, e.g. {@code send_email}. */
  public String wireName() {
    return wireName;
  }

  public Set<String> requiredParams() {
    return required;
  }

  public Set<String> allowedParams() {
    return allowed;
  }

  public static Optional<ActionType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
