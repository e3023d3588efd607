package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ticket: a title line ("OPS-2101: Webinar follow-up"), then labelled sections, one of them the
 * steps ("Trigger: …", "Steps:", "Notes: …", "Acceptance: …"). Asked after a refusal, it reads the
 * steps without the title and the sections that only describe (notes, acceptance, context), and a
 * trigger that names contacts ("Trigger: batch — contacts where city == 'London'") as the search
 * that finds them. A trigger that names an event ("Trigger: deal updated") is when the agent runs,
 * which its trigger settings say, not a step: it is skipped with a warning, as the asides are.
 */
final class Tickets {

  private Tickets() {}

  private static final Pattern LABEL =
      Pattern.compile(
          "(?:#+ ?|> ?)?[*_]*([A-Za-z][A-Za-z /]{0,30}?)[*_]*\\s*:(.*)", Pattern.DOTALL);

  private static final Pattern KEY = Pattern.compile("\\W*[A-Z][A-Z0-9]{1,9}-\\d{1,6}\\b.*");

  private static final Pattern CONTACTS =
      Pattern.compile(
          "(?i)\\s*(?:batch|bulk|segment|list)\\s*(?:[—–:-]\\s*|of\\s+)?"
              + "(?:all\\s+|every\\s+|the\\s+)?(contacts|leads|people)\\b.*",
          Pattern.DOTALL);

  private static final Pattern PARAGRAPH_END = Pattern.compile("\\n[ \\t]*\\n");

  /** A section that is a search as written ("Audience: find contacts where …"). */
  private static final Pattern SEARCH =
      Pattern.compile(
          "(?i)[\\s*_]*(?:find|search|get|pull|select|filter|look up|look for|query)\\b");

  /** The labels of the steps section ("Steps:", "What to do:"). */
  static final Set<String> STEP_LABELS =
      Set.of("steps", "actions", "what to do", "to do", "todo", "sequence", "workflow", "flow");

  private static final Set<String> TRIGGERS = Set.of("trigger", "triggers", "audience", "segment");

  private static final Set<String> ASIDES =
      Set.of(
          "notes",
          "note",
          "acceptance",
          "acceptance criteria",
          "ac",
          "context",
          "background",
          "why",
          "reason",
          "rationale",
          "goal",
          "owner",
          "priority",
          "requested by",
          "reporter",
          "dod",
          "definition of done",
          "links",
          "labels");

  /**
   * Asides that never label a step's value ("Note:" may be an invite's note): a text with one of
   * them reads as a ticket even without a steps section ("… Why: reps forget the second touch").
   */
  private static final Set<String> REASONS =
      Set.of("why", "reason", "rationale", "context", "background");

  /** A labelled section: its label in lower case, where its first line starts and where it ends. */
  private record Section(String label, int start, int end, int contentStart) {}

  /**
   * The ticket read as its steps; empty when the text is no ticket or nothing was skipped. The
   * refusal does not matter: a ticket is read as its steps wherever the refusal points.
   */
  static Optional<Reread> read(String text, List<Token> tokens, List<ParseDetail> refusal) {
    List<Section> sections = sections(text);
    boolean steps = sections.stream().anyMatch(s -> STEP_LABELS.contains(s.label()));
    boolean described =
        sections.stream().anyMatch(s -> ASIDES.contains(s.label()) || TRIGGERS.contains(s.label()));
    int firstLineEnd = text.indexOf('\n');
    boolean keyed = firstLineEnd > 0 && KEY.matcher(text.substring(0, firstLineEnd)).matches();
    boolean reasoned = sections.stream().anyMatch(s -> REASONS.contains(s.label()));
    if (sections.isEmpty() || !(steps && (described || keyed) || keyed && described || reasoned)) {
      return Optional.empty();
    }
    List<int[]> dropped = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int first = sections.getFirst().start();
    String title = text.substring(0, first).strip();
    if (steps && !title.isEmpty() && !title.contains("\n")) {
      dropped.add(new int[] {0, first});
      warnings.add(Reread.saysNothing(title));
    }
    List<Token> out = new ArrayList<>();
    int searchAt = -1;
    for (Section s : sections) {
      String written = text.substring(s.start(), s.end()).strip();
      if (ASIDES.contains(s.label())) {
        dropped.add(new int[] {s.start(), s.end()});
        warnings.add(Reread.saysNothing(written));
      } else if (TRIGGERS.contains(s.label())) {
        String content = text.substring(s.contentStart(), s.end());
        // "Audience: contacts in Oslo" names contacts as it is; a trigger only as a batch of them
        String named = s.label().equals("trigger") ? content : "batch " + content;
        Matcher m = CONTACTS.matcher(named);
        if (SEARCH.matcher(content).lookingAt()) {
          dropped.add(new int[] {s.start(), s.contentStart()}); // "Audience: find contacts …"
        } else if (m.matches()) {
          searchAt = s.contentStart() + m.start(1) - (named.length() - content.length());
          dropped.add(new int[] {s.start(), searchAt});
        } else {
          dropped.add(new int[] {s.start(), s.end()});
          warnings.add(Reread.saysWhen(written));
        }
      }
    }
    for (Token t : tokens) {
      if (t.start() == searchAt && !t.is(Kind.EOF)) {
        out.add(Token.word(t.text(), "find", t.start(), t.start()));
      }
      if (t.is(Kind.EOF)
          || dropped.stream().noneMatch(r -> r[0] <= t.start() && t.start() < r[1])) {
        out.add(t);
      }
    }
    return Optional.of(new Reread(out, warnings));
  }

  /** The text's labelled sections in order; each runs until the next one's line. */
  private static List<Section> sections(String text) {
    List<int[]> labels = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int lineStart = 0;
    while (lineStart < text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      Matcher m = LABEL.matcher(text.substring(lineStart, lineEnd));
      if (m.matches()) {
        String label = m.group(1).strip().toLowerCase(Locale.ROOT);
        if (STEP_LABELS.contains(label) || TRIGGERS.contains(label) || ASIDES.contains(label)) {
          labels.add(new int[] {lineStart, lineStart + m.start(2)});
          names.add(label);
        }
      }
      lineStart = lineEnd + 1;
    }
    List<Section> sections = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      int end = i + 1 < labels.size() ? labels.get(i + 1)[0] : text.length();
      int contentStart = labels.get(i)[1];
      int lineEnd = text.indexOf('\n', contentStart);
      Matcher blank = PARAGRAPH_END.matcher(text).region(contentStart, end);
      if (lineEnd > 0 && !text.substring(contentStart, lineEnd).isBlank() && blank.find()) {
        end = blank.start(); // "Why: …" said on its line ends with its paragraph
      }
      sections.add(new Section(names.get(i), labels.get(i)[0], end, contentStart));
    }
    return sections;
  }
}
