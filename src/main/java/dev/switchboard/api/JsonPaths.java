package dev.switchboard.api;

import java.util.List;
import tools.jackson.databind.DatabindException;

/**
 * Renders a Jackson reference path as {@code restrictions.maxExecutionsPerDay} or {@code
 * command[2]}.
 */
final class JsonPaths {

  private JsonPaths() {}

  static String describe(List<DatabindException.Reference> path) {
    StringBuilder out = new StringBuilder();
    for (DatabindException.Reference ref : path) {
      if (ref.getPropertyName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }
}
