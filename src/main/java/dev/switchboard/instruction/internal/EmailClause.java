package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code send_email}: "send email using template 'Intro'", "email them", "drop them a note". */
final class EmailClause implements Clause.Single {

  private static final String KIND =
      "[quick|short|personal|personalized|personalised|follow up|followup|intro|introductory"
          + "|cold|first|new|welcome|outreach|nurture|reminder]";
  private static final String NOUN = "(email|e mail|emails|mail|message|note|line)";

  /** Verbs that name the email outright. */
  private static final List<Phrase> VERBS =
      Phrase.all(
          "send [to] {obj} [out] [a|an|the|another] " + KIND + " (email|e mail|emails|mail)",
          "(email|e mail|mail) {obj}",
          "(shoot|fire off|fire) {obj} (a|an|another) " + KIND + " " + NOUN,
          "drop {obj} (a|an|another) " + KIND + " (note|line|email|e mail|message)",
          "(write|compose) {obj} [a|an|another|the] " + KIND + " (email|e mail|note)",
          "(reach out|follow up) [to|with] {obj} (by|via|over|with|through|using) (email|e mail|mail)",
          "send {obj} [a|an|the|another] (follow up|followup) [email|e mail|message]",
          "[a|an] (follow up|followup|fu) (email|e mail|mail)");

  /** Verbs that need a template or subject right after them ("send the 'X' template"). */
  private static final List<Phrase> BARE_VERBS =
      Phrase.all(
          "(send|shoot|fire) [to] {obj} [again|also|now|once more|one more time] [out|over|off"
              + "|across]",
          "follow up with {obj}",
          "reach out to {obj}");

  private static final List<Phrase> TEMPLATE_NAMED_AFTER =
      Phrase.all(
          "[using|use|with|from|via|based on|following|per] [the|our|my|this] [email] template"
              + " [called|named|titled|:]");
  private static final List<Phrase> TEMPLATE_NAMED_BEFORE =
      Phrase.all("[using|use|with|from|via|based on|following] [the|our|my|this]");
  private static final Phrase TEMPLATE_NOUN =
      Phrase.of("([email] template [email]|email|e mail|mail|message|emails)");
  private static final List<Phrase> SUBJECT =
      Phrase.all(
          "[with|using] [the|a] subject [line] [of|:|saying|reading]",
          "(titled|entitled|headed)",
          "with the title");
  private static final List<Phrase> BODY =
      Phrase.all(
          "[with|using] [the|a] (body|content|message|text) [text|copy] [of|:|saying|reading]",
          "(saying|that says|reading|which says)");
  private static final Phrase TO = Phrase.of("to [the address]");
  private static final Phrase TO_CONTACT =
      Phrase.of("to (them|(the|this|that) " + Phrase.ROLE + ")");
  private static final Phrase AT = Phrase.of("(at|,|:)");
  private static final Set<String> NAME_STOPS = Set.of("to", "and", "then", "with", "for");

  /** "→ template 'Bump'": the template alone is the email, in terse text. */
  private static final Phrase TEMPLATE_ALONE = Phrase.of("[the|email|e mail|mail] template {q}");

  /** "wait 1 wk -> 'LI Follow-up' template": the same, the name said first. */
  private static final Phrase NAMED_TEMPLATE_ALONE =
      Phrase.of("[the] {q} ([email] template|email|e mail)");

  /** "If they replied, use the 'X' template": using a template is sending it. */
  private static final Phrase USE_TEMPLATE =
      Phrase.of("use [the|our|my|this] ({q} [email] template|[email] template {q})");

  /** "Subject: … Body: …": a form that says both is an email. */
  private static final Phrase SUBJECT_ALONE = Phrase.of("subject {q} [,] body {q}");

  @Override
  public boolean starts(Cursor c) {
    if (c.at(TEMPLATE_ALONE)
        || c.at(NAMED_TEMPLATE_ALONE)
        || c.at(SUBJECT_ALONE)
        || c.at(USE_TEMPLATE)) {
      return true;
    }
    for (Phrase p : VERBS) {
      if (c.at(p)) {
        return true;
      }
    }
    int mark = c.mark();
    try {
      return c.acceptFirst(BARE_VERBS) >= 0 && readParam(c, new LinkedHashMap<>());
    } finally {
      c.reset(mark);
    }
  }

  @Override
  public Step.Action parseOne(Cursor c) {
    int start = c.mark();
    if (c.acceptFirst(VERBS) < 0) {
      c.acceptFirst(BARE_VERBS);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    Args.readAll(c, params, EmailClause::readParam);
    boolean template = params.containsKey("template");
    boolean written = params.containsKey("subject") && params.containsKey("body");
    if (!template && !written) {
      throw c.failureForClause(
          "Which email? Name a template (\"using template 'Intro'\") or give a subject and a"
              + " body: ",
          start);
    }
    return new Step.Action(ActionType.SEND_EMAIL, params);
  }

  /** "the Welcome Series template": up to four unquoted words right before "template". */
  private static String nameBeforeTemplate(Cursor c) {
    int from = c.mark();
    for (int i = from;
        i < from + 5 && (c.token(i).is(Kind.WORD) || c.token(i).is(Kind.NUMBER));
        i++) {
      if (c.token(i).isWord("template") || c.token(i).isWord("email")) {
        if (i == from || !c.token(i).isWord("template") && !c.token(i + 1).isWord("template")) {
          return null;
        }
        String name = c.text(from, i);
        c.reset(i);
        c.accept(TEMPLATE_NOUN);
        return name;
      }
      if (NAME_STOPS.contains(c.token(i).lower())) {
        return null;
      }
    }
    return null;
  }

  private static boolean readParam(Cursor c, Map<String, Object> params) {
    int mark = c.mark();
    if (c.acceptFirst(TEMPLATE_NAMED_AFTER) >= 0) {
      String name = Args.text(c, NAME_STOPS);
      if (name != null && c.mark() > mark + 1) {
        return once(params, "template", name);
      }
      c.reset(mark);
    }
    c.acceptFirst(TEMPLATE_NAMED_BEFORE);
    String unquoted = nameBeforeTemplate(c);
    if (unquoted != null) {
      return once(params, "template", unquoted);
    }
    if (c.at(Kind.QUOTED) && c.peek(1).is(Kind.WORD)) {
      String name = c.next().text();
      if (c.accept(TEMPLATE_NOUN)) {
        return once(params, "template", name);
      }
    }
    c.reset(mark);
    if (params.isEmpty()
        && mark > 0
        && c.token(mark - 1).isWord("send")
        && c.at(Kind.QUOTED)
        && (FreeText.atBoundary(c, 1) || joinsStep(c))) {
      return once(params, "template", c.next().text()); // "if no reply, send 'Bump 1'"
    }
    if (c.acceptFirst(SUBJECT) >= 0 && c.at(Kind.QUOTED)) {
      return once(params, "subject", c.next().text());
    }
    c.reset(mark);
    if (c.acceptFirst(BODY) >= 0 && c.at(Kind.QUOTED)) {
      return once(params, "body", c.next().text());
    }
    c.reset(mark);
    if (c.at(Kind.EMAIL)) {
      return once(params, "to", c.next().text()); // "Email sales-ops@acme.com with subject …"
    }
    if (c.accept(TO) && (c.at(Kind.EMAIL) || c.at(Kind.VARIABLE))) {
      return once(params, "to", c.next().text());
    }
    c.reset(mark);
    if (c.accept(TO)) {
      // "to my mgr at jen@fabrikam.com", "to manager email sales@acme.com": who, then the address
      for (int words = 0; words < 5 && c.at(Kind.WORD) && !c.atAnyWord("at"); words++) {
        c.next();
      }
      c.accept(AT);
      if (c.mark() > mark + 1 && c.at(Kind.EMAIL)) {
        return once(params, "to", c.next().text());
      }
    }
    c.reset(mark);
    return c.accept(TO_CONTACT); // "send our 'Reminder' template to the patient": the one in hand
  }

  /** "send 'Bump' and create a task …": the quoted name is followed by the next step. */
  private static boolean joinsStep(Cursor c) {
    Token next = c.peek(1);
    return (next.isWord("and") || next.isWord("then")) && c.peek(2).is(Kind.WORD);
  }

  /** A parameter said twice ("Template: Welcome / Template: Goodbye") is not guessed. */
  private static boolean once(Map<String, Object> params, String key, Object value) {
    return params.putIfAbsent(key, value) == null;
  }
}
