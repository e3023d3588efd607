package dev.switchboard.instruction.internal;

import dev.switchboard.plan.Condition;
import dev.switchboard.plan.Operator;
import java.util.List;

/** How a field relates to a value, as said in words ("is at least", "does not contain"). */
enum Relation {
  /** Equal. */
  EQ,
  /** Not equal. */
  NE,
  /** Greater than. */
  GT,
  /** Less than. */
  LT,
  /** Greater than or equal. */
  GE,
  /** Less than or equal. */
  LE,
  /** Contains. */
  CONTAINS,
  /** Does not contain; a {@code not} around {@code contains}. */
  NOT_CONTAINS,
  /** Has a value. */
  EXISTS,
  /** Has no value; a {@code not} around {@code exists}. */
  NOT_EXISTS;

  private static final List<Phrase> GE_WORDS =
      Phrase.all(
          "(greater|more|higher|bigger|larger) than or equal to",
          "equal to or (greater|more|higher) than",
          "[worth] at least",
          "[worth] [at] (minimum|min|the minimum|a minimum of|minimum of)",
          "(more|greater|higher|bigger) (than|as) or (equal|equal to|same as)",
          "no (less|lower|fewer) than",
          "not (less|lower|fewer) than",
          "(greater|more|higher) or equal to");
  private static final List<Phrase> LE_WORDS =
      Phrase.all(
          "(less|lower|smaller|fewer) than or equal to",
          "equal to or (less|lower|smaller|fewer) than",
          "[worth] at most",
          "[worth] [at] (maximum|max|the maximum|a maximum of|maximum of)",
          "no (more|greater|higher|bigger|larger) than",
          "not (more|greater|higher|bigger|larger) than",
          "(less|lower|smaller) or equal to",
          "up to");
  private static final List<Phrase> GT_WORDS =
      Phrase.all(
          "[worth] (greater|more|higher|bigger|larger) than",
          "more (big|large|high|great) than",
          "[worth] (over|above|beyond)",
          "north of",
          "in excess of",
          "exceeding");
  private static final List<Phrase> LT_WORDS =
      Phrase.all(
          "[worth] (less|lower|smaller|fewer) than",
          "more (small|low) than",
          "less (big|large|high) than",
          "[worth] (under|below|beneath)",
          "south of");
  private static final List<Phrase> EQ_WORDS =
      Phrase.all(
          "equal to", "exactly", "the same as", "identical to", "worth", "equals", "matching");
  private static final List<Phrase> NE_WORDS =
      Phrase.all(
          "(anything|something|any value|a value) (other than|but|except|besides)",
          "(other than|different from|different than|not equal to)");
  private static final List<Phrase> NOT_EXISTS_WORDS =
      Phrase.all(
          "(empty|blank|missing|unset|null|unknown|none|undefined|absent)", "not (set|present)");
  private static final List<Phrase> EXISTS_WORDS =
      Phrase.all(
          "filled (in|out)",
          "(set|present|filled|known|available|provided|defined|populated|there|recorded|exist"
              + "|exists|existing)");
  private static final List<Phrase> CONTAINS_WORDS =
      Phrase.all("(containing|including|mentioning|like)");

  private static final Phrase BE = Phrase.of("(is|are|was|were|be|being)");
  private static final Phrase NEGATION = Phrase.of("(not|never)");
  private static final Phrase DOES_NOT = Phrase.of("(does|do|did) not");
  private static final List<Phrase> VERB_EQ = Phrase.all("(equals|equal|matches|match)");
  private static final List<Phrase> VERB_GT = Phrase.all("(exceeds|exceed|tops|top)");
  private static final List<Phrase> VERB_CONTAINS =
      Phrase.all(
          "(contains|contain|includes|include|mentions|mention) [the word|the words|the text]",
          "(has|have) [the word] {q} in it");
  private static final List<Phrase> VERB_EXISTS =
      Phrase.all(
          "[is|are] (exists|exist)", "(has|have) a value", "(is|are) not (empty|blank|null)");

  /** Reads a relation at the cursor; {@code null} (cursor unmoved) when there is none. */
  static Relation read(Cursor c) {
    int mark = c.mark();
    Relation symbol = symbol(c);
    if (symbol != null) {
      return symbol;
    }
    Relation verb = verb(c);
    if (verb != null) {
      return verb;
    }
    if (c.accept(NEGATION) && !c.at(BE)) {
      Relation negated = verb(c); // "if email of contact not exist"
      if (negated != null) {
        return negated.negate();
      }
    }
    c.reset(mark);
    if (c.accept(DOES_NOT)) {
      Relation negated = verb(c);
      if (negated != null) {
        return negated.negate();
      }
      c.reset(mark);
      return null;
    }
    if (c.accept(BE)) {
      boolean not = c.accept(NEGATION);
      Relation after = afterBe(c);
      if (after == null) {
        after = EQ;
      }
      return not ? after.negate() : after;
    }
    return afterBe(c);
  }

  /** A relation written without "is", as in "with a lead score over 80" or "of at least 80". */
  static Relation afterBe(Cursor c) {
    if (c.acceptFirst(GE_WORDS) >= 0) {
      return GE;
    }
    if (c.acceptFirst(LE_WORDS) >= 0) {
      return LE;
    }
    if (c.acceptFirst(GT_WORDS) >= 0) {
      return GT;
    }
    if (c.acceptFirst(LT_WORDS) >= 0) {
      return LT;
    }
    if (c.acceptFirst(EQ_WORDS) >= 0) {
      return EQ;
    }
    if (c.acceptFirst(NE_WORDS) >= 0) {
      return NE;
    }
    if (c.acceptFirst(CONTAINS_WORDS) >= 0) {
      return CONTAINS;
    }
    int mark = c.mark();
    if (c.acceptFirst(NOT_EXISTS_WORDS) >= 0 && ends(c)) {
      return NOT_EXISTS;
    }
    c.reset(mark);
    if (c.acceptFirst(EXISTS_WORDS) >= 0 && ends(c)) {
      return EXISTS;
    }
    c.reset(mark);
    return null;
  }

  private static Relation verb(Cursor c) {
    if (c.acceptFirst(VERB_EQ) >= 0) {
      return EQ;
    }
    if (c.acceptFirst(VERB_GT) >= 0) {
      return GT;
    }
    int mark = c.mark();
    int contains = c.acceptFirst(VERB_CONTAINS);
    if (contains == 1) {
      // "has 'VP' in it": step back onto the quoted value.
      c.reset(mark + (c.token(mark + 1).isWord("the") ? 3 : 1));
      return CONTAINS;
    }
    if (contains == 0) {
      return CONTAINS;
    }
    if (c.acceptFirst(VERB_EXISTS) >= 0) {
      return EXISTS;
    }
    if (c.accept(HAS) && atHadValue(c)) {
      return CONTAINS; // "title has CEO or Founder", "title has VP in it"
    }
    c.reset(mark);
    return null;
  }

  private static final Phrase HAS = Phrase.of("(has|have) [got] [the word|the words]");

  /** Words after "has" that make it no comparison: "has a phone", "has been", "has no …". */
  private static final java.util.Set<String> HAS_NO_VALUE =
      java.util.Set.of(
          "a",
          "an",
          "the",
          "no",
          "not",
          "any",
          "been",
          "some",
          "more",
          "less",
          "at",
          "over",
          "under",
          "value",
          "values",
          "replied",
          "opened",
          "clicked",
          "answered",
          "responded",
          "to",
          "its",
          "their",
          "his",
          "her",
          "it");

  /** Whether a value follows "has": quoted text, or a word that starts no phrase of its own. */
  private static boolean atHadValue(Cursor c) {
    return c.at(Token.Kind.QUOTED)
        || c.at(Token.Kind.WORD) && !HAS_NO_VALUE.contains(c.peek().lower());
  }

  /** "has 'VP' in it" leaves "in it" behind the value; callers skip it. */
  static final Phrase IN_IT = Phrase.of("in (it|them|there)");

  /** "is one of 'A', 'B'", "contains any of 'VP', 'Director'": a list of values follows. */
  static final Phrase ANY_OF =
      Phrase.of("(any of|one of|any one of|either of) [these|the following|the values] [:]");

  /** A valueless relation must end its clause ("is set," not "is set to ..."). */
  private static boolean ends(Cursor c) {
    Token t = c.peek();
    return !t.isWord("to") && !t.isWord("as") && !t.is(Token.Kind.QUOTED);
  }

  private static Relation symbol(Cursor c) {
    if (!c.at(Token.Kind.OPERATOR)) {
      return null;
    }
    String op = c.next().text();
    return switch (op) {
      case "==", "=" -> EQ;
      case "!=", "<>", "≠" -> NE;
      case ">" -> GT;
      case "<" -> LT;
      case ">=", "=>", "≥" -> GE;
      default -> LE;
    };
  }

  /** Whether this relation orders values: greater or less, with or without equal. */
  boolean orders() {
    return this == GT || this == LT || this == GE || this == LE;
  }

  boolean needsValue() {
    return this != EXISTS && this != NOT_EXISTS;
  }

  Relation negate() {
    return switch (this) {
      case EQ -> NE;
      case NE -> EQ;
      case GT -> LE;
      case LE -> GT;
      case LT -> GE;
      case GE -> LT;
      case CONTAINS -> NOT_CONTAINS;
      case NOT_CONTAINS -> CONTAINS;
      case EXISTS -> NOT_EXISTS;
      case NOT_EXISTS -> EXISTS;
    };
  }

  /** "80 or more" turns "is 80" into "is at least 80". */
  Relation widenedBy(Cursor c) {
    if (this != EQ) {
      return this;
    }
    if (c.accept(OR_MORE)) {
      return GE;
    }
    if (c.accept(OR_LESS)) {
      return LE;
    }
    return this;
  }

  private static final Phrase OR_MORE =
      Phrase.of("(or|and) (more|higher|above|greater|over|up|better)");
  private static final Phrase OR_LESS =
      Phrase.of("(or|and) (less|lower|below|fewer|under|smaller|down)");

  /** The plan condition for this relation. */
  Condition toCondition(String field, Object value) {
    return switch (this) {
      case EQ -> compare(field, Operator.EQ, value);
      case NE -> compare(field, Operator.NE, value);
      case GT -> compare(field, Operator.GT, value);
      case LT -> compare(field, Operator.LT, value);
      case GE -> compare(field, Operator.GE, value);
      case LE -> compare(field, Operator.LE, value);
      case CONTAINS -> compare(field, Operator.CONTAINS, Values.withoutWildcards(value));
      case NOT_CONTAINS ->
          new Condition.Not(compare(field, Operator.CONTAINS, Values.withoutWildcards(value)));
      case EXISTS -> compare(field, Operator.EXISTS, true);
      case NOT_EXISTS -> new Condition.Not(compare(field, Operator.EXISTS, true));
    };
  }

  /** The operator a search filter uses; negations have none (filters cannot say "not"). */
  Operator filterOperator() {
    return switch (this) {
      case EQ -> Operator.EQ;
      case NE -> Operator.NE;
      case GT -> Operator.GT;
      case LT -> Operator.LT;
      case GE -> Operator.GE;
      case LE -> Operator.LE;
      case CONTAINS -> Operator.CONTAINS;
      case EXISTS -> Operator.EXISTS;
      case NOT_CONTAINS, NOT_EXISTS -> null;
    };
  }

  private static Condition compare(String field, Operator op, Object value) {
    return new Condition.Compare(field, op, value);
  }
}
