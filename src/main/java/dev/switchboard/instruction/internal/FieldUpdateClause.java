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
 * {@code update_field}: "update contact field 'status' to 'Qualified'", "set deal stage to 'Closed
 * Won'", "change their lead score to 90", "move the deal to 'Negotiation'".
 */
final class FieldUpdateClause implements Clause {

  private static final Phrase VERB =
      Phrase.of(
          "(update|set|change|modify|edit|switch|adjust|bump|raise|increase|lower|reduce|decrease"
              + "|put|write|actualize|actualise|fill|mark)");

  /** "Set in the contact the field 'language' …": the entity said before the field. */
  private static final Phrase ENTITY_FIRST =
      Phrase.of("(in|on|for|into) [the|this|their] (contact|deal|company)");

  private static final Phrase MOVE_DEAL =
      Phrase.of("(move|advance|push|progress) [the|their|this] deal [stage] (to|into) [the]");
  private static final Phrase TO =
      Phrase.of(
          "(to [the] value [of]|to|=|as|equal to|:|into|at|with [the] value [of]|with value|on|the"
              + " value|value)");

  /** "deal stage → 'Negotiation'", "company field 'tier' = 'Gold'": terse text needs no verb. */
  private static final Phrase SET_SYMBOL = Phrase.of("(→|->|⇒|=)");

  private static final Phrase SET_ARROW = Phrase.of("(→|->|⇒)");
  private static final Phrase STAGE_WORD = Phrase.of("[stage]");
  private static final Set<String> VALUE_STOPS =
      Set.of("then", "for", "on", "in", "and", "instead");
  private static final Set<String> ARITHMETIC =
      Set.of(
          "times",
          "multiplied",
          "divided",
          "minus",
          "plus",
          "doubled",
          "halved",
          "double",
          "half",
          "percent",
          "sum",
          "average",
          "increment",
          "incremented",
          "decrement");
  private static final Set<String> ENTITIES = Set.of("contact", "deal", "company");
  private static final int MAX_BARE_VALUE = 3;

  /** "Update field / entity: deal / field: stage / value: X", "Deal update: / stage: X". */
  private static final List<Phrase> FORM =
      Phrase.all(
          "(update field|field update|update fields) [:]",
          "(contact|deal|company) [field|fields] update [:]",
          "update [the] (contact|deal|company) [field|fields] [:]");

  private static final Set<String> FORM_STOPS = Set.of("entity", "field", "value");

  @Override
  public boolean starts(Cursor c) {
    int mark = c.mark();
    try {
      if (atForm(c)) {
        return true;
      }
      if (c.accept(MOVE_DEAL)) {
        return true;
      }
      if (!c.accept(VERB)) {
        return verbless(c);
      }
      int fieldStart = c.mark();
      return field(c) != null && acceptTo(c, fieldStart);
    } finally {
      c.reset(mark);
    }
  }

  /**
   * "to", or in terse text an arrow ("set deal stage -> 'Won'") or nothing before a quoted value or
   * a number when the field was named with its entity ("set contact status 'Customer'", "set deal
   * value 75K"), or before a quoted value right after "set" ("set status 'Contacted'").
   */
  private static boolean acceptTo(Cursor c, int fieldStart) {
    if (c.accept(TO) || c.accept(SET_ARROW)) {
      return true;
    }
    boolean entityNamed =
        c.mark() - fieldStart > 1 && ENTITIES.contains(c.token(fieldStart).lower());
    boolean setRightBefore = fieldStart > 0 && c.token(fieldStart - 1).isWord("set");
    return entityNamed && (c.at(Kind.QUOTED) || c.at(Kind.NUMBER))
        || setRightBefore && c.at(Kind.QUOTED); // "set status 'Contacted'"
  }

  /** The steps of a form: one per field it names. */
  private static List<Step.Action> form(Cursor c) {
    int start = c.mark();
    c.acceptFirst(FORM);
    String entity = null;
    for (int i = start; i < c.mark(); i++) {
      if (ENTITIES.contains(c.token(i).lower())) {
        entity = c.token(i).lower();
      }
    }
    List<Step.Action> steps = new ArrayList<>();
    while (true) {
      int mark = c.mark();
      c.accept(Kind.COMMA);
      if (c.acceptWord("entity")
          && formWord(c) instanceof String named
          && ENTITIES.contains(named)) {
        entity = named;
        continue;
      }
      c.reset(mark);
      c.accept(Kind.COMMA);
      String name = null;
      if (c.acceptWord("field")) {
        name = formWord(c) instanceof String n ? n : null;
        c.accept(Kind.COMMA);
        if (name == null || !c.acceptWord("value")) {
          c.reset(mark);
          break;
        }
      } else {
        Fields.Ref ref = Fields.read(c);
        name = ref == null ? null : ref.name();
        entity = entity == null && ref != null ? ref.entity() : entity;
      }
      Object value = name == null ? null : Values.literal(c);
      if (value == null || entity == null) {
        c.reset(mark);
        break;
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("entity", entity);
      params.put("field", name);
      params.put("value", value);
      steps.add(new Step.Action(ActionType.UPDATE_FIELD, params));
    }
    if (steps.isEmpty()) {
      throw c.failureForClause("Which field should change, to what? ", start);
    }
    return steps;
  }

  /** Whether a form starts here and names at least one field; never moves the cursor. */
  private static boolean atForm(Cursor c) {
    int mark = c.mark();
    try {
      boolean head = c.acceptFirst(FORM) >= 0;
      c.reset(mark);
      return head && !form(c).isEmpty();
    } catch (ParseFailure notAForm) {
      return false;
    } finally {
      c.reset(mark);
    }
  }

  private static Object formWord(Cursor c) {
    if (c.at(Kind.QUOTED) || (c.at(Kind.WORD) && !FORM_STOPS.contains(c.peek().lower()))) {
      return c.next().text();
    }
    return null;
  }

  /** "Set the deal stage to 'X' and the deal value to 50000": the verb said once for both. */
  @Override
  public List<Step.Action> parse(Cursor c) {
    if (atForm(c)) {
      return form(c);
    }
    List<Step.Action> steps = new ArrayList<>(List.of(parseOne(c)));
    while (true) {
      int mark = c.mark();
      c.accept(Kind.COMMA);
      int start = c.mark();
      boolean and = c.acceptWord("and");
      boolean its = and && c.atWord("its"); // "… the company's 'segment' and its 'employees' field"
      Fields.Ref field = and ? field(c) : null;
      if (field == null || !c.accept(TO)) {
        c.reset(mark);
        return steps;
      }
      if (its) {
        field = new Fields.Ref((String) steps.getLast().params().get("entity"), field.name());
      }
      steps.add(setTo(c, field, start));
    }
  }

  private Step.Action parseOne(Cursor c) {
    int start = c.mark();
    Fields.Ref field;
    if (c.accept(MOVE_DEAL)) {
      field = new Fields.Ref("deal", "stage");
    } else if (!c.accept(VERB)) {
      field = field(c);
      c.accept(SET_SYMBOL);
    } else {
      int fieldStart = c.mark();
      field = field(c);
      if (field == null || !acceptTo(c, fieldStart)) {
        throw c.failureForClause("I can't tell which field to change in ", start);
      }
    }
    return setTo(c, field, start);
  }

  /** The value after "to", and the step that sets {@code field} to it. */
  private static Step.Action setTo(Cursor c, Fields.Ref field, int start) {
    Object value =
        Fields.isNumeric(field.qualified()) && Values.atAmount(c) ? Values.spelled(c) : value(c);
    if (value == null) {
      throw c.failureForClause("What should the field be set to? ", start);
    }
    if (field.qualified().equals("deal.value") && !(value instanceof Number)) {
      // "set the deal to 'At Risk'": words are no amount, and which field they belong in is unsaid
      throw c.failureForClause(
          "Which deal field should hold '" + value + "'? The deal's value is an amount: ", start);
    }
    if (field.entity().equals("deal") && field.name().equals("stage")) {
      c.accept(STAGE_WORD);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("entity", field.entity());
    params.put("field", field.name());
    params.put("value", value);
    Args.readAll(c, params, (cursor, p) -> false);
    return new Step.Action(ActionType.UPDATE_FIELD, params);
  }

  /**
   * "deal stage → 'X'", "company field 'tier' = 'Gold'"; a bare "city = 'Austin'" is a search
   * filter or a condition, so "=" needs the entity or the word "field" said.
   */
  private static boolean verbless(Cursor c) {
    int start = c.mark();
    if (field(c) == null) {
      return false;
    }
    boolean named = c.mark() - start > 1 || c.token(start).is(Kind.PATH);
    boolean arrow = c.at(SET_ARROW);
    if (!(arrow || named) || !c.accept(SET_SYMBOL)) {
      return false;
    }
    if (Values.literal(c) == null) {
      if (!(arrow && named && c.at(Kind.WORD))) {
        return false;
      }
      for (int words = 0; words < MAX_BARE_VALUE && c.at(Kind.WORD); words++) {
        c.next(); // "deal priority → high": a word or two after the arrow, unquoted
      }
    }
    return FreeText.atBoundary(c) || c.atEof() || c.atWord("and") && c.peek(1).is(Kind.WORD);
  }

  /**
   * The field, on a contact, deal or company (the plan cannot write anything else); tags are added
   * and removed by their own steps, never set.
   */
  private static Fields.Ref field(Cursor c) {
    int mark = c.mark();
    String entity = c.accept(ENTITY_FIRST) ? c.token(c.mark() - 1).lower() : null;
    Fields.Ref ref = Fields.read(c);
    if (ref == null
        || !ENTITIES.contains(ref.entity())
        || ref.name().contains(".")
        || ref.name().equals("tags")) {
      c.reset(mark);
      return null;
    }
    return entity == null ? ref : new Fields.Ref(entity, ref.name());
  }

  private static Object value(Cursor c) {
    Object literal = Values.literal(c);
    if (literal != null && endsHere(c)) {
      return literal;
    }
    if (literal != null) {
      c.reset(c.mark() - 1);
    }
    if (c.at(Kind.WORD) && Values.atAmount(c) && !c.peek(1).is(Kind.WORD)) {
      return Values.plain(Values.amount(c));
    }
    int from = c.mark();
    String text = Args.text(c, VALUE_STOPS);
    if (text != null && !c.token(from).is(Kind.QUOTED)) {
      FreeText.refuseSentence(c, from, c.mark());
    }
    for (int i = from; text != null && !c.token(from).is(Kind.QUOTED) && i < c.mark(); i++) {
      if (c.token(i).is(Kind.WORD) && ARITHMETIC.contains(c.token(i).lower())) {
        throw c.failure(
            "A field can only be set to a value, not computed: '" + text + "'", from, c.mark());
      }
    }
    return text;
  }

  private static boolean endsHere(Cursor c) {
    return !c.at(Kind.WORD)
        || c.atAnyWord("and", "then", "for", "on", "in", "to", "instead", "please", "thanks");
  }
}
