package dev.switchboard.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's side of the {@code /ws} protocol as JSON text, written with the application's mapper
 * so instants and ids look the same as in the HTTP API.
 */
@Component
class LiveJson {

  private final JsonMapper json;

  LiveJson(JsonMapper json) {
    this.json = json;
  }

  String subscribed(String topic) {
    return write(message("subscribed", topic));
  }

  String unsubscribed(String topic) {
    return write(message("unsubscribed", topic));
  }

  String pong() {
    return write(message("pong", null));
  }

  String error(String code, String topic, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "error");
    m.put("code", code);
    if (topic != null) {
      m.put("topic", topic);
    }
    m.put("message", text);
    return write(m);
  }

  /** An {@code error} answering a {@code chat} message, naming the field when one was wrong. */
  String chatError(String code, String field, String clientMessageId, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "error");
    m.put("code", code);
    if (field != null) {
      m.put("field", field);
    }
    if (clientMessageId != null) {
      m.put("clientMessageId", clientMessageId);
    }
    m.put("message", text);
    return write(m);
  }

  /** {@code chat:reply}: the answer of {@code POST /chat} ({@code reply, workOrder, execution}). */
  String chatReply(UUID workspaceId, String clientMessageId, JsonNode answer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "chat:reply");
    m.put("workspaceId", workspaceId);
    m.put("clientMessageId", clientMessageId);
    m.put("reply", answer.path("reply"));
    m.put("workOrder", answer.path("workOrder").isMissingNode() ? null : answer.get("workOrder"));
    m.put("execution", answer.path("execution").isMissingNode() ? null : answer.get("execution"));
    return write(m);
  }

  String snapshot(String topic, Object data) {
    Map<String, Object> m = message("snapshot", topic);
    m.put("data", data);
    return write(m);
  }

  String event(String topic, Broadcast b) {
    Map<String, Object> m = message("event", topic);
    m.put("event", b.event());
    m.put("data", b.data());
    return write(m);
  }

  String write(Object value) {
    return json.writeValueAsString(value);
  }

  /** A value (a map, a record, a stored answer) as a JSON tree. */
  JsonNode tree(Object value) {
    return json.valueToTree(value);
  }

  JsonNode read(String text) {
    return json.readTree(text);
  }

  <T> T read(String text, Class<T> type) {
    return json.readValue(text, type);
  }

  private static Map<String, Object> message(String type, String topic) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    if (topic != null) {
      m.put("topic", topic);
    }
    return m;
  }
}
