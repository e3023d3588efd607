package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code handoff}: "hand off to @user.salesRep", "loop in the rep", "escalate to
 *
 * @user.accountExec with message '…'", "notify @user.salesRep".
 */
final class HandoffClause implements Clause.Single {

  /** Verbs followed by the person. */
  private static final List<Phrase> VERBS =
      Phrase.all(
          "hand [this|that] {obj} (off|over|across) to",
          "(hand off|handoff|hand over|hand it off|hand them off) [{obj}] [,] to",
          "hand {obj} to",
          "(pass|escalate|route|transfer|forward|assign|send|kick|refer|give|move) {obj} [on|over"
              + "|along|up]"
              + " to",
          "(loop in|bring in|pull in|involve|notify|alert|ping|inform|tell|get|flag|cc|copy in"
              + "|copy)",
          "let",
          "(loop|bring|pull|get|copy|cc)",
          "(handoff|hand off|escalate|reassign) [{obj}]",
          "give");

  /** Words after the person for "loop X in", "get X involved", "let X know". */
  private static final List<Phrase> AFTER_PERSON = Phrase.all("in on it", "in", "involved");

  private static final int LOOP_IN = 4;
  private static final int LET = 5;
  private static final int PERSON_IN = 6;
  private static final int GIVE = 8;

  /** "give @user.csm a heads-up": the person, then what they get. */
  private static final Phrase HEADS_UP =
      Phrase.of("[a|an] (heads-up|heads up|heads - up|shout|shout-out|shout - out|nudge|ping)");

  /** "let @user.ae know by handing off …", "give @user.csm a heads-up: hand off …": how. */
  private static final Phrase BY_HANDOFF =
      Phrase.of(
          "[,|:|-] [by|via|with] [a|an] (handing off|handing over|handing it off|handing this off"
              + "|handing them off|hand off|handoff|hand over) [to them|to him|to her]");

  private static final List<Phrase> MESSAGE =
      Phrase.all(
          "[and] [with|including] [a|an|the] [short|quick] (message|note|comment|context) [saying"
              + "|that says|reading|of|:]",
          "[and] (saying|:|telling them|and say|and tell them|with the words)",
          "[and] (tell|let) (her|him|them) [know] [:]");
  private static final Phrase REASON = Phrase.of("(for|about|regarding|that)");
  private static final Set<String> MESSAGE_STOPS = Set.of("then");

  @Override
  public boolean starts(Cursor c) {
    int mark = c.mark();
    try {
      return person(c) != null;
    } finally {
      c.reset(mark);
    }
  }

  @Override
  public Step.Action parseOne(Cursor c) {
    int start = c.mark();
    String to = person(c);
    if (to == null) {
      throw c.failureForClause(
          "Who should take over? Name a user such as @user.salesRep in ", start);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("to", to);
    c.accept(BY_HANDOFF);
    Args.readAll(c, params, HandoffClause::readParam);
    return new Step.Action(ActionType.HANDOFF, params);
  }

  /** Reads the verb and the person; {@code null} when no user is named. */
  private static String person(Cursor c) {
    int mark = c.mark();
    int verb = c.acceptFirst(VERBS);
    String user = verb < 0 ? null : Users.read(c);
    boolean complete =
        switch (verb) {
          case LET -> c.acceptWord("know");
          case PERSON_IN -> c.acceptFirst(AFTER_PERSON) >= 0;
          case GIVE -> c.accept(HEADS_UP);
          default -> {
            if (verb == LOOP_IN) {
              c.acceptFirst(AFTER_PERSON); // "get X involved"
            }
            yield true;
          }
        };
    if (user == null || !complete) {
      c.reset(mark);
      return null;
    }
    return user;
  }

  private static boolean readParam(Cursor c, Map<String, Object> params) {
    if (params.containsKey("message")) {
      return false;
    }
    int mark = c.mark();
    if (Args.acceptFiller(c)) {
      c.reset(mark); // "for each of them" is who, not why
      return false;
    }
    if (c.accept(REASON)
        && c.atWord("the")
        && c.peek(1).isWord("same")
        && !c.peek(2).is(Kind.WORD)) {
      c.next(); // "loop in @user.rep for the same": the matter in hand, no message
      c.next();
      return true;
    }
    c.reset(mark);
    if (c.acceptFirst(MESSAGE) >= 0 || c.accept(REASON)) {
      String message = c.at(Kind.QUOTED) ? c.next().text() : Args.text(c, MESSAGE_STOPS);
      if (message != null) {
        params.put("message", message);
        return true;
      }
    }
    c.reset(mark);
    return false;
  }
}
