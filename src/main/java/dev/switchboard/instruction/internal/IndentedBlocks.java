package dev.switchboard.instruction.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Lines indented under a line that ends with a colon ("if deal stage is 'Negotiation':" and below
 * it " if deal value >= $50k → hand off …", " else → create task …") are that line's list, as if
 * each had a bullet: the last two spaces of each such line's indent become "- ", so every offset
 * still points into the text as written. Lines that have a marker of their own keep it.
 */
final class IndentedBlocks {

  private IndentedBlocks() {}

  /** A line ending with a colon and the indent of its block's lines (-1 until one is seen). */
  private static final class Block {
    final int header;
    int items = -1;

    Block(int header) {
      this.header = header;
    }
  }

  static String mark(String text) {
    if (!text.contains(":\n ")) {
      return text;
    }
    char[] out = text.toCharArray();
    Deque<Block> open = new ArrayDeque<>();
    int at = 0;
    for (String line : text.split("\n", -1)) {
      int indent = indent(line);
      if (!line.isBlank()) {
        while (!open.isEmpty() && indent <= open.peek().header) {
          open.pop();
        }
        Block block = open.peek();
        if (block != null && block.items < 0) {
          block.items = indent;
        }
        // deeper than its block's lines, a line goes on the one above ("Message: …")
        if (block != null && indent == block.items && indent >= 2 && !marked(line, indent)) {
          out[at + indent - 2] = '-';
          out[at + indent - 1] = ' ';
        }
        if (line.stripTrailing().endsWith(":")) {
          open.push(new Block(indent));
        }
      }
      at += line.length() + 1;
    }
    return new String(out);
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** A list marker of its own: "- ", "* ", "• ", "1.", "2)", "a.", "b)", "ii)", "(c)". */
  private static final Pattern MARKER =
      Pattern.compile(
          "(?:[-*•+]|\\d+(?:\\.\\d+)*[.)]?|[a-zA-Z][.)]|[ivxIVX]+[.)]|\\([a-zA-Z0-9]{1,4}\\))(?:\\s|$)");

  private static boolean marked(String line, int indent) {
    return MARKER.matcher(line).region(indent, line.length()).lookingAt();
  }
}
