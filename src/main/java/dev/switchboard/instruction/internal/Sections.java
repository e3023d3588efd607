package dev.switchboard.instruction.internal;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame of a written procedure: "1. Purpose", "2. Scope", "Definitions", "Document Control"
 * head sections that say why and for whom, not what to do, and "3. Procedure" or "Steps" head the
 * steps. The heading lines and the whole of each section of the first kind become spaces, character
 * for character, so every offset still points into the text as written; so does a "Purpose: to
 * ensure …" line. A section runs to the next heading line or the end of the text.
 */
final class Sections {

  private static final String NUMBER = "(?:(?:section|clause|part)\\s+)?\\d+(?:\\.\\d+)*[.):]?\\s+";

  private static final String ABOUT =
      "purpose|scope|background|context|definitions?|responsibilit(?:y|ies)|document control"
          + "|overview|references?|revision history|version history|version|approvals?"
          + "|objectives?|introduction|applicability|ownership|owner|rationale"
          + "|roles(?: and responsibilities)?|glossary|review|exceptions policy|why|exit criteria"
          + "|success criteria|goals?|notes|tips|faq|metrics|kpis?";

  private static final String DOING =
      "procedures?|steps|process|actions|workflow|instructions|method|operating steps";

  /** A heading line: "3. Procedure", "**Scope**", "## Definitions:", "Purpose and Scope". */
  private static final Pattern HEADING =
      Pattern.compile(
          "(?im)^[ \\t]*(?:"
              + NUMBER
              + ")?[#*_ \\t]*((?:"
              + ABOUT
              + "|"
              + DOING
              + ")"
              + "(?:\\s+(?:and|&)\\s+(?:"
              + ABOUT
              + "))?)[ \\t]*:?[*_ \\t]*$");

  /**
   * "Purpose: to ensure that …", "**Exit criteria:** none", "💡 Tip: …", "> Note: …" on one line; a
   * note needs its callout mark, since "Note: …" after an invite is the invite's note.
   */
  private static final Pattern ABOUT_LINE =
      Pattern.compile(
          "(?imu)^[ \\t]*(?:"
              + NUMBER
              + ")?(?:[*_]*(?:purpose|objectives?|rationale|why|exit criteria|success criteria"
              + "|tip)[*_]*[ \\t]*:|(?:>|\\p{So}\\uFE0F?)[ \\t]*[*_]*(?:tip|note|fyi|warning"
              + "|heads up|important)[*_]*[ \\t]*:).*$");

  /** "▶ How we measured this" and the lines indented below it: a folded toggle's aside. */
  private static final Pattern TOGGLE =
      Pattern.compile("(?m)^[ \\t]*[▶▸►▷][^\\n]*(?:\\n[ \\t]+\\S[^\\n]*)*");

  private static final Pattern DOING_NAME = Pattern.compile("(?i)" + DOING);

  private Sections() {}

  static String strip(String text) {
    Matcher heading = HEADING.matcher(text);
    List<MatchResult> headings = heading.results().toList();
    Matcher about = ABOUT_LINE.matcher(text);
    Matcher toggle = TOGGLE.matcher(text);
    if (headings.isEmpty() && !about.find() && !toggle.find()) {
      return text;
    }
    char[] out = text.toCharArray();
    for (int i = 0; i < headings.size(); i++) {
      MatchResult h = headings.get(i);
      boolean steps = DOING_NAME.matcher(h.group(1)).matches();
      int next = i + 1 < headings.size() ? headings.get(i + 1).start() : text.length();
      Blanks.fill(out, h.start(), steps ? h.end() : next);
    }
    for (Matcher line : List.of(about.reset(), toggle.reset())) {
      while (line.find()) {
        Blanks.fill(out, line.start(), line.end());
      }
    }
    return new String(out);
  }
}
