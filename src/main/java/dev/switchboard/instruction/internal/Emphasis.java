package dev.switchboard.instruction.internal;

/**
 * Markdown emphasis outside quotes ("**Audience:**", "__Then:__") says nothing about the plan: its
 * marks become spaces, character for character, so every offset still points into the text as
 * written and a bold label reads as a label.
 */
final class Emphasis {

  private Emphasis() {}

  /** A line in bold and nothing else: "**Day 0**". */
  private static final java.util.regex.Pattern BOLD_LINE =
      java.util.regex.Pattern.compile("(?m)^([ \\t]*)\\*\\*([^*:\\n'\"‘“@]+)\\*\\*[ \\t]*$");

  static String strip(String text) {
    if (!text.contains("**") && !text.contains("__")) {
      return text;
    }
    // "**Day 4 — reminder**" on a line of its own is a heading, as "## Day 4 — reminder" is
    text =
        BOLD_LINE
            .matcher(text)
            .replaceAll(m ->
                Forms.opensStep(m.group(2).strip())
                    ? m.group()
                    : m.group(1) + "##" + m.group(2) + "  ");
    char[] out = text.toCharArray();
    char quote = 0;
    for (int i = 0; i < out.length; i++) {
      char ch = out[i];
      if (quote != 0) {
        quote = ch == quote || ch == '\n' ? 0 : quote;
      } else if (ch == '"' || ch == '\'' && !apostrophe(text, i)) {
        quote = ch;
      } else if ((ch == '*' || ch == '_') && i + 1 < out.length && out[i + 1] == ch) {
        out[i] = ' ';
        out[i + 1] = ' ';
        i++;
      }
    }
    return new String(out);
  }

  /** Whether the quote mark at {@code i} is an apostrophe between letters ("they're"). */
  static boolean apostrophe(String text, int i) {
    return i > 0
        && i + 1 < text.length()
        && Character.isLetter(text.charAt(i - 1))
        && Character.isLetter(text.charAt(i + 1));
  }
}
