package dev.switchboard.integration.actions;

import dev.switchboard.workflow.ActionCall;
import java.util.Map;
import java.util.UUID;

/**
 * The contact an action applies to: from the item found by {@code search_contacts}, else from the
 * run's trigger context ({@code {"contact": {...}}}), else none.
 */
record Contact(Map<?, ?> fields) {

  static Contact of(ActionCall call) {
    if (call.item().get("contact") instanceof Map<?, ?> found) {
      return new Contact(found);
    }
    if (call.variables().get("contact") instanceof Map<?, ?> given) {
      return new Contact(given);
    }
    return new Contact(Map.of());
  }

  boolean present() {
    return !fields.isEmpty();
  }

  String text(String field) {
    Object value = fields.get(field);
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
  }

  /** The CRM id, when the contact is stored (a trigger context may carry a bare contact). */
  UUID id() {
    String id = text("id");
    if (id == null) {
      return null;
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** "John Doe", else the email, else the id. */
  String name() {
    String first = text("firstName");
    String last = text("lastName");
    String full = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    if (!full.isEmpty()) {
      return full;
    }
    return text("email") != null ? text("email") : text("id") != null ? text("id") : "(unnamed)";
  }

  /** What identifies the contact in the send ledgers. */
  String key(String fallback) {
    return text("id") != null ? text("id") : fallback;
  }
}
