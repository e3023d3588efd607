package dev.switchboard.workflow;

import dev.switchboard.plan.ActionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What one top-level step did, gathered over every contact it ran for, as its record's {@code
 * result} shows it: {@code send_email} {@code {sent: [{to, subject}], failed}}, {@code web_search}
 * {@code {query, results}}, {@code if} {@code {condition, value, branch}}, tasks, tags and fields
 * changed. Lists keep their first {@value #LIMIT} entries so a step over 10,000 contacts stays a
 * small record.
 */
final class StepResult {

  static final int LIMIT = 50;

  /** Email bodies are cut to this many characters wherever a step record holds them. */
  static final int BODY_LIMIT = 100;

  private final Map<String, List<Object>> lists = new LinkedHashMap<>();
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, Integer> skippedByKey = new LinkedHashMap<>();
  private final LinkedHashSet<String> tags = new LinkedHashSet<>();
  private final List<Map<String, Object>> evaluations = new ArrayList<>();
  private final List<Map<String, Object>> resolvedParams = new ArrayList<>();
  private String condition;

  /** An action's outcome for one contact. */
  void add(ActionType type, Map<String, Object> item, ActionResult result) {
    switch (result) {
      case ActionResult.Done done -> done(type, item, done.output());
      case ActionResult.Skipped s -> {
        if (type == ActionType.SEND_EMAIL) {
          skippedByKey.merge("failed", 1, Integer::sum);
        }
      }
      case ActionResult.Await a -> append("handoffs", Map.of("message", a.message()));
      case ActionResult.Found f -> {}
    }
  }

  private void done(ActionType type, Map<String, Object> item, Map<String, Object> output) {
    switch (type) {
      case SEND_EMAIL -> {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("to", output.get("to"));
        if (output.get("subject") != null) {
          sent.put("subject", output.get("subject"));
        }
        if (Boolean.TRUE.equals(output.get("alreadySent"))) {
          sent.put("alreadySent", true);
        }
        append("sent", sent);
      }
      case WEB_SEARCH -> {
        values.put("query", output.get("query"));
        values.put("results", output.get("results"));
      }
      case ADD_TAG, REMOVE_TAG -> {
        if (output.get("tags") instanceof List<?> names) {
          names.forEach(n -> tags.add(String.valueOf(n)));
        }
        append(type == ActionType.ADD_TAG ? "tagged" : "untagged", contactId(item));
      }
      case CREATE_TASK -> append("tasks", output);
      case UPDATE_FIELD -> append("fieldsChanged", output);
      case ENRICH_CONTACT -> append("enriched", withContact(item, output));
      case LINKEDIN_INVITE -> append("invitations", withContact(item, output));
      default -> append("outputs", output);
    }
  }

  /** A condition evaluated for one contact (or for the run). */
  void evaluated(String described, Map<String, Object> item, boolean value) {
    condition = described;
    if (evaluations.size() < LIMIT) {
      Map<String, Object> e = new LinkedHashMap<>();
      Object contact = contactId(item);
      if (contact != null) {
        e.put("contactId", contact);
      }
      e.put("value", value);
      e.put("branch", value ? "then" : "else");
      evaluations.add(e);
    }
  }

  /** The parameters of one call with every variable resolved (an email body cut short). */
  void resolved(Map<String, Object> item, Map<String, Object> params) {
    if (resolvedParams.size() < LIMIT) {
      Map<String, Object> r = new LinkedHashMap<>();
      Object contact = contactId(item);
      if (contact != null) {
        r.put("contactId", contact);
      }
      r.put("params", cutBody(params));
      resolvedParams.add(r);
    }
  }

  List<Map<String, Object>> resolvedParams() {
    return resolvedParams;
  }

  /** The result, with the step's own counts first (performed, skipped for per-contact steps). */
  Map<String, Object> toMap(Map<String, Object> counts) {
    Map<String, Object> out = new LinkedHashMap<>(counts);
    if (condition != null) {
      out.put("condition", condition);
      Map<String, Object> first = evaluations.getFirst();
      boolean uniform =
          evaluations.stream().allMatch(e -> e.get("value").equals(first.get("value")));
      if (uniform) {
        out.put("value", first.get("value"));
        out.put("branch", first.get("branch"));
      }
      if (evaluations.size() > 1 || first.containsKey("contactId")) {
        out.put("byContact", evaluations);
      }
    }
    lists.forEach(out::put);
    if (lists.containsKey("sent") || skippedByKey.containsKey("failed")) {
      out.putIfAbsent("sent", List.of());
      out.put("failed", skippedByKey.getOrDefault("failed", 0));
    }
    if (!tags.isEmpty()) {
      out.put("tags", List.copyOf(tags));
    }
    out.putAll(values);
    return out;
  }

  /** Params as a step record may hold them: an email's body at most {@value #BODY_LIMIT} chars. */
  static Map<String, Object> cutBody(Map<String, Object> params) {
    if (!(params.get("body") instanceof String body) || body.length() <= BODY_LIMIT) {
      return params;
    }
    Map<String, Object> cut = new LinkedHashMap<>(params);
    cut.put("body", body.substring(0, BODY_LIMIT) + "…");
    return cut;
  }

  private void append(String key, Object entry) {
    List<Object> list = lists.computeIfAbsent(key, k -> new ArrayList<>());
    if (list.size() < LIMIT && entry != null) {
      list.add(entry);
    }
  }

  private static Map<String, Object> withContact(
      Map<String, Object> item, Map<String, Object> output) {
    Object contact = contactId(item);
    if (contact == null) {
      return output;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("contactId", contact);
    out.putAll(output);
    return out;
  }

  static Object contactId(Map<String, Object> item) {
    return item.get("contact") instanceof Map<?, ?> contact ? contact.get("id") : null;
  }
}
