package dev.switchboard.instruction.internal;

/**
 * Code comments after a rule ("update deal.stage = 'Won' # they signed", "add_tag('Paid') //
 * converted") say why, not what: outside quotes, a {@code //} or a {@code #} with spaces on both
 * sides, after something on its line, runs to the end of the line and becomes spaces, character for
 * character, so every offset still points into the text as written.
 */
final class Comments {

  private Comments() {}

  static String strip(String text) {
    if (!text.contains("//") && !text.contains(" # ")) {
      return text;
    }
    char[] out = text.toCharArray();
    char quote = 0;
    boolean code = false; // something other than spaces before, on this line
    for (int i = 0; i < out.length; i++) {
      char ch = out[i];
      if (ch == '\n') {
        quote = 0;
        code = false;
      } else if (quote != 0) {
        quote = ch == quote ? 0 : quote;
      } else if (ch == '"' || ch == '\'' && !Emphasis.apostrophe(text, i)) {
        quote = ch;
        code = true;
      } else if (code && opens(text, i)) {
        while (i < out.length && out[i] != '\n') {
          out[i++] = ' ';
        }
        i--;
      } else if (!Character.isWhitespace(ch)) {
        code = true;
      }
    }
    return new String(out);
  }

  private static boolean opens(String text, int i) {
    boolean spaceBefore = i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t');
    boolean slashes = text.startsWith("//", i);
    boolean hash = text.charAt(i) == '#' && text.startsWith(" ", i + 1);
    return spaceBefore && (slashes || hash);
  }
}
