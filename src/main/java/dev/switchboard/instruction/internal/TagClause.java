package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code add_tag} and {@code remove_tag}: "add tags 'A', 'B'", "tag them as Hot", "give them a
 * 'Sales Ready' tag", "drop the 'Nurture' tag", "remove tag 'Cold Lead' from contact".
 */
final class TagClause implements Clause {

  private static final String NOUN = "(tags|tag|labels|label)";
  private static final String DET = "[the|a|an|this|that|these|those|their]";

  private static final List<Phrase> ADD_THEN_LIST =
      Phrase.all(
          "(add|apply|attach|assign|set|make|put|place|give) [on|to|for] {obj} [additionally|also] "
              + DET
              + " [following] "
              + NOUN
              + " [:]",
          "(tag|label) {obj} [as|with|to] [:]",
          "(tags|labels) [to add] [:]",
          "(mark|flag) {obj} as");

  /** "remove the 'Cold' tag and add 'Warm' instead": a quoted name needs no "tag" after "add". */
  private static final Phrase ADD_QUOTED = Phrase.of("add {obj} [also|back]");

  /** "tag them 'Engaged' and remove 'Cold Outreach'": the same for a tag taken off. */
  private static final Phrase REMOVE_QUOTED = Phrase.of("(remove|drop|pull) {obj} [also]");

  private static final List<Phrase> ADD_LIST_FIRST =
      Phrase.all("(add|apply|attach|assign|put|slap|stick|throw|give {obj}) " + DET);
  private static final List<Phrase> REMOVE_THEN_LIST =
      Phrase.all(
          "(remove|delete|drop|clear|strip|pull|take off|take away|detach|unset|get rid of) [from|on|for]"
              + " {obj} "
              + DET
              + " [following] "
              + NOUN
              + " [:]",
          "untag {obj} [from|as] [:]",
          "take {obj} off [the] " + NOUN);
  private static final List<Phrase> REMOVE_LIST_FIRST =
      Phrase.all(
          "(remove|delete|drop|clear|strip|pull|take off|detach|take away|take|get rid of) " + DET);
  private static final Phrase OFF = Phrase.of("(off|away) [from|of] {obj}");
  private static final Phrase TAG_NOUN = Phrase.of(NOUN);
  private static final Phrase SWAP = Phrase.of("(swap|replace|switch|exchange|change) " + DET);
  private static final Phrase SWAP_WITH = Phrase.of("(for|with|to|by|into)");
  private static final Phrase ARTICLE = Phrase.of("(the|a|an)");
  private static final Phrase ITEM_JOINER = Phrase.of("[,] [and|&|or|plus|as well as]");
  private static final Set<String> ITEM_STOPS =
      Set.of(
          "to",
          "from",
          "on",
          "and",
          "or",
          "then",
          "instead",
          "for",
          "as",
          "with",
          "tag",
          "tags",
          "label",
          "labels",
          "if",
          "unless",
          "when",
          "whenever",
          "once",
          "after",
          "before",
          "until",
          "because",
          "since",
          "while",
          "off",
          "too",
          "plus",
          "otherwise",
          "else",
          "now",
          "today",
          "immediately");

  @Override
  public boolean starts(Cursor c) {
    int mark = c.mark();
    try {
      return read(c) != null;
    } catch (ParseFailure notATag) {
      return false;
    } finally {
      c.reset(mark);
    }
  }

  @Override
  public List<Step.Action> parse(Cursor c) {
    int start = c.mark();
    List<Step.Action> actions = read(c);
    if (actions == null) {
      throw c.failureForClause("I don't know how to ", start);
    }
    return actions;
  }

  private List<Step.Action> read(Cursor c) {
    List<Step.Action> swap = swap(c);
    if (swap != null) {
      return swap;
    }
    Step.Action one = readOne(c);
    return one == null ? null : List.of(one);
  }

  /** "swap the 'Nurture' tag for 'Sales Ready'", "replace tag 'Lead' with 'Customer'". */
  private static List<Step.Action> swap(Cursor c) {
    int mark = c.mark();
    if (!c.accept(SWAP)) {
      return null;
    }
    boolean nounFirst = c.accept(TAG_NOUN);
    List<String> old = items(c);
    boolean noun = nounFirst || c.accept(TAG_NOUN);
    if (old.isEmpty() || !noun || !c.accept(SWAP_WITH)) {
      c.reset(mark);
      return null;
    }
    c.accept(ARTICLE);
    List<String> replacement = items(c);
    if (replacement.isEmpty()) {
      c.reset(mark);
      return null;
    }
    c.accept(TAG_NOUN);
    Step.Action remove = new Step.Action(ActionType.REMOVE_TAG, Map.of("tags", List.copyOf(old)));
    return List.of(remove, finish(c, ActionType.ADD_TAG, replacement));
  }

  private Step.Action readOne(Cursor c) {
    int mark = c.mark();
    for (ActionType type : List.of(ActionType.ADD_TAG, ActionType.REMOVE_TAG)) {
      c.reset(mark);
      if (c.accept(type == ActionType.ADD_TAG ? ADD_QUOTED : REMOVE_QUOTED) && c.at(Kind.QUOTED)) {
        Step.Action done = finish(c, type, items(c));
        if (FreeText.atBoundary(c) || FreeText.startsNewStep(c) || c.atEof()) {
          return done;
        }
      }
    }
    c.reset(mark);
    for (ActionType type : List.of(ActionType.ADD_TAG, ActionType.REMOVE_TAG)) {
      boolean add = type == ActionType.ADD_TAG;
      c.reset(mark);
      if (c.acceptFirst(add ? ADD_THEN_LIST : REMOVE_THEN_LIST) >= 0) {
        List<String> tags = items(c);
        if (!tags.isEmpty()) {
          return finish(c, type, tags);
        }
      }
      c.reset(mark);
      if (c.acceptFirst(add ? ADD_LIST_FIRST : REMOVE_LIST_FIRST) >= 0) {
        List<String> tags = items(c);
        if (!tags.isEmpty() && c.accept(TAG_NOUN)) {
          boolean take =
              c.token(mark).isWord("take")
                  && !c.token(mark + 1).isWord("off")
                  && !c.token(mark + 1).isWord("away");
          if (take && !c.accept(OFF)) {
            continue;
          }
          return finish(c, type, tags);
        }
      }
    }
    c.reset(mark);
    return null;
  }

  private static Step.Action finish(Cursor c, ActionType type, List<String> tags) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("tags", List.copyOf(tags));
    Args.readAll(c, params, (cursor, p) -> false);
    return new Step.Action(type, params);
  }

  /** Tag names: quoted, or unquoted words, joined by commas, "and", "&", or nothing (quoted). */
  private static List<String> items(Cursor c) {
    List<String> tags = new ArrayList<>();
    String first = item(c);
    if (first == null) {
      return tags;
    }
    tags.add(first);
    boolean quoted = c.token(c.mark() - 1).is(Kind.QUOTED);
    while (true) {
      int mark = c.mark();
      if (quoted && c.at(Kind.QUOTED)) {
        tags.add(c.next().text()); // "tag em 'investor' 'angel' 'warm intro'"
        continue;
      }
      if (!c.accept(ITEM_JOINER)
          || c.mark() == mark
          || Steps.startsStep(c)
          || PlanGrammar.elseStarts(c)) {
        c.reset(mark);
        return tags;
      }
      // "the tag 'Competitor' and don't email them": after a quoted name, only quoted names
      String next = quoted && !c.at(Kind.QUOTED) && !c.at(Kind.VARIABLE) ? null : item(c);
      if (next == null) {
        c.reset(mark);
        return tags;
      }
      tags.add(next);
    }
  }

  private static String item(Cursor c) {
    if (c.at(Kind.QUOTED) || c.at(Kind.VARIABLE)) {
      return c.next().text();
    }
    if (!c.at(Kind.WORD) || Steps.startsStep(c)) {
      return null;
    }
    FreeText.Span span = FreeText.read(c, ITEM_STOPS, x -> false);
    FreeText.refuseSentence(c, span.from(), span.to());
    return span.isEmpty() ? null : c.text(span.from(), span.to()).trim();
  }
}
