package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.Condition;
import dev.switchboard.plan.Operator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Search filters said without a field name: "tagged 'Hot'", "in Berlin", "in the SaaS industry",
 * "who haven't replied".
 */
final class SearchPhrases {

  private static final List<Phrase> TAG_BEFORE_NAME =
      Phrase.all(
          "[who are|that are|which are] tagged [as|with]",
          "[with|having|have|has|carrying] [the|a|an] (tag|label)");
  private static final Phrase TAG_AFTER_NAME = Phrase.of("[with|having|have|has] [the|a|an]");
  private static final Phrase TAG_NOUN = Phrase.of("(tag|label)");
  private static final Phrase LOCATED =
      Phrase.of(
          "[who are|that are|which are|who live|who work|who is|that is] [living|working|based"
              + "|located] (in|from) [the city of|the town of]");
  private static final Phrase INDUSTRY_NOUN = Phrase.of("(industry|sector|space|vertical|market)");
  private static final Set<String> NAME_STOPS =
      Set.of(
          "and", "or", "then", "with", "whose", "where", "who", "that", "which", "tag", "label",
          "as");

  private SearchPhrases() {}

  /** Reads such a filter; {@code null} (cursor unmoved) when there is none. */
  static Map<String, Object> read(Cursor c) {
    int mark = c.mark();
    Map<String, Object> filter = tag(c);
    if (filter == null) {
      c.reset(mark);
      filter = place(c);
    }
    if (filter == null) {
      c.reset(mark);
      filter = reply(c);
    }
    if (filter == null) {
      c.reset(mark);
    }
    return filter;
  }

  private static Map<String, Object> tag(Cursor c) {
    int mark = c.mark();
    if (c.acceptFirst(TAG_BEFORE_NAME) >= 0) {
      String name = name(c, false);
      if (name != null) {
        return SearchGrammar.filter("tags", Operator.CONTAINS, name);
      }
    }
    c.reset(mark);
    c.accept(TAG_AFTER_NAME);
    if (c.at(Kind.QUOTED) && c.peek(1).is(Kind.WORD)) {
      String name = c.next().text();
      if (c.accept(TAG_NOUN)) {
        return SearchGrammar.filter("tags", Operator.CONTAINS, name);
      }
    }
    return null;
  }

  private static Map<String, Object> place(Cursor c) {
    if (!c.accept(LOCATED)) {
      return null;
    }
    boolean the = c.acceptWord("the");
    String name = name(c, !the);
    if (name == null) {
      return null;
    }
    if (c.accept(INDUSTRY_NOUN)) {
      return SearchGrammar.filter("company.industry", Operator.EQ, name);
    }
    return the ? null : SearchGrammar.filter("city", Operator.EQ, name);
  }

  private static Map<String, Object> reply(Cursor c) {
    Condition condition = ReplyPhrases.read(c);
    if (condition instanceof Condition.Compare compare) {
      String field = compare.field().substring("contact.".length());
      return SearchGrammar.filter(field, compare.operator(), compare.value());
    }
    return null;
  }

  /** Quoted text, or capitalised words ("New York"); lower-case words only when allowed. */
  private static String name(Cursor c, boolean capitalisedOnly) {
    if (c.at(Kind.QUOTED)) {
      return c.next().text();
    }
    int from = c.mark();
    while (c.at(Kind.WORD)
        && !NAME_STOPS.contains(c.peek().lower())
        && !INDUSTRY_NOUN_WORDS.contains(c.peek().lower())
        && (!capitalisedOnly || Character.isUpperCase(c.peek().text().charAt(0)))
        && !Steps.startsStep(c)) {
      c.next();
    }
    return c.mark() == from ? null : c.text(from, c.mark());
  }

  private static final Set<String> INDUSTRY_NOUN_WORDS =
      Set.of("industry", "sector", "space", "vertical", "market");
}
