package dev.switchboard.agent;

import dev.switchboard.api.ApiException;
import dev.switchboard.plan.PlanJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent's configuration as a portable document ({@code switchboard-agent/1}): what it does and
 * when, without ids, secrets or webhook secrets, so that importing it elsewhere makes an equivalent
 * new draft and exporting that gives the same document.
 */
final class AgentConfig {

  static final String FORMAT = "switchboard-agent/1";

  /** A larger document is refused before it is parsed. */
  static final int MAX_BYTES = 1_000_000;

  /**
   * Memory lasts one run (story 3.3: "Memory persists for the duration of execution"); there is
   * nothing else to configure, and the document says so for readers and for later formats.
   */
  static final Map<String, Object> MEMORY = Map.of("scope", "execution");

  private static final List<String> FIELDS =
      List.of(
          "format",
          "name",
          "goal",
          "kind",
          "instructions",
          "plan",
          "command",
          "workingDirectory",
          "timeoutSeconds",
          "triggers",
          "restrictions",
          "runPermission",
          "memory");

  private static final Set<String> RESTRICTIONS =
      Set.of("maxExecutionsPerMinute", "maxExecutionsPerDay", "maxEmailsPerDay");

  /** Keys that would carry a credential; a document holding one is refused, not cleaned. */
  private static final Set<String> SECRET_KEYS =
      Set.of(
          "secret",
          "secrets",
          "webhooksecret",
          "password",
          "apikey",
          "accesstoken",
          "token",
          "url",
          "authorization");

  private AgentConfig() {}

  static Map<String, Object> export(Agent agent, List<TriggerDefinition> triggers) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", FORMAT);
    out.put("name", agent.name());
    out.put("goal", agent.goal());
    out.put("kind", agent.kind().wireName());
    out.put("instructions", agent.instructions());
    out.put("plan", agent.plan() == null ? null : PlanJson.write(agent.plan()));
    out.put("command", agent.command());
    out.put("workingDirectory", agent.workingDirectory());
    out.put("timeoutSeconds", agent.timeoutSeconds());
    List<Map<String, Object>> definitions = new ArrayList<>();
    for (TriggerDefinition trigger : triggers) {
      Map<String, Object> definition = TriggerJson.write(trigger);
      definition.remove("id");
      definitions.add(definition);
    }
    out.put("triggers", definitions);
    Restrictions r = agent.restrictions();
    Map<String, Object> restrictions = new LinkedHashMap<>();
    restrictions.put("maxExecutionsPerMinute", r.maxExecutionsPerMinute());
    restrictions.put("maxExecutionsPerDay", r.maxExecutionsPerDay());
    restrictions.put("maxEmailsPerDay", r.maxEmailsPerDay());
    out.put("restrictions", restrictions);
    out.put("runPermission", agent.adminsOnly() ? "admins" : "members");
    out.put("memory", MEMORY);
    return out;
  }

  /** The request that creates the document's agent as a new draft, or 400 naming the field. */
  static AgentRequest read(byte[] body, JsonMapper json) {
    if (body.length > MAX_BYTES) {
      throw ApiException.invalid("body", "An agent configuration is at most 1 MB");
    }
    Object tree;
    try {
      tree = json.readValue(body, Object.class);
    } catch (JacksonException e) {
      throw ApiException.invalid("body", "The agent configuration is not valid JSON");
    }
    // The export's answer as saved from the API, envelope and all, imports as well.
    if (tree instanceof Map<?, ?> envelope
        && envelope.size() == 2
        && Boolean.TRUE.equals(envelope.get("success"))
        && envelope.get("data") instanceof Map<?, ?> data) {
      tree = data;
    }
    if (!(tree instanceof Map<?, ?> document)) {
      throw ApiException.invalid("body", "An agent configuration is a JSON object");
    }
    refuseSecrets(document, "");
    for (Object key : document.keySet()) {
      if (!FIELDS.contains(key)) {
        throw ApiException.invalid(key.toString(), "Unknown field '" + key + "' in " + FORMAT);
      }
    }
    Object format = document.get("format");
    if (!FORMAT.equals(format)) {
      throw ApiException.invalid(
          "format",
          format == null
              ? "format is required: " + FORMAT
              : "Unsupported format " + format + "; this server reads " + FORMAT);
    }
    Object memory = document.get("memory");
    if (memory != null && !MEMORY.equals(memory)) {
      throw ApiException.invalid("memory", "memory must be {\"scope\": \"execution\"}");
    }
    return new AgentRequest(
        text(document, "name"),
        text(document, "goal"),
        text(document, "kind"),
        "draft",
        text(document, "instructions"),
        document.get("plan"),
        command(document.get("command")),
        text(document, "workingDirectory"),
        integer(document.get("timeoutSeconds"), "timeoutSeconds"),
        text(document, "runPermission"),
        restrictions(document.get("restrictions")),
        document.get("triggers"));
  }

  private static void refuseSecrets(Object node, String path) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String field = path.isEmpty() ? key : path + "." + key;
        if (SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
          throw ApiException.invalid(
              field, "An agent configuration never carries secrets ('" + key + "')");
        }
        refuseSecrets(entry.getValue(), field);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        refuseSecrets(list.get(i), path + "[" + i + "]");
      }
    }
  }

  private static String text(Map<?, ?> document, String field) {
    Object value = document.get(field);
    if (value != null && !(value instanceof String)) {
      throw ApiException.invalid(field, field + " must be text");
    }
    return (String) value;
  }

  private static Integer integer(Object value, String field) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer number)) {
      throw ApiException.invalid(field, field + " must be a whole number");
    }
    return number;
  }

  private static List<String> command(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> items)) {
      throw ApiException.invalid("command", "command must be a list of arguments");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof String argument)) {
        throw ApiException.invalid("command[" + i + "]", "Each argument must be text");
      }
      out.add(argument);
    }
    return out;
  }

  private static AgentRequest.RestrictionsRequest restrictions(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw ApiException.invalid("restrictions", "restrictions must be an object");
    }
    for (Object key : map.keySet()) {
      if (!RESTRICTIONS.contains(key)) {
        throw ApiException.invalid("restrictions." + key, "Unknown restriction '" + key + "'");
      }
    }
    return new AgentRequest.RestrictionsRequest(
        integer(map.get("maxExecutionsPerMinute"), "restrictions.maxExecutionsPerMinute"),
        integer(map.get("maxExecutionsPerDay"), "restrictions.maxExecutionsPerDay"),
        integer(map.get("maxEmailsPerDay"), "restrictions.maxEmailsPerDay"));
  }
}
