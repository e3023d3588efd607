package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.Condition;
import dev.switchboard.plan.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Conditions of {@code if} steps: comparisons on qualified fields ("deal.value > 50000", "the deal
 * value is at least $25K", "the contact's title does not contain 'Intern'"), events ("no reply",
 * "they opened the email"), AND/OR/NOT with parentheses, "either … or", "neither … nor".
 *
 * <p>A time said with the condition ("if no reply after 5 days") becomes a wait before the check;
 * {@link #waitBefore()} returns it.
 */
final class ConditionGrammar {

  private static final Phrase TIME_INTRO =
      Phrase.of(
          "[yet|still|by now] (after|within|in|for|over|by) [the next|the following|another]");
  private static final Phrase TIME_OUTRO =
      Phrase.of("(later|from now|have passed|has passed|go by|after that|after this|afterwards)");
  private static final Phrase IS_TRUE = Phrase.of("(is|==|=) (true|yes)");
  private static final Phrase IS_FALSE = Phrase.of("(is|==|=) (false|no)");
  private static final Phrase YET = Phrase.of("(yet|still|by then|by now|so far)");
  private static final Phrase NOT =
      Phrase.of(
          "(not|it is not the case that|it 's not the case that|it is not true that"
              + "|it 's not true that)");
  private static final Set<String> NEGATED_LEAD = Set.of("true", "that", "the", "case");
  private static final Phrase AND = Phrase.of("[,] (and|but|&&) [also|if]");
  private static final Phrase OR = Phrase.of("[,] or [if|else if]");
  private static final Phrase INDUSTRY =
      Phrase.of(
          "(the company|their company|they|the contact|the lead|the person|he|she)"
              + " (is|are|works|work|is based|are based|lives|live) [not] in [the]");
  private static final Phrase INDUSTRY_NOUN = Phrase.of("(industry|sector|space|vertical|market)");
  private static final Phrase INCLUSIVE =
      Phrase.of("[,] (both included|both inclusive|inclusive|included|including both ends)");
  private static final Phrase BETWEEN = Phrase.of("[is|are|was|lies|falls] between");

  /** Names of industries: "they're in fintech" says where the company works, not a city. */
  private static final Set<String> INDUSTRY_NAMES =
      Set.of(
          "fintech",
          "banking",
          "insurance",
          "retail",
          "e commerce",
          "e-commerce",
          "ecommerce",
          "healthcare",
          "saas",
          "logistics",
          "manufacturing",
          "pharma",
          "education",
          "edtech",
          "government",
          "automotive",
          "real estate",
          "media",
          "telecom",
          "energy",
          "hospitality",
          "biotech",
          "crypto",
          "legal",
          "construction",
          "agriculture",
          "software",
          "tech",
          "finance",
          "financial services",
          "consulting",
          "travel",
          "gaming",
          "cybersecurity",
          "security",
          "public sector",
          "nonprofit",
          "non profit",
          "aerospace",
          "defense",
          "defence",
          "mining",
          "utilities",
          "transportation",
          "food",
          "fashion",
          "marketing",
          "advertising",
          "hr",
          "recruiting",
          "bfsi",
          "it services",
          "semiconductors",
          "chemicals",
          "oil and gas");

  private static final Set<String> INDUSTRY_STOPS =
      Set.of("industry", "sector", "space", "vertical", "market", "and", "or", "then");
  private static final List<Phrase> HAS =
      Phrase.all(
          "[they|the contact|contact|the lead|he|she] (has|have|had) [a|an|their]",
          "there ('s|is|are) [a|an]");
  private static final List<Phrase> HAS_NO =
      Phrase.all(
          "[they|the contact|contact|the lead|he|she] (has|have|had) no",
          "[they|the contact|contact|the lead|he|she] (does|do|did) not have [a|an]",
          "[they|the contact|contact|the lead|he|she] (has|have) not [a|an|got a|got an]",
          "[they|the contact|contact|the lead|he|she] (is|are) missing [a|an]",
          "[they|the contact|contact|the lead|he|she] (lacks|lack) [a|an]",
          "there ('s|is|are) (no|not [a|an|any])",
          "no");

  /** "they have a LinkedIn URL on file": where the field is kept says nothing more. */
  private static final Phrase ON_FILE =
      Phrase.of("(on file|on record|in the crm|on their profile|on the contact|for them)");

  private static final List<Phrase> TAG_SUBJECTS =
      Phrase.all("(the contact|they|he|she|the lead|the prospect|the person|contact|it)");
  private static final Phrase TAGGED =
      Phrase.of(
          "(is|are|was|were|has been|have been|got|gets) [already] (tagged|labelled|labeled)"
              + " [as|with]");
  private static final Phrase NOT_TAGGED =
      Phrase.of(
          "(is|are|was|were|has|have) (not|never) [been] [yet] (tagged|labelled|labeled) [as|with]");

  /** Words that point at a value said elsewhere: no value of their own. */
  private static final Set<String> POINTERS = Set.of("that", "this", "it", "those", "these");

  private static final Set<String> VALUE_STOPS =
      Set.of(
          "and",
          "or",
          "then",
          "but",
          "nor",
          "if",
          "unless",
          "after",
          "within",
          "otherwise",
          "else",
          "when",
          "so");

  /**
   * A condition read from the text.
   *
   * @param condition the condition
   * @param waitBefore the wait before the check ("after 5 days") as ISO-8601, or {@code null}
   */
  record Result(Condition condition, String waitBefore) {}

  private final Cursor c;
  private String waitBefore;
  private Condition.Compare last;
  private Condition.Compare lastNegated;

  /** The field of the last comparison read, which "or contains 'B'" compares again. */
  private String lastField;

  private int depth;

  /** The words before a restatement in parentheses are at most this many. */
  private static final int MAX_RESTATED_WORDS = 16;

  /** Parentheses and "not"s deeper than this are refused rather than recursed into. */
  private static final int MAX_DEPTH = 32;

  private ConditionGrammar(Cursor c) {
    this.c = c;
  }

  /** Reads a condition; throws {@link ParseFailure} when the text is not one. */
  static Result read(Cursor c) {
    ConditionGrammar grammar = new ConditionGrammar(c);
    Condition condition = grammar.listed();
    if (condition == null) {
      condition = grammar.commaAnd();
    }
    return new Result(condition, grammar.waitBefore);
  }

  /**
   * "all of the following are true:", "any of these:", "either:", or a bare colon, before a list.
   */
  private static final Phrase LIST_INTRO =
      Phrase.of(
          "[either] [:] [(all|any|one|either|each) of (the following|these|the below|the conditions below"
              + "|the following conditions)] [conditions|criteria|rules|checks] [(is|are|must be)"
              + " (true|met|satisfied)|holds|hold|must hold|apply|applies|match|matches] [:]");

  /**
   * "If all of the following are true:⏎- A⏎- B", "When:⏎- A⏎- AND B": one condition per list item,
   * all of them (or any, when the list says so or its items are joined by "or"); {@code null} when
   * no list follows.
   */
  private Condition listed() {
    int mark = c.mark();
    boolean any = c.atAnyWord("any", "one", "either");
    if (!c.accept(LIST_INTRO) || !(c.at(Kind.END) || c.at(Kind.LIST_MARKER))) {
      c.reset(mark);
      return null;
    }
    List<Condition> parts = new ArrayList<>();
    while (true) {
      int item = c.mark();
      while (c.accept(Kind.END)) {
        // the line break before the item
      }
      if (!c.accept(Kind.LIST_MARKER)) {
        c.reset(item);
        break;
      }
      if (c.atAnyWord("or")) {
        any = true;
      }
      if (!parts.isEmpty() && !c.accept(AND)) {
        c.accept(OR);
      }
      Condition part = attempt(this::or);
      if (part == null) {
        c.reset(item);
        break;
      }
      parts.add(part);
    }
    if (parts.size() < 2) {
      c.reset(mark);
      return null;
    }
    return any ? new Condition.Any(parts) : new Condition.All(parts);
  }

  /**
   * "the title contains 'CEO' or 'Prezes', and the industry is not 'Public Sector'": a comma before
   * "and" after an "or" joins the whole "or" with what follows.
   */
  private Condition commaAnd() {
    return allOf(this::or, this::acceptCommaAnd);
  }

  private boolean acceptCommaAnd() {
    if (!(c.at(Kind.COMMA) && c.peek(1).isWord("and"))) {
      return false;
    }
    c.next();
    c.next();
    return true;
  }

  /** Operands joined by a separator, all of them (one level; see {@link #addAll}). */
  private Condition allOf(
      java.util.function.Supplier<Condition> operand, java.util.function.BooleanSupplier joins) {
    List<Condition> parts = new ArrayList<>();
    addAll(parts, operand.get());
    while (true) {
      int mark = c.mark();
      Condition next = joins.getAsBoolean() ? attempt(operand) : null;
      if (next == null) {
        c.reset(mark);
        break;
      }
      addAll(parts, next);
    }
    return parts.size() == 1 ? parts.getFirst() : new Condition.All(parts);
  }

  /** Reads with {@link #afterOr} set to {@code value}, then puts it back. */
  private Condition withAfterOr(boolean value, java.util.function.Supplier<Condition> rule) {
    boolean outer = afterOr;
    afterOr = value;
    try {
      return rule.get();
    } finally {
      afterOr = outer;
    }
  }

  /** Whether an operand of "or" is being read: its "and" stops at ", and" ({@link #commaAnd}). */
  private boolean afterOr;

  private Condition or() {
    List<Condition> parts = new ArrayList<>();
    parts.add(and());
    while (true) {
      int mark = c.mark();
      if (!c.accept(OR)) {
        break;
      }
      Condition next = withAfterOr(true, () -> attempt(this::and));
      if (next == null) {
        c.reset(mark);
        break;
      }
      parts.add(next);
    }
    return parts.size() == 1 ? parts.getFirst() : new Condition.Any(parts);
  }

  private Condition and() {
    return allOf(
        this::unary,
        () -> !(afterOr && c.at(Kind.COMMA) && c.peek(1).isWord("and")) && c.accept(AND));
  }

  /**
   * "A and (B and C)", "A and between X and Y": all of them, one level; a part said twice ("they
   * opened it but haven't replied (contact.opened_email == true and …)") counts once.
   */
  private static void addAll(List<Condition> parts, Condition part) {
    for (Condition each : part instanceof Condition.All all ? all.parts() : List.of(part)) {
      if (!parts.contains(each)) {
        parts.add(each);
      }
    }
  }

  /** Runs a rule; on failure puts the cursor back and answers {@code null}. */
  private Condition attempt(java.util.function.Supplier<Condition> rule) {
    int mark = c.mark();
    Condition.Compare lastBefore = last;
    String waitBeforeBefore = waitBefore;
    try {
      return rule.get();
    } catch (ParseFailure notACondition) {
      c.reset(mark);
      last = lastBefore;
      waitBefore = waitBeforeBefore;
      return null;
    }
  }

  private Condition unary() {
    if (++depth > MAX_DEPTH) {
      throw c.failureForClause("This condition nests too deeply: ", c.mark());
    }
    try {
      return unnested();
    } finally {
      depth--;
    }
  }

  private Condition unnested() {
    if (c.acceptWord("neither")) {
      Condition first = unary();
      if (!c.acceptWord("nor")) {
        throw c.failureForClause("'neither' needs a 'nor': ", c.mark());
      }
      return new Condition.Not(new Condition.Any(List.of(first, unary())));
    }
    if (c.acceptWord("either")) {
      return or(); // "A and either B or C": the "or" binds inside the "either"
    }
    c.acceptWord("both");
    if (!atNegatedBound() && c.accept(NOT)) {
      return negate(unary());
    }
    Condition restated = restated();
    if (restated != null) {
      return restated;
    }
    if (c.accept(Kind.LPAREN)) {
      Condition inner = withAfterOr(false, this::commaAnd); // a condition of its own
      if (!c.accept(Kind.RPAREN)) {
        throw c.failureForClause("This parenthesis is never closed: ", c.mark());
      }
      return inner;
    }
    return atom();
  }

  /** "… and not more than 500,000": a bound of the field just compared, not a negation. */
  private boolean atNegatedBound() {
    int mark = c.mark();
    boolean bound = c.peek().isWord("not") && lastField != null && Relation.afterBe(c) != null;
    c.reset(mark);
    return bound;
  }

  /**
   * "the contact has no phone number (contact.phone does not exist)": words, then the same
   * condition in fields and operators in parentheses; the parenthesised one is what counts.
   */
  private Condition restated() {
    int mark = c.mark();
    for (int i = mark; i < mark + MAX_RESTATED_WORDS; i++) {
      Token t = c.token(i);
      if (t.is(Kind.LPAREN) && i > mark + 1 && c.token(i + 1).is(Kind.PATH)) {
        c.reset(i + 1);
        Condition inner = attempt(this::or);
        if (inner != null && c.accept(Kind.RPAREN)) {
          return negatedBefore(i) ? negate(inner) : inner;
        }
        break;
      }
      if (!(t.is(Kind.WORD) || t.is(Kind.QUOTED)) || i > mark && VALUE_STOPS.contains(t.lower())) {
        break;
      }
    }
    c.reset(mark);
    return null;
  }

  /**
   * "the candidate is NOT (…)", "it is not true that (…)": the words end in a negation of what the
   * parentheses hold, which is then its operand rather than a restatement.
   */
  private boolean negatedBefore(int paren) {
    int i = paren - 1;
    while (i > 0 && c.token(i).is(Kind.WORD) && NEGATED_LEAD.contains(c.token(i).lower())) {
      i--;
    }
    return c.token(i).isWord("not");
  }

  private static Condition negate(Condition condition) {
    return condition instanceof Condition.Not not ? not.part() : new Condition.Not(condition);
  }

  private Condition atom() {
    time();
    int start = c.mark();
    Condition event = ReplyPhrases.read(c);
    if (event != null) {
      c.accept(YET);
      if (!time()) {
        bareTime(); // "no reply 4d → tmpl 'bump 1'"
      }
      if (c.accept(IS_FALSE)) {
        return negate(event); // "if contact replied is false"
      }
      c.accept(IS_TRUE);
      return event;
    }
    Condition shorthand = shorthand();
    if (shorthand != null) {
      return shorthand;
    }
    Condition has = has();
    if (has != null) {
      return has;
    }
    Condition tagged = tagged();
    if (tagged != null) {
      return tagged;
    }
    Condition elided = elidedField(start);
    if (elided != null) {
      return elided;
    }
    Fields.Ref field = Fields.read(c);
    if (field == null && c.subject() != null && c.acceptWord("it")) {
      field = c.subject(); // "check the lead score: if it is over 80"
      c.acceptWord("'s");
    }
    if (field == null) {
      throw c.failureForClause("I can't read this condition: ", start);
    }
    Condition between = between(field.qualified());
    if (between != null) {
      time();
      return between;
    }
    lastField = field.qualified();
    Relation relation = Relation.read(c);
    if (relation == null) {
      throw c.failureForClause("I can't tell how to compare " + field.qualified() + " in ", start);
    }
    return compared(field.qualified(), relation, start);
  }

  /**
   * "contains 'Bank' or contains 'Insurance'", "at least 10k but below 25k", "does not contain
   * 'Manager' and does not contain 'Intern'": after "and" / "or" a comparison without a field
   * compares the field before it.
   */
  private Condition elidedField(int start) {
    if (lastField == null || c.at(Kind.PATH)) {
      return null;
    }
    int mark = c.mark();
    Relation relation = Relation.read(c);
    if (relation == null) {
      c.reset(mark);
      return null;
    }
    return compared(lastField, relation, start);
  }

  private Condition compared(String field, Relation relation, int start) {
    Condition result;
    if (!relation.needsValue()) {
      result = relation.toCondition(field, true);
    } else {
      result = values(field, relation, start);
    }
    time();
    return result;
  }

  /** "between 50 and 80" includes both ends. */
  private Condition between(String field) {
    int mark = c.mark();
    if (!c.accept(BETWEEN)) {
      return null;
    }
    Object low = Values.literal(c);
    boolean and = c.acceptWord("and");
    Object high = Values.literal(c);
    if (low == null || !and || high == null) {
      c.reset(mark);
      return null;
    }
    inclusive();
    return new Condition.All(
        List.of(Relation.GE.toCondition(field, low), Relation.LE.toCondition(field, high)));
  }

  private void inclusive() {
    inclusive(c);
  }

  /** "(both included)", "inclusive": the ends of "between" are included anyway. */
  static void inclusive(Cursor c) {
    int mark = c.mark();
    boolean paren = c.accept(Kind.LPAREN);
    if (!c.accept(INCLUSIVE) || (paren && !c.accept(Kind.RPAREN))) {
      c.reset(mark);
    }
  }

  /** A value, or several ("contains 'CEO', 'Founder' or 'Owner'"). */
  private Condition values(String field, Relation relation, int start) {
    boolean anyOf = c.accept(Relation.ANY_OF);
    if (c.atWord("either") && c.peek(1).is(Kind.QUOTED)) {
      c.next(); // "contains either 'CFO' or 'Finance'"
      anyOf = true;
    }
    boolean word = !c.at(Kind.QUOTED) && !c.at(Kind.VARIABLE);
    boolean numeric = Fields.isNumeric(field) || relation.orders(); // "over five hundred dollars"
    Object value = numeric && Values.atAmount(c) ? Values.spelled(c) : value();
    if (value == null) {
      throw c.failureForClause("Compare " + field + " with what? ", start);
    }
    if (word
        && value instanceof String text
        && (Fields.isNumeric(field) || relation.orders() && text.contains(" "))) {
      throw c.failure(
          "Compare " + field + " with a number: '" + c.text(start, c.mark()) + "'",
          start,
          c.mark());
    }
    relation = relation.widenedBy(c);
    c.accept(Relation.IN_IT);
    Condition first = relation.toCondition(field, value);
    remember(first);
    List<Condition> more = new ArrayList<>(List.of(first));
    while ((c.at(Kind.COMMA) || (anyOf && c.atWord("or"))) && c.peek(1).is(Kind.QUOTED)) {
      c.next();
      more.add(relation.toCondition(field, c.next().text()));
    }
    if (more.size() == 1) {
      return first;
    }
    if (c.at(Kind.COMMA) && (c.peek(1).isWord("or") || c.peek(1).isWord("and"))) {
      c.next();
    }
    boolean and = c.atWord("and");
    if ((c.atWord("or") || and) && c.peek(1).is(Kind.QUOTED)) {
      c.next();
      more.add(relation.toCondition(field, c.next().text()));
    }
    return and ? new Condition.All(more) : new Condition.Any(more);
  }

  private void remember(Condition condition) {
    if (condition instanceof Condition.Compare compare) {
      last = compare;
    } else if (condition instanceof Condition.Not not
        && not.part() instanceof Condition.Compare compare) {
      last = null;
      lastNegated = compare;
    }
  }

  /** "… contains 'VP' or 'Director'": a bare value repeats the previous comparison. */
  private Condition shorthand() {
    Condition.Compare previous = last != null ? last : lastNegated;
    if (previous != null && c.at(Kind.WORD)) {
      return bareShorthand(previous);
    }
    if (previous == null || !(c.at(Kind.QUOTED) || c.at(Kind.NUMBER))) {
      return null;
    }
    int mark = c.mark();
    Object value = Values.literal(c);
    if (Relation.read(c) != null) {
      c.reset(mark);
      return null;
    }
    Condition.Compare compare = new Condition.Compare(previous.field(), previous.operator(), value);
    return last != null ? compare : new Condition.Not(compare);
  }

  /** Words in an unquoted list ("title has CEO or Founder or Owner") that end the value. */
  private static final Set<String> LIST_STOPS = Set.of("and", "or", "then");

  /** The most words a bare value in a list of them holds. */
  private static final int MAX_BARE_VALUE = 3;

  /**
   * "title has CEO or Founder or Owner": after a text comparison with an unquoted value, unquoted
   * words alone repeat it, when they are no field, no step and end where a value ends.
   */
  private Condition bareShorthand(Condition.Compare previous) {
    boolean text =
        previous.value() instanceof String
            && (previous.operator() == Operator.CONTAINS || previous.operator() == Operator.EQ);
    int mark = c.mark();
    if (!text || Steps.startsStep(c) || Fields.read(c) != null) {
      c.reset(mark);
      return null;
    }
    FreeText.Span span = FreeText.read(c, LIST_STOPS, x -> FreeText.verbAfter(c));
    c.accept(Relation.IN_IT);
    boolean ends =
        FreeText.atBoundary(c)
            || c.atAnyWord("and", "or", "then")
            || c.at(Kind.DASH)
            || FreeText.verbAfter(c); // "is Ecommerce or Retail send the …"
    if (span.isEmpty() || span.to() - span.from() > MAX_BARE_VALUE || !ends) {
      c.reset(mark);
      return null;
    }
    Condition.Compare compare =
        new Condition.Compare(
            previous.field(), previous.operator(), c.text(span.from(), span.to()));
    return last != null ? compare : new Condition.Not(compare);
  }

  /** "the contact is tagged 'X'", "he is not tagged 'X'", "they have the tag 'X'". */
  private Condition tagged() {
    int mark = c.mark();
    c.acceptFirst(TAG_SUBJECTS);
    boolean negated;
    if (c.accept(TAGGED)) {
      negated = false;
    } else if (c.accept(NOT_TAGGED)) {
      negated = true;
    } else {
      c.reset(mark);
      return null;
    }
    if (!c.at(Kind.QUOTED)) {
      c.reset(mark);
      return null;
    }
    Condition compare = Relation.CONTAINS.toCondition("contact.tags", c.next().text());
    return negated ? new Condition.Not(compare) : compare;
  }

  /** "they have a LinkedIn URL" (exists), "they have no phone number" (not exists). */
  private Condition has() {
    int mark = c.mark();
    boolean negated = c.acceptFirst(HAS_NO) >= 0;
    if (!negated && c.acceptFirst(HAS) < 0) {
      return industry();
    }
    Fields.Ref field = Fields.read(c);
    c.accept(ON_FILE);
    boolean ends =
        FreeText.atBoundary(c) || c.atAnyWord("and", "or", "then") || Steps.startsStep(c);
    if (field == null || !ends) {
      c.reset(mark);
      return industry();
    }
    Condition exists = Relation.EXISTS.toCondition(field.qualified(), true);
    return negated ? new Condition.Not(exists) : exists;
  }

  /**
   * "the company is in the SaaS industry", "they work in fintech" (industry); "the contact is not
   * in Berlin" (a person is in a city). "The company is in Berlin" says neither for sure: no
   * condition.
   */
  private Condition industry() {
    int mark = c.mark();
    if (!c.accept(INDUSTRY)) {
      return null;
    }
    boolean company = c.token(mark + 1).isWord("company");
    boolean works = false;
    boolean negated = false;
    for (int i = mark; i < c.mark(); i++) {
      works |= c.token(i).isWord("works") || c.token(i).isWord("work");
      negated |= c.token(i).isWord("not");
    }
    Object value = Values.literal(c);
    boolean written = value == null;
    if (written) {
      FreeText.Span span = FreeText.read(c, INDUSTRY_STOPS, x -> false);
      value = span.isEmpty() ? null : c.text(span.from(), span.to());
    }
    boolean noun = c.accept(INDUSTRY_NOUN);
    if (value == null || !(noun || works) && company) {
      c.reset(mark);
      return null;
    }
    boolean industryName =
        value instanceof String name
            && INDUSTRY_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT));
    String field = noun || works || industryName ? "company.industry" : "contact.city";
    if (written && field.equals("contact.city") && !capitalised((String) value)) {
      c.reset(mark); // "they're in e-commerce": a word in lower case is no city's name
      return null;
    }
    Condition compare = Relation.EQ.toCondition(field, value);
    return negated ? new Condition.Not(compare) : compare;
  }

  private static boolean capitalised(String name) {
    return Character.isUpperCase(name.charAt(0));
  }

  private Object value() {
    Object literal = Values.literal(c);
    if (literal != null) {
      return literal;
    }
    if (c.atAnyWord("yes", "no") && endsAfter(1)) {
      return c.next().isWord("yes");
    }
    if (Values.atAmount(c)) {
      int mark = c.mark();
      java.math.BigDecimal amount = Values.scaled(c, Values.amount(c)); // "fifty thousand dollars"
      if (endsAfter(0)) {
        return Values.plain(amount);
      }
      c.reset(mark);
    }
    FreeText.Span span = FreeText.read(c, VALUE_STOPS, x -> startsTime() || FreeText.verbAfter(c));
    Token only = c.token(span.from());
    if (span.to() - span.from() == 1
        && only.text().equals(only.lower()) // "the industry is IT" names one
        && POINTERS.contains(only.lower())) {
      // "If it's under that, …": a word that points at a value is none; said, not guessed
      throw new ParseFailure(
          "Which value is '" + only.text() + "'? Write the value itself.",
          only.start(),
          only.end());
    }
    return span.isEmpty() ? null : FreeText.value(c, span);
  }

  private boolean endsAfter(int ahead) {
    Token t = c.peek(ahead);
    return !t.is(Kind.WORD) || VALUE_STOPS.contains(t.lower());
  }

  private boolean startsTime() {
    int mark = c.mark();
    String before = waitBefore;
    boolean time = time();
    c.reset(mark);
    waitBefore = before;
    return time;
  }

  /** A terse "no reply 4d →": a duration right after the event, before an arrow or a comma. */
  private void bareTime() {
    int mark = c.mark();
    String duration = Durations.read(c);
    if (duration != null && (c.at(Kind.DASH) || c.at(Kind.COMMA) || c.at(Kind.COLON))) {
      waitBefore = duration;
      return;
    }
    c.reset(mark);
  }

  /** "after 5 days", "within a week", "3 days later": the check waits that long first. */
  private boolean time() {
    int mark = c.mark();
    boolean intro = c.accept(TIME_INTRO);
    String duration = Durations.read(c);
    if (duration != null && (intro || c.accept(TIME_OUTRO) || c.atWord("no"))) {
      c.accept(TIME_OUTRO);
      c.accept(YET);
      waitBefore = duration;
      return true;
    }
    c.reset(mark);
    return false;
  }
}
