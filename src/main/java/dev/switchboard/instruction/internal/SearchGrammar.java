package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Operator;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code search_contacts}: "find contacts where title contains CEO", "get leads created in the last
 * 7 days whose status is 'Lead'", "find contacts with a lead score of at least 80".
 *
 * <p>Filters use bare contact fields ({@code title}, {@code leadScore}) and keep the order the text
 * gives them; "or" between filters makes the search match any of them.
 */
final class SearchGrammar implements Clause.Single {

  private static final String NOUN =
      "(contacts|contact|leads|people|prospects|persons|everyone|everybody|anyone|customers"
          + "|records|members|donors|clients|patients|attendees|guests|candidates|subscribers"
          + "|buyers|applicants|policyholders|signups)";
  private static final List<Phrase> VERBS =
      Phrase.all(
          "(find|get|search for|search|look for|look up|pull up|pull|grab|fetch|select|list"
              + "|query|identify|target|go through|locate|retrieve|load|collect|gather|show me|show"
              + "|filter|filter for) [me] [all|every|each|any] [of] [the|my|our|those|these] [existing]"
              + " [new|recent|recently added] "
              + NOUN
              + " [in the crm|from the crm|in our crm|in the database]",
          "search [the|our] (crm|database|contact list|contacts list) [for] [all] [contacts]");

  /** "find title contains CTO", "find created today": terse searches that name no noun. */
  private static final Phrase BARE_VERB =
      Phrase.of(
          "(find|search for|search|filter for|filter by|filter|select|query|look for|pull)"
              + " [:] [all|any|everyone|anyone|those|the ones] [with|where|whose]");

  /**
   * "For contacts whose title contains 'CEO', …" searches first; "for anyone tagged 'VIP', …" asks
   * about the contact in hand, so it is no search.
   */
  private static final Phrase FOR_CONTACTS =
      Phrase.of(
          "for [all|every|each|any] [of] [the|my|our] (contacts|contact|leads|people|prospects"
              + "|persons|everyone|everybody|customers|records)");

  /** "contacts w/ lead score < 20 -> untag 'MQL'": terse text names the noun without a verb. */
  private static final Phrase BARE_NOUN =
      Phrase.of("[all|every|any] [the|my|our|those] [existing] " + NOUN + " [in the crm]");

  static final Phrase FILTER_START =
      Phrase.of("(where|whose|with|who|that|which|created|added|tagged|in|from|having)");
  private static final Phrase NEW = Phrase.of("(new|recent|recently added)");

  /** A list of filters announced: "matching any of the following:", "that meet all of these:". */
  private static final Phrase LISTED =
      Phrase.of(
          "[that|which|who] (matching|match|matches|meeting|meet|meets|with|where) (any|all|one"
              + "|each) of (the following|these|the below) [criteria|conditions|filters|rules]"
              + " [match|matches|apply|applies|hold|holds|(is|are) true] [:]");

  private static final Phrase CONNECTOR =
      Phrase.of("(where|whose|with|who|that|which|having|what) [is|are|have|has|were|was] [got]");
  private static final Phrase JOIN =
      Phrase.of("[,] (and|or|but) [also] [whose|where|who|with|that|which] [is|are|have|has]");
  private static final Phrase COMMA_CONNECTOR =
      Phrase.of("[,] (whose|where|with|who|that|which|having)");

  /** Words that start a further filter without "and". */
  private static final Phrase SELF_JOINED =
      Phrase.of("(whose|where|created|added|tagged|who (is|are|have|has|were|was))");

  private static final Phrase EXCEPT =
      Phrase.of(
          "[,] (except|excluding|but not|apart from|other than) [for] [the ones|those|the contacts"
              + "|contacts|people|anyone|everyone|leads] [with|whose|where|who have|that have|who"
              + " are|that are|which have]");

  /** "from city Madrid": a preposition before a field name. */
  private static final Phrase FIELD_PREPOSITION = Phrase.of("(from|in|of|at) [the]");

  private static final Phrase BETWEEN = Phrase.of("[is|are|was|lies|falls] between");
  private static final Set<String> VALUE_STOPS =
      Set.of(
          "and", "or", "then", "but", "whose", "where", "who", "with", "that", "which", "created",
          "added", "if", "unless", "for", "as");

  @Override
  public boolean starts(Cursor c) {
    for (Phrase p : VERBS) {
      if (c.at(p)) {
        return true;
      }
    }
    int mark = c.mark();
    boolean forContacts = c.accept(FOR_CONTACTS) && c.at(FILTER_START);
    c.reset(mark);
    return forContacts || bareSearch(c, BARE_VERB) || bareSearch(c, BARE_NOUN);
  }

  /** "find <filter>", "contacts <filter>": only when a filter really follows the words. */
  private static boolean bareSearch(Cursor c, Phrase words) {
    int mark = c.mark();
    try {
      return c.accept(words)
          && (words == BARE_VERB ? !c.at(A_TAG) : c.at(FILTER_START))
          && readsFilter(c);
    } catch (ParseFailure notAFilter) {
      return false;
    } finally {
      c.reset(mark);
    }
  }

  /** "pull the 'Cold' tag" takes a tag off: a bare search verb before a tag names no search. */
  private static final Phrase A_TAG = Phrase.of("[the|that|this] {q} (tag|tags|label|labels)");

  private static boolean readsFilter(Cursor c) {
    c.accept(CONNECTOR);
    return !filters(c, List.of(), false, false).filters().isEmpty();
  }

  /** "1. find contacts created this week / 2. filter: country == 'India'": narrows the search. */
  private static final Phrase REFINE =
      Phrase.of("(filter|filter by|filter them|filter them by|narrow [it|them] [down] to) [:]");

  @Override
  @SuppressWarnings("unchecked")
  public Step.Action amend(Cursor c, Step.Action previous) {
    if (previous.type() != ActionType.SEARCH_CONTACTS
        || previous.params().containsKey("match")
        || !c.at(REFINE)) {
      return null;
    }
    int mark = c.mark();
    c.accept(REFINE);
    c.reset(mark);
    Step.Action more;
    try {
      more = parseOne(c);
    } catch (ParseFailure unreadable) {
      c.reset(mark);
      return null;
    }
    if (more.params().containsKey("match")) {
      c.reset(mark); // "all" then "any": the plan cannot say that
      return null;
    }
    List<Map<String, Object>> filters =
        new ArrayList<>((List<Map<String, Object>>) previous.params().get("filters"));
    filters.addAll((List<Map<String, Object>>) more.params().get("filters"));
    return new Step.Action(ActionType.SEARCH_CONTACTS, Map.of("filters", List.copyOf(filters)));
  }

  @Override
  public Step.Action parseOne(Cursor c) {
    int start = c.mark();
    if (c.acceptFirst(VERBS) < 0 && !c.accept(FOR_CONTACTS) && !c.accept(BARE_VERB)) {
      c.accept(BARE_NOUN);
    }
    boolean saidNew = false;
    boolean pointsBack = false;
    for (int i = start; i < c.mark(); i++) {
      saidNew |= c.token(i).isWord("new") || c.token(i).isWord("recent");
      pointsBack |= c.token(i).isWord("those") || c.token(i).isWord("these");
    }
    boolean matchAny = false;
    if (c.at(Kind.LPAREN)
        && c.peek(1).isWord("match")
        && c.peek(2).isWord("any")
        && c.peek(3).is(Kind.RPAREN)) {
      matchAny = true; // "Find contacts (match any):"
      c.next();
      c.next();
      c.next();
      c.next();
    }
    int beforePunctuation = c.mark();
    if (!c.accept(Kind.COMMA)) {
      c.accept(Kind.COLON); // "find: created last 14d", "find contacts, title contains 'VP'"
    }
    List<Map<String, Object>> filters = new ArrayList<>();
    boolean any = false;
    boolean all = false;
    boolean list = false;
    int listedAt = c.mark();
    if (c.accept(LISTED)) { // "matching any of the following: (a) title contains 'VP'; (b) …"
      filters.addAll(listed(c));
      if (filters.isEmpty()) {
        c.reset(listedAt);
      } else {
        boolean anyOne = false;
        for (int i = listedAt; i < c.mark(); i++) {
          anyOne |= c.token(i).isWord("any") || c.token(i).isWord("one");
        }
        any = anyOne;
        all = !anyOne;
      }
    }
    boolean fromList = !filters.isEmpty();
    while (!fromList) {
      int mark = c.mark();
      String joiner = null;
      boolean except = false;
      if (!filters.isEmpty()) {
        if (c.accept(EXCEPT)) {
          joiner = "and";
          except = true;
        } else if (c.accept(JOIN)) {
          joiner = c.token(mark).is(Kind.COMMA) ? c.token(mark + 1).lower() : c.token(mark).lower();
        } else if (c.at(COMMA_CONNECTOR)) {
          c.accept(Kind.COMMA);
          joiner = "and";
        } else if (c.at(SELF_JOINED)) {
          joiner = "and"; // "with a lead score over 70 created in the last 14 days"
        } else if (c.accept(Kind.COMMA)) {
          joiner = ","; // "status 'Trial', city 'Oslo'" (all) or "Lyon, Nice or Lille" (a list)
        }
        if (joiner == null || Steps.startsStep(c)) {
          c.reset(mark);
          break;
        }
      }
      c.accept(CONNECTOR);
      boolean withWord = false;
      for (int i = mark; i < c.mark(); i++) {
        withWord |=
            c.token(i).isWord("with")
                || c.token(i).isWord("having")
                || c.token(i).isWord("have")
                || c.token(i).isWord("has");
      }
      Read read = filters(c, filters, withWord, "or".equals(joiner) || ",".equals(joiner));
      if (except) {
        read = except(c, read, mark);
      }
      if (read.filters().isEmpty()) {
        c.reset(mark);
        break;
      }
      boolean listed = ",".equals(joiner) && read.repeated();
      list |= listed;
      any |= "or".equals(joiner);
      all |= "and".equals(joiner) || "but".equals(joiner) || read.filters().size() > 1;
      all |= ",".equals(joiner) && !listed;
      filters.addAll(read.filters());
    }
    if (filters.isEmpty()) {
      c.reset(beforePunctuation);
    }
    if (filters.isEmpty()
        && !FreeText.atBoundary(c)
        && !c.atAnyWord("and", "then", "but", "also")
        && !Steps.startsStep(c)) {
      throw c.failureForClause("I can't read this search filter: ", c.mark());
    }
    any |= list && !all; // "in Lyon, Nice" lists places: any of them
    if (matchAny) {
      any = true;
      all = false;
    }
    if (any && all) {
      throw c.failure(
          "A search can match all of its filters or any of them, not a mix: '"
              + c.text(start, c.mark())
              + "'",
          start,
          c.mark());
    }
    if (saidNew && filters.stream().noneMatch(f -> "createdAt".equals(f.get("field")))) {
      throw c.failure(
          "How new? Say e.g. 'created in the last 7 days': '" + c.text(start, c.mark()) + "'",
          start,
          c.mark());
    }
    if (pointsBack && filters.isEmpty()) {
      // "Please find those contacts": which ones was said where no step reads it
      throw c.failure(
          "Which contacts? Name what they have in common (e.g. 'whose lead score is at least 90'): '"
              + c.text(start, c.mark())
              + "'",
          start,
          c.mark());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("filters", List.copyOf(filters));
    if (any) {
      params.put("match", "any");
    }
    return new Step.Action(ActionType.SEARCH_CONTACTS, params);
  }

  /**
   * Filters read at one place.
   *
   * @param filters one filter, two for "between", none when no filter starts here
   * @param repeated the filter is only a value that repeats the previous field ("Nice" in "city
   *     Lyon, Nice or Lille")
   */
  private record Read(List<Map<String, Object>> filters, boolean repeated) {}

  /** The filters of a list, an item each (after its marker, a line or a ';' apart). */
  private static List<Map<String, Object>> listed(Cursor c) {
    List<Map<String, Object>> out = new ArrayList<>();
    while (true) {
      int mark = c.mark();
      while (c.at(Kind.END) || c.at(Kind.LIST_MARKER) || c.at(Kind.SEMICOLON) || c.at(Kind.COMMA)) {
        c.next();
      }
      Read read;
      try {
        read = filters(c, out, false, false);
      } catch (ParseFailure notAFilter) {
        read = new Read(List.of(), false);
      }
      boolean itemEnds = c.atEof() || c.at(Kind.END) || c.at(Kind.SEMICOLON) || c.at(Kind.COMMA);
      if (read.filters().isEmpty() || !itemEnds) {
        c.reset(mark);
        return out;
      }
      out.addAll(read.filters());
    }
  }

  /** One filter, or two for "between"; empty (cursor unmoved) when none starts here. */
  private static Read filters(
      Cursor c, List<Map<String, Object>> previous, boolean withWord, boolean listable) {
    int mark = c.mark();
    Fields.Ref field = Fields.readInFilter(c);
    if (field != null && c.accept(BETWEEN)) {
      Object low = Values.literal(c);
      boolean and = c.acceptWord("and");
      Object high = Values.literal(c);
      if (low != null && and && high != null) {
        ConditionGrammar.inclusive(c);
        return new Read(
            List.of(
                filter(field.forSearch(), Operator.GE, low),
                filter(field.forSearch(), Operator.LE, high)),
            false);
      }
    }
    c.reset(mark);
    Map<String, Object> repeated = shorthand(c, previous);
    if (repeated != null) {
      return new Read(List.of(repeated), true);
    }
    Map<String, Object> one = filter(c, previous, withWord);
    if (one == null && listable) {
      repeated = bareShorthand(c, previous);
      return repeated == null ? new Read(List.of(), false) : new Read(List.of(repeated), true);
    }
    return one == null ? new Read(List.of(), false) : new Read(List.of(one), false);
  }

  /** "… except the ones with status 'Customer'": only an equality can be turned around. */
  private static Read except(Cursor c, Read read, int from) {
    if (read.filters().size() != 1 || !"==".equals(read.filters().getFirst().get("operator"))) {
      throw c.failure(
          "Search filters can only leave out an exact value ('except the ones with status"
              + " 'Customer''): '"
              + c.text(from, c.mark())
              + "'",
          from,
          c.mark());
    }
    Map<String, Object> only = read.filters().getFirst();
    return new Read(
        List.of(filter((String) only.get("field"), Operator.NE, only.get("value"))), false);
  }

  /**
   * "city Lyon, Nice or Lille": unquoted words alone repeat the previous text comparison, when they
   * end where a value ends and are no step.
   */
  private static Map<String, Object> bareShorthand(Cursor c, List<Map<String, Object>> previous) {
    if (previous.isEmpty() || !c.at(Kind.WORD) || Steps.startsStep(c)) {
      return null;
    }
    Map<String, Object> last = previous.getLast();
    String op = (String) last.get("operator");
    boolean text = last.get("value") instanceof String v && !v.startsWith("today");
    if (!text || !(op.equals("==") || op.equals("contains")) || "tags".equals(last.get("field"))) {
      return null;
    }
    int mark = c.mark();
    FreeText.Span span = FreeText.read(c, VALUE_STOPS, x -> false);
    c.accept(Relation.IN_IT);
    if (span.isEmpty() || !FreeText.atBoundary(c) && !c.atAnyWord("and", "or", "then")) {
      c.reset(mark);
      return null;
    }
    return filter(
        (String) last.get("field"),
        Operator.fromSymbol(op).orElseThrow(),
        c.text(span.from(), span.to()));
  }

  private static Map<String, Object> filter(
      Cursor c, List<Map<String, Object>> previous, boolean withWord) {
    int mark = c.mark();
    Map<String, Object> date = DateFilters.read(c);
    if (date != null) {
      return date;
    }
    Map<String, Object> special = SearchPhrases.read(c);
    if (special != null) {
      return special;
    }
    int beforePreposition = c.mark();
    if (!c.accept(FIELD_PREPOSITION) || Fields.read(c) == null) {
      c.reset(beforePreposition);
    } else {
      c.reset(beforePreposition);
      c.accept(FIELD_PREPOSITION);
    }
    Fields.Ref field = Fields.readInFilter(c);
    if (field == null) {
      c.reset(mark);
      return null;
    }
    boolean of = c.acceptWord("of");
    Relation relation = of ? Relation.afterBe(c) : Relation.read(c);
    if (relation == null && (of || startsValue(c) || startsWords(c))) {
      relation = Relation.EQ;
    } else if (relation == null && withWord) {
      relation = Relation.EXISTS;
    }
    if (relation == null) {
      c.reset(mark);
      return null;
    }
    Object value = true;
    if (relation.needsValue()) {
      c.accept(Relation.ANY_OF);
      if (c.atWord("either") && c.peek(1).is(Kind.QUOTED)) {
        c.next(); // "title contains either 'A' or 'B'": a search has no grouping to make
      }
      boolean word = c.at(Kind.WORD);
      boolean numeric = Fields.isNumeric(field.qualified());
      boolean amount = (numeric || relation.orders()) && Values.atAmount(c);
      value = amount ? Values.spelled(c) : value(c);
      if (value == null) {
        throw c.failureForClause("Compare " + field.forSearch() + " with what? ", mark);
      }
      if (word && value instanceof String && numeric) {
        throw c.failure(
            "Compare " + field.forSearch() + " with a number: '" + c.text(mark, c.mark()) + "'",
            mark,
            c.mark());
      }
      relation = relation.widenedBy(c);
      if (c.accept(Relation.IN_IT) && relation == Relation.EQ) {
        relation = Relation.CONTAINS; // "with the title 'Inkoper' in it"
      }
    }
    Operator op = relation.filterOperator();
    if (op == null) {
      throw c.failure(
          "Search filters can't say 'not' ('"
              + c.text(mark, c.mark())
              + "'); search first, then use an if step",
          mark,
          c.mark());
    }
    return filter(field.forSearch(), op, value);
  }

  /** "title contains 'VP' or 'Director'": the value alone repeats the previous field. */
  private static Map<String, Object> shorthand(Cursor c, List<Map<String, Object>> previous) {
    if (previous.isEmpty() || !(c.at(Kind.QUOTED) || c.at(Kind.NUMBER))) {
      return null;
    }
    int mark = c.mark();
    Map<String, Object> last = previous.getLast();
    Object value = Values.literal(c);
    if (value == null || !FreeText.atBoundary(c) && !c.atAnyWord("and", "or", "then")) {
      c.reset(mark);
      return null;
    }
    return filter(
        (String) last.get("field"),
        Operator.fromSymbol((String) last.get("operator")).orElseThrow(),
        value);
  }

  /**
   * Words a value said without "is" never opens: verbs of comparisons a filter cannot make ("whose
   * name starts with 'Mc'", "ends with") and prepositions ("which have 'Einkauf' in the title",
   * "ORDER BY leadScore").
   */
  private static final Set<String> UNSUPPORTED_RELATIONS =
      Set.of(
          "starts",
          "start",
          "begins",
          "begin",
          "ends",
          "end",
          "falls",
          "fall",
          "sounds",
          "ranks",
          "rank",
          "lies",
          "resembles",
          "looks",
          "in",
          "on",
          "at",
          "into",
          "by");

  private static boolean startsWords(Cursor c) {
    return c.at(Kind.WORD)
        && !VALUE_STOPS.contains(c.peek().lower())
        && !UNSUPPORTED_RELATIONS.contains(c.peek().lower())
        && !Steps.startsStep(c);
  }

  private static boolean startsValue(Cursor c) {
    return c.at(Kind.QUOTED) || c.at(Kind.NUMBER) || c.at(Kind.VARIABLE);
  }

  static Object value(Cursor c) {
    Object literal = Values.literal(c);
    if (literal != null) {
      return literal;
    }
    if (Values.atAmount(c) && !c.peek(1).is(Kind.WORD)) {
      return Values.plain(Values.amount(c));
    }
    FreeText.Span span = FreeText.read(c, VALUE_STOPS, SearchGrammar::atPlace);
    if (span.isEmpty()) {
      return null;
    }
    return FreeText.value(c, span);
  }

  /** "title containing CEO in Denver": a place after an unquoted value is a filter of its own. */
  private static boolean atPlace(Cursor c) {
    return c.atAnyWord("in", "from")
        && c.peek(1).is(Kind.WORD)
        && Character.isUpperCase(c.peek(1).text().charAt(0));
  }

  static Map<String, Object> filter(String field, Operator op, Object value) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("field", field);
    filter.put("operator", op.symbol());
    filter.put("value", op == Operator.CONTAINS ? Values.withoutWildcards(value) : value);
    return filter;
  }
}
