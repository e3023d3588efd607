package dev.switchboard.instruction.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Steps written as a table, in Markdown ("| 1 | Add tag | 'Hot' |") or with tabs ("1\tWait\t6
 * hours"): each row is a step. The text is rewritten character for character, so every offset still
 * points into the text as written: cell bars become spaces, header and rule rows become blank, and
 * the bar after a label cell ("| Then | hand off … |") becomes the label's colon.
 */
final class Tables {

  /** Header cells: a row of only these names the columns. */
  private static final Set<String> HEADERS =
      Set.of(
          "#",
          "no",
          "nr",
          "step",
          "steps",
          "action",
          "actions",
          "value",
          "values",
          "detail",
          "details",
          "parameter",
          "parameters",
          "params",
          "part",
          "order",
          "what",
          "how",
          "type",
          "notes",
          "note",
          "description");

  /** First cells that label the row, as "Then:" would. */
  private static final Set<String> LABELS =
      Set.of("condition", "if", "when", "then", "else", "otherwise", "unless");

  private static final Pattern RULE = Pattern.compile("\\s*\\|?[\\s|:\\-]*-[\\s|:\\-]*\\|?\\s*");

  private Tables() {}

  /** The text with its table rows read as lines of steps; the same text if it has no table. */
  static String flatten(String text) {
    if (text.indexOf('|') < 0 && text.indexOf('\t') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      out.append(row(text.substring(lineStart, lineEnd)));
      if (lineEnd < text.length()) {
        out.append('\n');
      }
      lineStart = lineEnd + 1;
    }
    return out.toString();
  }

  private static String row(String line) {
    boolean barred = line.strip().startsWith("|") && line.strip().endsWith("|");
    boolean tabbed = line.indexOf('\t') >= 0 && !barred;
    if (!barred && !tabbed) {
      return line;
    }
    if (barred && RULE.matcher(line).matches()) {
      return " ".repeat(line.length());
    }
    String[] cells = line.split(barred ? "\\|" : "\\t");
    boolean header = true;
    String first = null;
    for (String cell : cells) {
      String name = cell.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      first = first == null ? name : first;
      header &= HEADERS.contains(name);
    }
    if (first == null || header) {
      return " ".repeat(line.length());
    }
    if (!barred) {
      return line;
    }
    StringBuilder out = new StringBuilder(line);
    boolean labelled = LABELS.contains(first);
    boolean seenCell = false;
    for (int i = 0; i < out.length(); i++) {
      if (out.charAt(i) != '|') {
        seenCell |= !Character.isWhitespace(out.charAt(i));
        continue;
      }
      boolean afterLabel = labelled && seenCell;
      out.setCharAt(i, afterLabel ? ':' : ' ');
      labelled &= !afterLabel;
    }
    return out.toString();
  }
}
