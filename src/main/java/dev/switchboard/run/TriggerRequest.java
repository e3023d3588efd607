package dev.switchboard.run;

import java.util.Map;

/** The body of {@code POST /agents/{id}/trigger}: target filters, context data, a prompt. */
public record TriggerRequest(
    java.util.List<Map<String, Object>> filters, Map<String, Object> context, String prompt) {

  public static final TriggerRequest EMPTY = new TriggerRequest(null, null, null);
}
