package dev.switchboard.api;

/**
 * Text the databases can keep: no NUL character (PostgreSQL refuses it in text columns) and no lone
 * UTF-16 surrogate (it has no UTF-8 encoding). Every text that arrives from outside passes here.
 */
public final class StorableText {

  private StorableText() {}

  public static boolean accepts(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000' || Character.isLowSurrogate(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /** The 400 for a field that holds such text. */
  public static ApiException refusal(String field) {
    return ApiException.invalid(
        field,
        "Field '"
            + field
            + "' contains a character that cannot be stored (NUL or a lone surrogate)");
  }
}
