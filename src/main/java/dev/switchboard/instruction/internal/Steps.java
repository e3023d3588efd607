package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.List;

/** The clauses in the order they are tried, and the question "does a step start here?". */
final class Steps {

  /** Specific before general: "send a LinkedIn invite" before "send …" (email). */
  static final List<Clause> CLAUSES =
      List.of(
          new SearchGrammar(),
          new CallClause(),
          new RememberClause(),
          new TaskClause(),
          new LinkedInClause(),
          new TagClause(),
          new EmailClause(),
          new FieldUpdateClause(),
          new EnrichClause(),
          new WaitClause(),
          new HandoffClause(),
          new WebSearchClause());

  /** "…; in any case, send …": the steps after it follow a branch, whatever it decided. */
  static final String AFTER_BRANCH =
      "((regardless|no matter what|in all cases|in any case|in both cases|in either case|either"
          + " way|whatever happens|in every case) [of that|of the outcome|of the result|of the"
          + " reply|of the answer|of the response|of whether they replied|of what happened|of"
          + " reply|of replies|of a reply|of response]"
          + "|whether [or not] (they|he|she|the contact) (replied|replies|answered|responded)"
          + " [or not]) [,]";

  /** Words that lead into a step without meaning anything: "then", "next", "please" … */
  static final List<Phrase> LEADS =
      Phrase.all(
          "(and|but) (then|also|finally|lastly|next|afterwards|after that) [,]",
          "(then|also|next|finally|lastly|afterwards|after that|after this|first|firstly|second"
              + "|secondly|third|thirdly|fourth|fourthly|fifth|fifthly|sixth|seventh|eighth|ninth|tenth|and"
              + "|plus|now|meanwhile|additionally) [,]",
          "once (that 's|that is|this is|it 's|it is) done [,]",
          "(once|when) [that 's|that is|this is|it 's|it is] (done|finished|complete) [,]",
          "[and|but] [if possible] [,] (could|would|can|will) you [please|kindly] [just] [also]"
              + " [go ahead and]",
          "[could you|would you|can you] (mind|be able to|be so kind as to)",
          "(i would love it if you could|i would love for you to|i was hoping you could|i would like"
              + " you to|i would like to|i want to|i need to|if you could|would it be possible to"
              + "|is it possible to|can we|could we|let 's|lets) [please] [just]",
          "when you (get|have) a (chance|moment|minute|sec|second) [,]",
          "(please to|please|kindly|just|go ahead and|make sure to|make sure you|be sure to|do not forget to"
              + "|remember to|you should|i want you to|we need to|we want to|i need you to|you need"
              + " to|you must|always)",
          "for (each|every|all) [one|of them|of those|of these|contact|lead|person|result|match"
              + "|contact found|one found|of the contacts|of the results] [found] [,]",
          "to each of them [,]",
          "for (them|those|these|him|her|all of them|those contacts|these contacts) [,]",
          "to",
          AFTER_BRANCH,
          "(separately|independently|in addition|on top of that) [,]",
          "(at that point|at this point|at that stage|at this stage|by then|by that time|at the end"
              + "|in the end|at the very end|to finish|to wrap up|to start|to begin with|first of"
              + " all|first things first|to begin|right away|straight away|immediately) [,]",
          "(i would|i|we would|we) [really|so|truly|very much|be so|be very|be really] (appreciate"
              + " it|be grateful|grateful|love it|like it) if you (could|would|can) [please]"
              + " [kindly] [just]",
          "(i was wondering|i am wondering|i wonder|we were wondering) (if|whether) you (could"
              + "|would|can|might) [please] [just]",
          "(i think|i believe) it would be [really|very|super|so] (helpful|great|nice|good"
              + "|useful|smart) (to|if you could|if you)",
          "for (this|that) (one|contact|lead|person|prospect|deal|account) ,",
          "(start|begin|finish|end|wrap up|close|round off) [off|up|things off|things up|it off"
              + "|it up] (by|with)");

  private Steps() {}

  /** The clause that reads the step at the cursor, or {@code null}. */
  static Clause clauseAt(Cursor c) {
    for (Clause clause : CLAUSES) {
      if (clause.starts(c)) {
        return clause;
      }
    }
    return null;
  }

  /** Skips leading words such as "then" and "please". */
  static void skipLeads(Cursor c) {
    while (!CLAUSES.getFirst().starts(c)
        && (c.acceptFirst(LEADS) >= 0 || afterAsThen(c) || leadingWhen(c))) {
      // keep skipping
    }
  }

  private static final Phrase RIGHT_AFTER =
      Phrase.of("(right|straight|immediately|directly|just) after");

  /** "Before we reassign the contact, …": who does what before the step. */
  private static final java.util.Set<String> BEFORE_SUBJECTS =
      java.util.Set.of("we", "you", "i", "anyone", "anybody", "someone", "somebody", "they");

  /** The words between "right after" / "before we" and the comma are at most this many. */
  private static final int MAX_LEADING_WHEN = 8;

  /**
   * "Right after purchase, send …", "Before we reassign the contact, remember …": when, said before
   * a step that runs at once. Only words may stand before the comma (not "after 2 days", a wait),
   * and an action must follow it. False (unmoved) if none is here.
   */
  private static boolean leadingWhen(Cursor c) {
    int mark = c.mark();
    boolean afterBefore =
        mark > 0
            && c.token(mark - 1).isWord("before")
            && c.at(Kind.WORD)
            && BEFORE_SUBJECTS.contains(c.peek().lower());
    boolean rightBefore =
        mark > 0
            && c.token(mark - 1).isWord("right")
            && c.atWord("after"); // "Right" was a greeting
    if (afterBefore
        || rightBefore && c.acceptWord("after")
        || c.accept(RIGHT_AFTER)
        || c.acceptWord("before")
            && c.at(Kind.WORD)
            && BEFORE_SUBJECTS.contains(c.peek().lower())) {
      for (int i = 0; i < MAX_LEADING_WHEN && c.at(Kind.WORD); i++) {
        c.next();
      }
      if (c.accept(Kind.COMMA) && clauseAt(c) != null) {
        return true;
      }
    }
    c.reset(mark);
    return false;
  }

  /** "…, after search in web '…'": "after" followed by a step, not a time, means "then". */
  private static boolean afterAsThen(Cursor c) {
    if (!c.atWord("after")) {
      return false;
    }
    int mark = c.mark();
    c.next();
    if (!Values.atAmount(c) && !c.atAnyWord("a", "an", "one") && clauseAt(c) != null) {
      return true;
    }
    c.reset(mark);
    return false;
  }

  /** Whether a step (an action or a condition) starts at the cursor; never moves it. */
  static boolean startsStep(Cursor c) {
    return c.stepStartsHere(Steps::startsHere);
  }

  private static boolean startsHere(Cursor c) {
    skipLeads(c);
    return PlanGrammar.atConditional(c) || clauseAt(c) != null;
  }
}
