package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Label-and-value forms, for the {@link Tokenizer}: "Template: Renewal Reminder", "subject: Hi,
 * body: …", and lines under a form heading ("Task" / "- title: Call them" / "- due: 2 days") or a
 * list heading ("Remove tags:" / "- Trial"). A text label's value becomes quoted text, up to the
 * end of its line, the next label or a parenthesis; the lines of one form are joined by commas into
 * one clause, so the grammar reads them like "task 'Call them', due 2 days".
 */
final class Forms {

  /** Labels whose value is text, taken verbatim. */
  private static final Set<String> TEXT =
      Set.of(
          "template",
          "subject",
          "body",
          "message",
          "note",
          "query",
          "title",
          "task",
          "google",
          "key",
          "value",
          "tag",
          "tags",
          "label",
          "labels");

  /** Text labels that may open a line on their own ("Template: Intro"); others need a form. */
  private static final Set<String> LINE_START_TEXT =
      Set.of("template", "subject", "body", "tag", "tags", "google", "query", "task");

  /** Labels whose colon is only punctuation: "Wait: 4 days", "due: 2 days", "To: @user.csm". */
  private static final Set<String> DROP_COLON =
      Set.of(
          "wait",
          "due",
          "assignee",
          "owner",
          "to",
          "handoff to",
          "hand off to",
          "hand over to",
          "escalate to",
          "assign to",
          "remember",
          "max results",
          "results",
          "limit",
          "provider",
          "then",
          "else",
          "otherwise",
          "action",
          "actions",
          "filter",
          "filters");

  /** Heading lines that name the form and say nothing ("Headline: LinkedIn first"). */
  private static final Set<String> DROP_LINE =
      Set.of(
          "headline",
          "goal",
          "summary",
          "purpose",
          "context",
          "description",
          "objective",
          "either/or",
          "nested",
          "sequence",
          "trigger check",
          "client",
          "campaign",
          "account",
          "brand",
          "project",
          "playbook",
          "workflow",
          "scenario");

  /** Labels that announce the rule on their line ("Rule: unless …"); the rule is read. */
  private static final Set<String> DROP_LABEL =
      Set.of("rule", "nested", "either/or", "trigger check");

  /**
   * Headings that name a step by a noun ("Memory:", "Delay:"), read as its verb; the step's fields
   * follow on the lines below.
   */
  private static final java.util.Map<String, String> HEADING_VERBS =
      java.util.Map.of(
          "memory", "remember",
          "handoff", "handoff",
          "hand-off", "handoff",
          "escalation", "handoff",
          "enrichment", "enrich",
          "delay", "wait",
          "pause", "wait");

  /** Labels over the filters of the contacts a plan is for ("Who:", "Audience:"). */
  private static final Set<String> AUDIENCE = Set.of("who", "audience", "target", "segment");

  /**
   * Heading lines that only announce what follows ("Actions:", "Steps:", "What to do:"): a ticket's
   * labels of its steps section, and a few more.
   */
  private static final Set<String> ANNOUNCE =
      java.util.stream.Stream.concat(
              Tickets.STEP_LABELS.stream(),
              java.util.stream.Stream.of(
                  "action", "do this", "do", "what we do", "what happens", "next steps"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** First words of a labelled line that is a step, never a field of the form above it. */
  private static final Set<String> STEP_WORDS =
      Set.of(
          "if",
          "else",
          "otherwise",
          "when",
          "unless",
          "add",
          "remove",
          "untag",
          "send",
          "email",
          "create",
          "hand",
          "handoff",
          "enrich",
          "search",
          "find",
          "google",
          "remember",
          "update",
          "set",
          "linkedin",
          "web",
          "connect",
          "invite",
          "for",
          "wait",
          "tag");

  /** Answers to a question above them ("Does contact.phone exist?" / "- Yes: …" / "- No: …"). */
  private static final Set<String> ANSWERS =
      Set.of("yes", "no", "yep", "nope", "if yes", "if no", "if so", "if not");

  /** Markdown headings that name an action ("### Handoff"); other headings are titles. */
  private static final Set<String> ACTION_HEADINGS =
      Set.of(
          "email",
          "task",
          "handoff",
          "hand off",
          "web search",
          "search",
          "remember",
          "update",
          "tag",
          "tags",
          "linkedin",
          "wait",
          "enrich",
          "find contacts",
          "search contacts");

  private static final Pattern LABEL_LINE =
      Pattern.compile("([A-Za-z][A-Za-z /]{0,30}?)\\s*:(.*)", Pattern.DOTALL);
  private static final Pattern BULLET = Pattern.compile("(?:->|→|[-*•+])\\s+");
  private static final Pattern LIST_HEADING =
      Pattern.compile(
          "(?i).*\\b(any of|one of|tags|tags to add|add tags|remove tags|values|labels)\\s*:\\s*");
  private static final Pattern SEARCH_HEADING =
      Pattern.compile("(?i)(find|search|get|look for|filter)\\b[^:]*:\\s*");

  /** "then", "and then" before a step's head at the end of a line. */
  private static final Pattern CONNECTIVE = Pattern.compile("(?i)^(?:and then|and|then)\\s+");

  /** "Please …" before a step's head and the full stop after it. */
  private static final Pattern POLITE_HEAD = Pattern.compile("(?i)^please\\s+|\\.$");

  private static final Pattern SHORT_LINE = Pattern.compile("[A-Za-z]+(?: [A-Za-z]+){0,3}");

  /** A numbered or lettered list marker before a step's head ("2.", "b)", "Step 1 -"). */
  private static final Pattern HEAD_MARKER =
      Pattern.compile("(?i)(?:\\d{1,3}\\s*[.)]|[a-z][.)]|step \\w+\\s*[-–:.)]?)\\s+");

  /** A step's head with its fields on the lines below ("Send email", "Hand off to @user.csm"). */
  private static final Pattern FORM_HEAD =
      Pattern.compile("[A-Za-z]+(?: [A-Za-z]+){0,3}(?: @[\\w.]+)?");

  /** A search whose filters follow as a list ("Search contacts", "Find leads where:"). */
  private static final Pattern SEARCH_HEAD =
      Pattern.compile(
          "(?i)(?:find|search|search for|get|pull) (?:all )?(?:contacts|leads|people)"
              + "(?: where| with| whose| who)?\\s*:?");

  private static final Set<String> LONG_TEXT = Set.of("body", "message", "note");
  private static final Pattern BRACKETED_LABEL = Pattern.compile("\\s\\([A-Za-z][A-Za-z ]{0,24}:");
  private static final Pattern NEXT_LABEL = Pattern.compile(",\\s*[A-Za-z][A-Za-z ]{0,24}:");
  private static final Pattern NUMBER_ONLY = Pattern.compile("[$€£]?\\d[\\d,. ]*[kKmM]?");
  private static final Pattern RELATION_START =
      Pattern.compile(
          "(?i)(at least|at most|no more than|no less than|more than|less than|over|under|above"
              + "|below|last|past|between|today|yesterday|this|exists|not|set|empty|true|false"
              + "|yes|no|[<>=!@]).*");

  private final Set<String> labels = new java.util.HashSet<>();
  private boolean formOpen;
  private boolean listOpen;
  private boolean filtersOpen;
  private boolean joined;
  private boolean headerColon;
  private int listValues;
  private int resume;

  /** Where to go on after {@link #colon} read a value. */
  int resumeAt() {
    return resume;
  }

  /**
   * Called at the first character of a line; returns where tokenizing continues (past a markdown
   * '#', a joined bullet, a whole heading line that means nothing, or a list value it emitted).
   */
  int lineStart(String text, int pos, List<Token> tokens) {
    int eol = text.indexOf('\n', pos);
    eol = eol < 0 ? text.length() : eol;
    int p = pos;
    boolean numbered = pos + 1 < eol && Character.isDigit(text.charAt(pos + 1)); // "#1 find …"
    while (!numbered && p < eol && text.charAt(p) == '#') {
      p++;
    }
    while (p < eol && text.charAt(p) == ' ') {
      p++;
    }
    Matcher bullet = BULLET.matcher(text).region(p, eol);
    boolean bulleted = bullet.lookingAt();
    int content = bulleted ? bullet.end() : p;
    String line = text.substring(content, eol).strip();
    if (p > pos
        && text.charAt(pos) == '#'
        && (!ACTION_HEADINGS.contains(line.toLowerCase(Locale.ROOT)) || !fieldsBelow(text, eol))) {
      formOpen = true; // "## Outreach": a title, the form follows
      labels.clear();
      return eol;
    }
    boolean wasOpen = formOpen;
    boolean wasList = listOpen;
    boolean wasFilters = filtersOpen;
    boolean afterHeaderColon = headerColon;
    joined = false;
    headerColon = false;
    listOpen = false;
    Matcher label = LABEL_LINE.matcher(line);
    Matcher lineMarker = HEAD_MARKER.matcher(line);
    String unmarked = lineMarker.lookingAt() ? line.substring(lineMarker.end()) : line;
    if (!label.matches()
        && !unmarked.equals(line)
        && !SEARCH_HEADING.matcher(unmarked).matches()
        && !SEARCH_HEAD.matcher(unmarked).matches()) {
      label = LABEL_LINE.matcher(unmarked); // "2. Email:" over its fields
    }
    if (label.matches() && ANSWERS.contains(label.group(1).strip().toLowerCase(Locale.ROOT))) {
      label = LABEL_LINE.matcher(""); // "- Yes: send an invite" answers a question, it is no form
    }
    if (LIST_HEADING.matcher(line).matches() && stepBelow(text, eol)) {
      formOpen = false; // "Tags:" above "+ add 'A'" / "- remove 'B'": a heading over steps
      return eol;
    }
    if (LIST_HEADING.matcher(line).matches() && !label.matches()) {
      listOpen = true; // "If company.industry is any of:"
      headerColon = true;
      listValues = 0;
      formOpen = false;
      return p;
    }
    if (label.matches()) {
      String name = label.group(1).strip().toLowerCase(Locale.ROOT);
      String value = label.group(2).strip();
      if (DROP_LINE.contains(name)
          || value.isEmpty() && (ANNOUNCE.contains(name) || name.endsWith(" step"))) {
        formOpen = false;
        // "Research step:" above the step's own line; "Client: Cartwheel POS. If …" keeps the "If"
        return droppedLabelsEnd(text, content, eol, PROSE_LABELS.contains(name));
      }
      int colon = text.indexOf(':', content);
      if (DROP_LABEL.contains(name)) {
        formOpen = false;
        return colon + 1;
      }
      if (value.isEmpty() && AUDIENCE.contains(name) && bulletBelow(text, eol)) {
        // "Who:" over "- status is 'SQL'" / "- leadScore above 70": the search, its filters below
        tokens.add(Token.word(text.substring(content, colon), "find", content, colon));
        labels.clear();
        formOpen = true;
        filtersOpen = true;
        headerColon = true;
        return colon + 1;
      }
      String verb = HEADING_VERBS.get(name);
      if (verb != null && !wasOpen) {
        tokens.add(Token.word(text.substring(content, colon), verb, content, colon));
        labels.clear();
        labels.add(name);
        formOpen = true;
        headerColon = value.isEmpty();
        return colon + 1;
      }
      String first = name.split(" ")[0];
      if (wasOpen && (!STEP_WORDS.contains(first) || name.equals("then"))) {
        if (!labels.add(name) && !wasFilters && !name.equals("filter")) {
          throw new ParseFailure(
              "This form says '" + name + "' twice; which one is meant?", content, eol);
        }
        join(tokens, afterHeaderColon, content);
      } else {
        labels.clear();
        labels.add(name);
      }
      formOpen = true;
      filtersOpen = wasFilters && joined || SEARCH_HEADING.matcher(line).matches();
      if (value.isEmpty()) {
        headerColon = true;
        listOpen = LIST_HEADING.matcher(line).matches();
        listValues = 0;
      }
      if (ANNOUNCE.contains(name)) {
        return colon + 1; // "Action: send email", "Do: add tag 'Exec'", "What to do: send …"
      }
      if (name.equals("condition")) {
        tokens.add(Token.word(text.substring(content, colon), "if", content, colon));
        return colon + 1;
      }
      return joined ? content : p;
    }
    if (wasList && bulleted && !line.isEmpty() && !STEP_WORDS.contains(firstWord(line))) {
      removeEnd(tokens);
      if (listValues++ > 0) {
        tokens.add(Token.of(Kind.COMMA, ",", content, content));
      }
      tokens.add(new Token(Kind.QUOTED, line, line.toLowerCase(Locale.ROOT), content, eol, null));
      listOpen = true;
      headerColon = true;
      formOpen = false;
      return eol;
    }
    if (wasFilters && bulleted && !STEP_WORDS.contains(firstWord(line))) {
      join(
          tokens, afterHeaderColon, content); // "Find contacts (match any):" / "- status == 'Lead'"
      filtersOpen = true;
      formOpen = true;
      return content;
    }
    labels.clear();
    Matcher marker = HEAD_MARKER.matcher(line);
    boolean marked = marker.lookingAt();
    String head = marked ? line.substring(marker.end()) : line;
    head = POLITE_HEAD.matcher(head).replaceAll(""); // "Please email this contact." over its fields
    filtersOpen = SEARCH_HEADING.matcher(line).matches() || SEARCH_HEAD.matcher(head).matches();
    headerColon = filtersOpen;
    formOpen =
        filtersOpen
            || (!bulleted && SHORT_LINE.matcher(line).matches())
            || (!bulleted && !head.equals(line) && formHead(head) && fieldsBelow(text, eol))
            || ((marked || !bulleted) && formHead(head.substring(head.lastIndexOf(", ") + 1)))
            || (bulleted
                && formHead(head)
                && fieldsBelow(text, eol)); // "- Send email" / "  - Subject: …"
    return p;
  }

  /**
   * Whether the next line that holds anything is a label and its value ("Template: Intro"), as
   * under "### Email"; a step of its own ("Create task 'X' due in 7 days") makes the heading a
   * title.
   */
  private static boolean fieldsBelow(String text, int eol) {
    return LABEL_LINE.matcher(nextLine(text, eol)).matches();
  }

  /** Whether the next line that holds anything starts with a bullet. */
  private static boolean bulletBelow(String text, int eol) {
    int from = eol;
    while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    return BULLET.matcher(text).region(from, text.length()).lookingAt();
  }

  /** The next line after {@code eol} that holds anything, without its bullet. */
  private static String nextLine(String text, int eol) {
    int from = eol;
    while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    int end = text.indexOf('\n', from);
    String next = text.substring(from, end < 0 ? text.length() : end).strip();
    Matcher bullet = BULLET.matcher(next);
    return bullet.lookingAt() ? next.substring(bullet.end()) : next;
  }

  /**
   * Where the line's labels that say nothing end: "Client: Northwind. Campaign: Q3 Outreach." drops
   * both; "Client: Cartwheel POS. If …" keeps the "If …".
   */
  private static int droppedLabelsEnd(String text, int from, int eol, boolean prose) {
    int sentence = text.indexOf(". ", from);
    while (sentence > 0 && sentence < eol) {
      String rest = text.substring(sentence + 1, eol).strip();
      Matcher next = LABEL_LINE.matcher(rest);
      boolean label =
          next.matches() && DROP_LINE.contains(next.group(1).strip().toLowerCase(Locale.ROOT));
      if (!label && !(prose && remark(rest))) {
        return sentence + 1;
      }
      sentence = text.indexOf(". ", sentence + 2);
    }
    return eol;
  }

  /** Labels whose value is prose that may go on for sentences ("Goal: … . Keep it personal."). */
  private static final Set<String> PROSE_LABELS =
      Set.of("goal", "summary", "purpose", "context", "description", "objective");

  /**
   * Whether the sentence that starts {@code rest} only goes on with a goal's prose: no step word
   * first, and no quote, variable, number or request in it ("Plain-text emails from the CSM, no
   * images.").
   */
  private static boolean remark(String rest) {
    int end = rest.indexOf(". ");
    String sentence = (end < 0 ? rest : rest.substring(0, end)).toLowerCase(Locale.ROOT);
    return !STEP_WORDS.contains(firstWord(sentence))
        && !sentence.matches(
            "(?s).*(['\"“‘@0-9]|\\b(please|then|first|do|don't|never|always)\\b).*");
  }

  /** Whether the next line that holds anything starts with a step's verb ("+ add 'VIP'"). */
  private static boolean stepBelow(String text, int eol) {
    String next = nextLine(text, eol);
    return !next.isEmpty() && STEP_VERBS.contains(firstWord(next));
  }

  /** The verbs of {@link #STEP_WORDS}, without the words of a condition. */
  private static final Set<String> STEP_VERBS =
      Set.of("add", "remove", "untag", "send", "email", "create", "enrich", "tag", "wait");

  /** Whether the words name a step whose details follow on the lines below. */
  private static boolean formHead(String words) {
    String head = CONNECTIVE.matcher(words.strip()).replaceFirst(""); // "…, then email them with"
    return FORM_HEAD.matcher(head).matches() && STEP_WORDS.contains(firstWord(head));
  }

  private void join(List<Token> tokens, boolean afterHeaderColon, int at) {
    removeEnd(tokens);
    if (!afterHeaderColon) {
      tokens.add(Token.of(Kind.COMMA, ",", at, at));
    }
    joined = true;
  }

  private static void removeEnd(List<Token> tokens) {
    if (!tokens.isEmpty() && tokens.getLast().is(Kind.END)) {
      tokens.removeLast();
    }
  }

  /** Whether the line starts with a step's or a condition's word ("Send …", "If no reply"). */
  static boolean opensStep(String line) {
    return STEP_WORDS.contains(firstWord(line)) || firstWord(line).equals("then");
  }

  private static String firstWord(String line) {
    int space = line.indexOf(' ');
    return (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
  }

  /**
   * Called at a colon: when the words before it are a label, emits the value (quoted text for a
   * text label) or drops the colon, and answers true; {@link #resumeAt()} says where to go on.
   */
  boolean colon(String text, int pos, List<Token> tokens) {
    int from = tokens.size();
    while (from > 0 && tokens.get(from - 1).is(Kind.WORD) && tokens.size() - from < 4) {
      from--;
    }
    if (from == tokens.size()) {
      return false;
    }
    boolean lineStart = from == 0 || tokens.get(from - 1).is(Kind.END);
    if (from > 0 && !boundary(tokens.get(from - 1))) {
      return false;
    }
    StringBuilder name = new StringBuilder();
    for (int i = from; i < tokens.size(); i++) {
      name.append(i > from ? " " : "").append(tokens.get(i).lower());
    }
    String label = name.toString();
    String last = tokens.getLast().lower();
    int eol = text.indexOf('\n', pos);
    eol = eol < 0 ? text.length() : eol;
    int v = pos + 1;
    while (v < eol && text.charAt(v) == ' ') {
      v++;
    }
    if (v >= eol && SEARCH_HEAD.matcher(label + ":").matches()) {
      resume = pos + 1; // "Search contacts where:" above a list of filters
      return true;
    }
    if (v >= eol) {
      return false;
    }
    // "- title: 'Call them'": a value already in quotes is read as it is, after its label
    boolean quotedValue = "'\"‘“`«»‹„".indexOf(text.charAt(v)) >= 0;
    boolean ownLine =
        text.substring(lineOf(text, tokens.get(from).start()), tokens.get(from).start()).isBlank();
    int end = LONG_TEXT.contains(last) && ownLine ? proseEnd(text, v, eol) : valueEnd(text, v, eol);
    String value = text.substring(v, end);
    boolean many = tokens.size() - from > 1;
    boolean tagList = last.equals("tags") || last.equals("labels") || label.equals("tags to add");
    boolean text0 =
        (TEXT.contains(last) || tagList)
            && !(last.equals("value") && NUMBER_ONLY.matcher(value).matches())
            && (many || !lineStart || joined || LINE_START_TEXT.contains(last) || tagList);
    if (text0) {
      if (from > 0 && tokens.get(from - 1).is(Kind.DASH)) {
        Token dash = tokens.get(from - 1); // "Send email - Template: Welcome"
        tokens.set(from - 1, Token.of(Kind.COMMA, ",", dash.start(), dash.end()));
      }
      if (quotedValue) {
        resume = pos + 1;
        return true;
      }
      if (tagList || last.equals("tag") || last.equals("label")) {
        emitList(text, v, end, tokens);
      } else {
        tokens.add(quoted(value, v, end));
      }
      resume = end;
      return true;
    }
    if (last.equals("filter") && joined) {
      tokens.removeLast(); // "Filter: title contains 'Chief'" under a search
      resume = pos + 1;
      return true;
    }
    if (quotedValue ? joined : DROP_COLON.contains(label)) {
      resume = pos + 1;
      return true;
    }
    if (quotedValue) {
      return false;
    }
    if (joined) {
      boolean plain =
          !NUMBER_ONLY.matcher(value).matches() && !RELATION_START.matcher(value).matches();
      if (plain) {
        tokens.add(quoted(value, v, end));
        resume = end;
      } else {
        resume = pos + 1;
      }
      return true;
    }
    return false;
  }

  /** Where the line holding {@code pos} starts. */
  private static int lineOf(String text, int pos) {
    return text.lastIndexOf('\n', pos - 1) + 1;
  }

  private static boolean boundary(Token t) {
    return t.is(Kind.COMMA)
        || t.is(Kind.COLON)
        || t.is(Kind.END)
        || t.is(Kind.LIST_MARKER)
        || t.is(Kind.DASH)
        || t.is(Kind.LPAREN);
  }

  /**
   * A body, message or note on a line of its own is prose: it runs to the line's end, brackets and
   * semicolons included, unless a bracketed label follows ("… (Due: 2 days)").
   */
  private static int proseEnd(String text, int from, int eol) {
    Matcher label = BRACKETED_LABEL.matcher(text).region(from, eol);
    int end = label.find() ? label.start() : eol;
    while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  /** A value ends at the line's end, the next ", label:", " (" or an arrow. */
  private static int valueEnd(String text, int from, int eol) {
    int end = eol;
    Matcher next = NEXT_LABEL.matcher(text).region(from, eol);
    if (next.find()) {
      end = next.start();
    }
    for (String stop : List.of(" (", " →", " ->", ";")) {
      int at = text.indexOf(stop, from);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  /** "Tags: A, B, C": each name quoted, joined by commas. */
  private static void emitList(String text, int from, int end, List<Token> tokens) {
    String list = text.substring(from, end).strip();
    if (list.length() > 2 && list.startsWith("[") && list.endsWith("]")) {
      from = text.indexOf('[', from) + 1; // "tag: [Demo Watched, Follow Up]"
      end = text.lastIndexOf(']', end);
    }
    int start = from;
    for (int i = from; i <= end; i++) {
      if (i == end || text.charAt(i) == ',') {
        String item = text.substring(start, i).strip();
        if (!item.isEmpty()) {
          int at = text.indexOf(item, start);
          tokens.add(quoted(item, at, at + item.length()));
          if (i < end) {
            tokens.add(Token.of(Kind.COMMA, ",", i, i + 1));
          }
        }
        start = i + 1;
      }
    }
  }

  private static Token quoted(String value, int start, int end) {
    return new Token(Kind.QUOTED, value, value.toLowerCase(Locale.ROOT), start, end, null);
  }
}
