package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "> We had a lot of signups from the Berlin meetup last week.": a line quoted from an earlier
 * message in a reply gives the background of the request, not the request. Asked after a refusal
 * that points into such a line, every quoted line is skipped with a warning and the rest is read.
 */
final class QuotedLines {

  private QuotedLines() {}

  private static final Pattern QUOTED_LINE = Pattern.compile("(?m)^[ \\t]*>[ \\t]?(.*)$");

  /** The tokens without the quoted lines; empty when the refusal points into none of them. */
  static Optional<Reread> skip(String text, List<Token> tokens, List<ParseDetail> refusal) {
    List<int[]> lines = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Matcher m = QUOTED_LINE.matcher(text);
    while (m.find()) {
      lines.add(new int[] {m.start(), m.end()});
      warnings.add(Reread.saysNothing(m.group(1).strip()));
    }
    boolean pointedAt =
        refusal.stream()
            .anyMatch(d -> lines.stream().anyMatch(l -> d.start() < l[1] && l[0] < d.end()));
    if (!pointedAt) {
      return Optional.empty();
    }
    List<Token> out = new ArrayList<>();
    for (Token t : tokens) {
      if (lines.stream().noneMatch(l -> l[0] <= t.start() && t.start() < l[1])) {
        out.add(t);
      }
    }
    return Optional.of(new Reread(out, warnings));
  }
}
