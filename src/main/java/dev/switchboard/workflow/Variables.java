package dev.switchboard.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code @contact.firstName}, {@code @memory.key}, {@code @search.results[0].title} …
 * against the run's bindings. A variable that does not exist stays visible as written, with a
 * warning, so a typo shows in the email instead of crashing the run.
 */
public final class Variables {

  private static final Pattern VARIABLE =
      Pattern.compile(
          "@(contact|deal|company|form|payload|memory|search|user)((?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+\\])+)");
  private static final Pattern PART = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[(\\d+)\\]");

  private Variables() {}

  /** Looks up a dotted path such as {@code contact.title} or {@code search.results[0].url}. */
  public static Optional<Object> lookup(Map<String, Object> bindings, String path) {
    Matcher head = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)").matcher(path);
    if (!head.find()) {
      return Optional.empty();
    }
    Object current = bindings.get(head.group(1));
    Matcher part = PART.matcher(path.substring(head.end()));
    while (current != null && part.find()) {
      if (part.group(1) != null) {
        current = current instanceof Map<?, ?> map ? field(map, part.group(1)) : null;
      } else {
        int index = Integer.parseInt(part.group(2));
        current = current instanceof List<?> list && index < list.size() ? list.get(index) : null;
      }
    }
    return Optional.ofNullable(current);
  }

  /** Contact fields are flat; custom fields may also sit under {@code customFields}. */
  private static Object field(Map<?, ?> map, String name) {
    Object value = map.get(name);
    if (value == null && map.get("customFields") instanceof Map<?, ?> custom) {
      value = custom.get(name);
    }
    return value;
  }

  /** Resolves every variable in a parameter value (strings, lists and maps, recursively). */
  public static Object resolve(Object value, Map<String, Object> bindings, Consumer<String> warn) {
    return switch (value) {
      case String text -> resolveText(text, bindings, warn);
      case List<?> list -> {
        List<Object> out = new ArrayList<>();
        for (Object v : list) {
          out.add(resolve(v, bindings, warn));
        }
        yield out;
      }
      case Map<?, ?> map -> {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, bindings, warn)));
        yield out;
      }
      case null, default -> value;
    };
  }

  static Map<String, Object> resolveAll(
      Map<String, Object> params, Map<String, Object> bindings, Consumer<String> warn) {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach((k, v) -> out.put(k, resolve(v, bindings, warn)));
    return out;
  }

  private static Object resolveText(
      String text, Map<String, Object> bindings, Consumer<String> warn) {
    Matcher m = VARIABLE.matcher(text);
    if (m.matches()) {
      // A parameter that is only a variable keeps the value's type (a list of results, a number).
      Optional<Object> whole = lookup(bindings, text.substring(1));
      if (whole.isPresent()) {
        return whole.get();
      }
      warn.accept("Variable " + text + " not found; left as written");
      return text;
    }
    m.reset();
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group();
      Optional<Object> found = lookup(bindings, name.substring(1));
      if (found.isEmpty()) {
        warn.accept("Variable " + name + " not found; left as written");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(found.map(String::valueOf).orElse(name)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
