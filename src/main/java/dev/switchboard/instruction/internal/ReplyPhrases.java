package dev.switchboard.instruction.internal;

import dev.switchboard.plan.Condition;
import dev.switchboard.plan.Operator;
import java.util.List;

/**
 * Conditions said as events rather than fields: "no reply", "they haven't responded", "they opened
 * the email", "they are interested".
 */
final class ReplyPhrases {

  private static final String WHO =
      "[they|the contact|contact|he|she|the lead|the prospect|the person|the recipient]";
  private static final String REPLY_NOUN = "(reply|replies|response|responses|answer|answers)";
  private static final String REPLY_VERB =
      "(replied|reply|replies|responded|respond|responds|answered|answer|answers|replying"
          + "|responding|answering"
          + "|written back|wrote back|write back|writes back|gotten back|got back|get back|gets back"
          + "|heard back|engaged|engage)";
  private static final String TO_US =
      "[to us|to me|to our email|to the email|to my email|to it|to that|to the message|back]";

  private static final List<Phrase> NO_REPLY =
      Phrase.all(
          "[there is|there 's|there has been|we have|we 've|we get|we got|we receive] [still] no "
              + REPLY_NOUN
              + " [yet] [from them|from the contact|from contact|from him|from her] [is received|has been received|comes in"
              + "|came in|has come in|arrives] [yet]",
          WHO
              + " [still] (have|has|did|do|does|is|are) [still] not [yet] "
              + REPLY_VERB
              + " "
              + TO_US,
          WHO + " never " + REPLY_VERB + " " + TO_US,
          "(we|you|i) (have|has|did|do) not (heard back|heard from them|heard anything"
              + "|received a reply|received a response|gotten a reply|got a reply|get a reply"
              + "|get a response|got a response|gotten a response) [from them] [yet]",
          WHO + " (is|are) (unresponsive|silent)",
          WHO + " [still] not [yet] " + REPLY_VERB + " " + TO_US,
          "(unanswered|no reply|not replied)");

  private static final List<Phrase> REPLIED =
      Phrase.all(
          WHO + " [has|have|did|does|do] " + REPLY_VERB + " " + TO_US,
          "there (is|'s|was|has been) a " + REPLY_NOUN,
          "(we|you|i) (get|got|receive|received|have) a " + REPLY_NOUN + " [from them]",
          "a " + REPLY_NOUN + " (comes in|came in|is received|was received|arrives|arrived)");

  private static final String EMAIL =
      "[the|our|my|an|any|their] [last|previous|first|latest|intro] (email|mail|message|emails)";
  private static final List<Phrase> NOT_OPENED =
      Phrase.all(
          WHO + " (have|has|did|do|does) not [yet] (opened|open) " + EMAIL,
          WHO + " never opened " + EMAIL,
          EMAIL + " (was|is|has) not [been] opened");
  private static final List<Phrase> OPENED =
      Phrase.all(
          WHO + " [has|have|did] (opened|opens|open) " + EMAIL,
          EMAIL + " (was|is|has been|got) opened");
  private static final List<Phrase> NOT_INTERESTED =
      Phrase.all(WHO + " (is|are|seems|seem|sounds|sound) not [very] interested");
  private static final List<Phrase> INTERESTED =
      Phrase.all(WHO + " (is|are|seems|seem|sounds|sound) [very] interested");

  private ReplyPhrases() {}

  /** Reads one such phrase; {@code null} with the cursor unmoved when there is none. */
  static Condition read(Cursor c) {
    if (c.acceptFirst(NO_REPLY) >= 0) {
      return equals("contact.replied", false);
    }
    if (c.acceptFirst(NOT_OPENED) >= 0) {
      return equals("contact.opened_email", false);
    }
    if (c.acceptFirst(NOT_INTERESTED) >= 0) {
      return equals("contact.interested", false);
    }
    if (c.acceptFirst(REPLIED) >= 0) {
      return equals("contact.replied", true);
    }
    if (c.acceptFirst(OPENED) >= 0) {
      return equals("contact.opened_email", true);
    }
    if (c.acceptFirst(INTERESTED) >= 0) {
      return equals("contact.interested", true);
    }
    return null;
  }

  private static Condition equals(String field, boolean value) {
    return new Condition.Compare(field, Operator.EQ, value);
  }
}
