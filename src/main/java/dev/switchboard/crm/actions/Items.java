package dev.switchboard.crm.actions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reading the bindings of the item an action applies to. */
final class Items {

  private Items() {}

  /** The id of {@code contact}, {@code deal} or {@code company} in the item, when there is one. */
  static Optional<UUID> id(Map<String, Object> item, String entity) {
    if (item != null && item.get(entity) instanceof Map<?, ?> m && m.get("id") != null) {
      try {
        return Optional.of(UUID.fromString(String.valueOf(m.get("id"))));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** "John Smith" (or the email) of the item's contact; "the contact" when it has none. */
  static String contactName(Map<String, Object> item) {
    if (item != null && item.get("contact") instanceof Map<?, ?> c) {
      String name =
          ((c.get("firstName") == null ? "" : c.get("firstName"))
                  + " "
                  + (c.get("lastName") == null ? "" : c.get("lastName")))
              .strip();
      if (!name.isEmpty()) {
        return name;
      }
      if (c.get("email") != null) {
        return String.valueOf(c.get("email"));
      }
    }
    return "the contact";
  }

  /** A tags parameter: a list of names or one name (commas allowed). */
  static List<String> names(Object tags) {
    if (tags instanceof List<?> list) {
      return list.stream()
          .map(String::valueOf)
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    }
    if (tags == null) {
      return List.of();
    }
    return java.util.Arrays.stream(String.valueOf(tags).split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
