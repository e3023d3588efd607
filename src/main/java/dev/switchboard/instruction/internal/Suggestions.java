package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.List;

/**
 * The nearest supported phrasing for words the grammar could not read: "untag: Pending Review" →
 * "Did you mean: remove tag 'Pending Review'?". The action is named by a word of the refused words
 * (as written or one slip away), the value is their first quoted text; words that name no action
 * ("book a flight") get no suggestion. A suggestion is advice for the author, never a plan.
 */
final class Suggestions {

  /**
   * One supported phrasing.
   *
   * @param words the words that name the action, any one suffices
   * @param phrasing the phrasing, with {@code %s} for the value
   * @param placeholder the value when the refused words quote none
   */
  private record Form(List<String> words, String phrasing, String placeholder) {}

  /** Specific before general: "linkedin" before "send", "untag" before "tag". */
  private static final List<Form> FORMS =
      List.of(
          new Form(
              List.of("linkedin", "connect", "invite", "invitation"),
              "send a LinkedIn invite with the note '%s'",
              "Hi @contact.firstName"),
          new Form(
              List.of("untag", "remove", "delete", "drop", "unlabel"),
              "remove tag '%s'",
              "Tag name"),
          new Form(List.of("tag", "tags", "label", "labels", "flag"), "add tag '%s'", "Tag name"),
          new Form(
              List.of("task", "todo", "remind", "reminder", "call", "phone"),
              "create a task '%s' due in 2 days",
              "Task title"),
          new Form(
              List.of("handoff", "hand", "escalate", "assign", "notify", "loop", "rep"),
              "hand off to @user.salesRep with the message '%s'",
              "Please take over"),
          new Form(
              List.of("google", "web", "research", "news", "online", "internet"),
              "search the web for '%s' and keep the top 3 results",
              "@company.name news"),
          new Form(
              List.of("find", "contacts", "leads", "people", "everyone"),
              "find contacts where title contains '%s'",
              "VP"),
          new Form(
              List.of("email", "mail", "send", "write", "template", "message", "newsletter"),
              "send email using template '%s'",
              "Template name"),
          new Form(
              List.of("wait", "pause", "delay", "hold", "days", "hours", "weeks"),
              "wait %s",
              "3 days"),
          new Form(List.of("enrich", "enrichment", "apollo", "clearbit"), "enrich the contact", ""),
          new Form(
              List.of("set", "update", "change", "move", "stage", "field", "status"),
              "set the contact field 'status' to '%s'",
              "Qualified"),
          new Form(
              List.of("remember", "save", "store", "keep", "memory"),
              "remember '%s' as myKey",
              "@contact.email"));

  /** What "I can't read this condition" suggests instead, with a quoted value or without. */
  private static final String CONDITION_QUOTED = "if contact.title contains '%s', …";

  private static final String CONDITION = "if contact.leadScore is over 50, …";

  private Suggestions() {}

  /**
   * ". Did you mean: …?" for the tokens between the text offsets {@code start} and {@code end}, or
   * the empty string when they name no action.
   */
  static String forSpan(List<Token> tokens, int start, int end, boolean condition) {
    String quoted = null;
    Form form = null;
    int rank = FORMS.size();
    for (Token t : tokens) {
      if (t.start() < start || t.end() > end) {
        continue;
      }
      if (t.is(Kind.QUOTED) && quoted == null) {
        quoted = t.text();
      }
      if (t.is(Kind.WORD)) {
        for (int i = 0; i < rank; i++) {
          if (names(FORMS.get(i), t.lower())) {
            form = FORMS.get(i);
            rank = i;
            break;
          }
        }
      }
    }
    if (condition) {
      return ". Did you mean: "
          + (quoted == null ? CONDITION : CONDITION_QUOTED.formatted(quoted))
          + "?";
    }
    if (form == null) {
      return "";
    }
    String value = quoted == null ? form.placeholder() : quoted;
    return ". Did you mean: " + form.phrasing().formatted(value) + "?";
  }

  private static boolean names(Form form, String word) {
    for (String known : form.words()) {
      if (known.equals(word)
          || word.length() >= 4 && known.length() >= 4 && WordTypos.slip(word, known) != null) {
        return true;
      }
    }
    return false;
  }
}
