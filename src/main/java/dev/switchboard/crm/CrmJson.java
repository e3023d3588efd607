package dev.switchboard.crm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON text columns (custom values, payloads, form fields) to and from maps and lists. */
@Component
public class CrmJson {

  private final JsonMapper json;

  CrmJson(JsonMapper json) {
    this.json = json;
  }

  public String write(Object value) {
    return value == null ? null : json.writeValueAsString(value);
  }

  public Map<String, Object> map(String text) {
    if (text == null || text.isBlank()) {
      return new LinkedHashMap<>();
    }
    return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  Object any(String text) {
    return text == null ? null : json.readValue(text, Object.class);
  }
}
