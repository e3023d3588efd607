package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code create_task}: "create a task 'Call them' due in 2 days", "remind me to call them". */
final class TaskClause implements Clause.Single {

  private static final String TASK = "(task|todo|to do|reminder|follow up task|action item)";
  private static final List<Phrase> VERBS =
      Phrase.all(
          "(create|add|make|set up|setup|open|log|schedule|assign|generate|raise|put in|set|file)"
              + " [for each one|for each|for them|for every one|for each of them]"
              + " [a|an|the|one|another] [new] [follow up|followup|call|manual] "
              + TASK,
          "(create|add|make|set up|set) [a|an] [new] (follow up|followup)",
          "give {obj} (a|an|one) [new] [follow up|followup|call] " + TASK);
  private static final Phrase REMIND = Phrase.of("remind");

  /** "task 'Call them' due 2d": the noun alone, when the title follows in quotes. */
  private static final Phrase NOUN_ONLY =
      Phrase.of(
          "[new|a|one] [follow up|followup|fu|call] " + TASK + " [for {var}] [:] [,] [title]");

  private static final Phrase FOLLOW_UP = Phrase.of("(follow up|followup)");

  private static final List<Phrase> TITLE_INTRO =
      Phrase.all("(called|named|titled|entitled|saying|that says|with the title|title|:)", "to");
  private static final List<Phrase> ASSIGN =
      Phrase.all(
          "[and] [then] (assign|assigned|assigning|give|given|hand) [it|this|that|the task] to",
          "[and] [then] (assign|assigned|assigning|owner|assignee) [it|this|that|the task] [:|=]",
          "(for|owned by|to)");

  /** "(And) assign it to …", "(Make) it due in 2 days": what a sentence about the task says. */
  private static final Phrase AMEND_SUBJECT =
      Phrase.of("[make|have|set] [it|the task|this task|that task] [should] [be] [is]");

  private static final Phrase DUE =
      Phrase.of(
          "(due|that is due|which is due|to be done|for|with [a|the] due date [of]|due date [of|is]"
              + "|with due)");
  private static final Phrase DUE_IN = Phrase.of("(in|within|after)");
  private static final Phrase FROM_NOW = Phrase.of("(from now|from today|later)");
  private static final List<Phrase> DUE_DAY =
      Phrase.all("[due] [by|for|on] (tomorrow|today|next week|tonight|end of day|end of the day)");
  private static final Set<String> TITLE_STOPS = Set.of("due", "then", "assigned");

  /** Words after "create a task" that say something about it, not its unquoted title. */
  private static final Set<String> NO_TITLE_OPENS =
      Set.of(
          "and",
          "then",
          "for",
          "due",
          "with",
          "to",
          "that",
          "which",
          "assigned",
          "assign",
          "called",
          "named",
          "titled",
          "entitled",
          "saying",
          "title",
          "in",
          "on",
          "by",
          "so",
          "please",
          "if",
          "when",
          "otherwise",
          "else",
          "as",
          "of",
          "from",
          "after",
          "before",
          "until",
          "or");

  @Override
  public boolean starts(Cursor c) {
    if (c.at(REMIND) || nounOnly(c)) {
      return true;
    }
    for (Phrase p : VERBS) {
      if (c.at(p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Step.Action parseOne(Cursor c) {
    int start = c.mark();
    Map<String, Object> params = new LinkedHashMap<>();
    boolean followUp = false;
    if (c.accept(REMIND)) {
      remindWhom(c, params);
      if (c.acceptWord("to", "about")) {
        readTitle(c, params);
      }
    } else if (c.acceptFirst(VERBS) < 0) {
      c.accept(NOUN_ONLY);
      Token user = forWhom(c, start);
      if (user != null) {
        params.put("assignee", user.text()); // "task for @user.ae: 'Send the proposal'"
      }
    } else {
      for (int i = start; i < c.mark(); i++) {
        followUp |= c.token(i).isWord("follow") || c.token(i).isWord("followup");
      }
      if (c.at(Kind.WORD) && !NO_TITLE_OPENS.contains(c.peek().lower()) && !paramStarts(c)) {
        readTitle(c, params); // said, not quoted: "create a task call them back due in 2 days"
      }
    }
    Args.readAll(c, params, TaskClause::readParam);
    if (!params.containsKey("title")) {
      if (!followUp) {
        throw c.failure(
            "What is the task? Give it a title, e.g. \"create a task 'Call @contact.firstName'\":"
                + " '"
                + c.text(start, c.mark())
                + "'",
            start,
            c.mark());
      }
      params.put("title", "Follow up with @contact.firstName");
    }
    return new Step.Action(ActionType.CREATE_TASK, ordered(params));
  }

  @Override
  public Step.Action amend(Cursor c, Step.Action previous) {
    if (previous.type() != ActionType.CREATE_TASK) {
      return null;
    }
    int mark = c.mark();
    Map<String, Object> params = new LinkedHashMap<>(previous.params());
    if (c.accept(AMEND_SUBJECT) && readParam(c, params) && FreeText.atBoundary(c)) {
      Args.readAll(c, params, TaskClause::readParam);
      return new Step.Action(ActionType.CREATE_TASK, ordered(params));
    }
    c.reset(mark);
    return null;
  }

  private static boolean nounOnly(Cursor c) {
    int mark = c.mark();
    // "task for @user.ae: 'X'" names its assignee; "task for @contact.firstName: …" names no one
    boolean named =
        c.accept(NOUN_ONLY)
            && c.at(Kind.QUOTED)
            && (forWhom(c, mark) != null || c.text(mark, c.mark()).indexOf('@') < 0);
    c.reset(mark);
    return named;
  }

  /** The user a task said as a noun is for ("task for @user.ae:"), read up to the cursor. */
  private static Token forWhom(Cursor c, int from) {
    for (int i = from; i < c.mark(); i++) {
      if (c.token(i).is(Kind.VARIABLE) && c.token(i).lower().startsWith("@user.")) {
        return c.token(i);
      }
    }
    return null;
  }

  private static Map<String, Object> ordered(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : List.of("title", "dueInDays", "assignee")) {
      if (params.containsKey(key)) {
        out.put(key, params.get(key));
      }
    }
    return out;
  }

  private static void remindWhom(Cursor c, Map<String, Object> params) {
    if (c.acceptWord("me", "us", "myself")) {
      return;
    }
    String user = Users.read(c);
    if (user != null) {
      params.put("assignee", user);
    }
  }

  private static boolean readParam(Cursor c, Map<String, Object> params) {
    int mark = c.mark();
    if (!params.containsKey("title") && c.at(Kind.QUOTED)) {
      params.put("title", c.next().text());
      return true;
    }
    if (!params.containsKey("dueInDays") && due(c, params)) {
      return true;
    }
    if (!params.containsKey("assignee") && c.acceptFirst(ASSIGN) >= 0) {
      String user = Users.read(c);
      if (user != null) {
        params.put("assignee", user);
        return true;
      }
    }
    c.reset(mark);
    if (!params.containsKey("assignee")
        && c.at(Kind.VARIABLE)
        && c.peek().lower().startsWith("@user.")) {
      params.put("assignee", c.next().text()); // "task 'Qualify' due 1d, @user.sdr"
      return true;
    }
    if (!params.containsKey("title") && c.acceptFirst(TITLE_INTRO) >= 0 && readTitle(c, params)) {
      return true;
    }
    c.reset(mark);
    return false;
  }

  private static boolean readTitle(Cursor c, Map<String, Object> params) {
    if (c.at(Kind.QUOTED)) {
      params.put("title", c.next().text());
      return true;
    }
    FreeText.Span span = FreeText.read(c, TITLE_STOPS, TaskClause::paramStarts);
    if (span.isEmpty()) {
      return false;
    }
    params.put("title", c.text(span.from(), span.to()));
    return true;
  }

  /** Inside an unquoted title: does a due date or an assignee start here? */
  private static boolean paramStarts(Cursor c) {
    int mark = c.mark();
    try {
      c.acceptWord("and");
      if (due(c, new LinkedHashMap<>())) {
        return true;
      }
      c.reset(mark);
      c.acceptWord("and");
      return c.acceptFirst(ASSIGN) >= 0 && (Users.read(c) != null);
    } finally {
      c.reset(mark);
    }
  }

  /** "due in 2 days", "due tomorrow", "in 3 days", "within a week", "3 days from now". */
  private static boolean due(Cursor c, Map<String, Object> params) {
    int mark = c.mark();
    if (c.acceptFirst(DUE_DAY) >= 0) {
      Token last = c.token(c.mark() - 1);
      params.put("dueInDays", last.isWord("tomorrow") ? 1 : last.isWord("week") ? 7 : 0);
      return true;
    }
    boolean said = c.accept(DUE);
    boolean in = c.accept(DUE_IN);
    String duration = Durations.read(c);
    boolean fromNow = duration != null && c.accept(FROM_NOW);
    if (duration == null || !(said || in || fromNow)) {
      c.reset(mark);
      return false;
    }
    params.put("dueInDays", Durations.days(duration));
    return true;
  }
}
