package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code enrich_contact}: "enrich the contact", "enrich them using Apollo", "run enrichment". */
final class EnrichClause implements Clause.Single {

  private static final String DATA =
      "[data|profile|profiles|record|records|details|info|information]";
  private static final List<Phrase> VERBS =
      Phrase.all(
          "enrich {obj} ['s] " + DATA,
          "(run|do|perform|trigger|make|start) [for each|for every one|for them|for all] [a|an|the]"
              + " [contact|data] (enrichment|enrich)"
              + " [(on|for|of) {obj}]",
          "look (them|him|her|the contact|this contact|each of them|each contact) up",
          "(fill in|complete) (their|the contact 's) (data|profile|details|info)");
  private static final Phrase PROVIDER_INTRO =
      Phrase.of("([,] provider [:] [is]|using|with|via|through|from|in|on|by|over) [the]");
  private static final Phrase PROVIDER_TAIL = Phrase.of("[api|data|integration|database]");
  private static final Set<String> NOT_PROVIDERS =
      Set.of("them", "the", "each", "all", "it", "a", "an", "data", "their", "contact", "linkedin");

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
    Args.readAll(c, params, EnrichClause::readParam);
    return new Step.Action(ActionType.ENRICH_CONTACT, params);
  }

  private static boolean readParam(Cursor c, Map<String, Object> params) {
    int mark = c.mark();
    if (!params.containsKey("provider")
        && c.accept(Kind.LPAREN)
        && c.at(Kind.WORD)
        && c.peek(1).is(Kind.RPAREN)
        && !NOT_PROVIDERS.contains(c.peek().lower())) {
      params.put("provider", c.next().text().toLowerCase(Locale.ROOT)); // "enrich (apollo)"
      c.next();
      return true;
    }
    c.reset(mark);
    if (!params.containsKey("provider") && c.accept(PROVIDER_INTRO) && c.at(Kind.WORD)) {
      Token t = c.peek();
      if (!NOT_PROVIDERS.contains(t.lower()) && !Steps.startsStep(c)) {
        c.next();
        c.accept(PROVIDER_TAIL);
        params.put("provider", t.text().toLowerCase(Locale.ROOT));
        return true;
      }
    }
    c.reset(mark);
    return false;
  }
}
