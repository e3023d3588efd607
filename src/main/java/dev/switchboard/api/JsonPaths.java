package dev.switchboard.api;

import java.util.List;
import tools.jackson.core.JacksonException;

/**
 * Renders a Jackson reference path as {@code restrictions.maxExecutionsPerDay} or {@code
 * command[2]}.
 */
final class JsonPaths {

  private JsonPaths() {}

  static String describe(List<JacksonException.Reference> path) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference ref : path) {
      if (ref.getPropertyName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(safe(ref.getPropertyName()));
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }

  /** A field name fit to echo in an answer: unstorable characters become U+FFFD, long ones cut. */
  static String safe(String name) {
    String shown = name.length() > 100 ? name.substring(0, 100) + "…" : name;
    if (StorableText.accepts(shown)) {
      return shown;
    }
    StringBuilder out = new StringBuilder();
    shown
        .codePoints()
        .forEach(c ->
            out.appendCodePoint(
                c == 0 || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)
                    ? 0xFFFD
                    : c));
    return out.toString();
  }
}
