package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code linkedin_invite}: "send a LinkedIn invite", "connect on LinkedIn", "ping them on
 * LinkedIn".
 */
final class LinkedInClause implements Clause.Single {

  private static final String REQUEST =
      "(connection request|connection invitation|connection invite|connect request"
          + "|invitation to connect|invite to connect|invitation|invite|request|connection)";
  private static final String ON_LINKEDIN = "(on|via|through|over|using) linkedin";

  private static final List<Phrase> VERBS =
      Phrase.all(
          "send [to] {obj} [out] [a|an|the|my] [personal|personalized|personalised|quick] linkedin "
              + REQUEST,
          "send " + ON_LINKEDIN + " [to {obj}] [a|an|the|my] " + REQUEST,
          "send {obj} [a|an|the] [personal|personalized|personalised] "
              + REQUEST
              + " "
              + ON_LINKEDIN,
          "send {obj} [a|an] (connection request|connection invite|connection invitation)",
          "send {obj} (a|an) (invite|invitation)",
          "(connect|network|reach out|say hi|say hello) [(with|to) {obj}] " + ON_LINKEDIN,
          "hit {obj} up " + ON_LINKEDIN,
          "(ping|invite|add|message|contact|reach out to|hit up|hit|follow|approach) {obj} "
              + ON_LINKEDIN,
          "invite {obj} to connect [" + ON_LINKEDIN + "]",
          "(request|ask) to connect [with {obj}] [" + ON_LINKEDIN + "]",
          "linkedin (invite|invitation|connect|connection request) {obj}",
          "(make|do|send) [a|an|the] linkedin " + REQUEST + " [to {obj}]",
          "send [a|an|the] " + REQUEST + " [on|via] linkedin [to {obj}]",
          "[a|an] linkedin " + REQUEST,
          // An invitation without a note is a LinkedIn one: emails have no notes.
          "send {obj} [a|an|the] (invitation|invite|connection request) (without|with no) [a|any]"
              + " note");

  private static final List<Phrase> NOTE =
      Phrase.all(
          "[with|including|plus|and|carrying|containing|bearing] [a|an|the] [little|brief|nice|friendly|personal|personalized"
              + "|personalised|short|custom|quick] (note|message) [saying|that says|reading|of|:"
              + "|which says]",
          "[and] (saying|that says|reading|:|which says)");
  private static final Phrase NO_NOTE =
      Phrase.of(
          "(no|without|with no) [a|any] (note|message) [needed|required|necessary|please|this"
              + " time]");
  private static final Set<String> NOTE_STOPS = Set.of("and", "then");

  @Override
  public boolean starts(Cursor c) {
    for (Phrase p : VERBS) {
      if (c.at(p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Step.Action parseOne(Cursor c) {
    c.acceptFirst(VERBS);
    Map<String, Object> params = new LinkedHashMap<>();
    Args.readAll(c, params, LinkedInClause::readParam);
    return new Step.Action(ActionType.LINKEDIN_INVITE, params);
  }

  private static boolean readParam(Cursor c, Map<String, Object> params) {
    int mark = c.mark();
    if (!params.containsKey("note")
        && c.accept(Kind.LPAREN)
        && c.accept(NO_NOTE)
        && c.accept(Kind.RPAREN)) {
      return true; // "(no note)"
    }
    c.reset(mark);
    if (!params.containsKey("note") && c.accept(NO_NOTE)) {
      return true; // "li invite, no note"
    }
    if (!params.containsKey("note") && c.atWord("with") && c.peek(1).is(Kind.QUOTED)) {
      c.next();
      params.put("note", c.next().text());
      return true;
    }
    if (!params.containsKey("note") && c.acceptFirst(NOTE) >= 0) {
      String note = c.at(Kind.QUOTED) ? c.next().text() : Args.text(c, NOTE_STOPS);
      if (note != null) {
        params.put("note", note);
        return true;
      }
    }
    c.reset(mark);
    return false;
  }
}
