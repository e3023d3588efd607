package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Condition;
import dev.switchboard.plan.Operator;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shape of a whole instruction: steps in sequence ("then", "after that", numbered lists,
 * sentences) and branches ("if … , …; otherwise …", "unless …", "… if …", "check whether …: if yes
 * …; if no …").
 *
 * <p>A branch's "then" part runs to the end of its sentence (or list item) or to its "otherwise";
 * "If X, then: (1) …; (2) …. Otherwise …" gives the whole list to the branch. Text that no rule
 * reads is reported with its span; the rest of the text is still read so every problem is found at
 * once.
 */
final class PlanGrammar {

  /** Where a sequence of steps lives, which decides where it stops. */
  private enum Scope {
    /** The whole text: only the end of the text stops it. */
    TOP,
    /** One item of a list inside a branch. */
    ITEM,
    /** The steps of a branch when its condition holds. */
    THEN,
    /** The steps of a branch when its condition does not hold. */
    ELSE
  }

  private static final List<Phrase> CONDITIONALS =
      Phrase.all(
          "[but|and] only (if|when)",
          "(if|when|whenever|in case|provided that|providing that|as long as|assuming)",
          "(check|see|verify|determine|find out|confirm|validate) (whether|if) [or not]");

  /** The index in {@link #CONDITIONALS} of "check whether", which a later "if so" answers. */
  private static final int CHECK_WHETHER = 2;

  private static final Phrase UNLESS =
      Phrase.of("[but] (unless|except when|except if|apart from when|excepting when)");
  private static final Phrase THEN_MARK =
      Phrase.of(
          "[,] [then] [do the following|do this|do these things|do both|do all of this|[do] (two"
              + "|three|four|five|2|3|4|5) things] [:] [if (yes|so|true|it is|it does|they do|they are"
              + "|they have)] [,|:]");

  /** "Check if X exists. If it does, …": the answer to a question asked with "check whether". */
  private static final Phrase IF_SO =
      Phrase.of(
          "(if (yes|so|true|it is so|that is so|this is so|it is|it does|they do|they are|they have"
              + "|that is the case) [,|:]|(yes|yep) (:|,|→|->))");

  /** "…; if they haven't, …": the answer no to a question asked with "check whether". */
  private static final Phrase IF_NOT =
      Phrase.of(
          "if [they|it|he|she|the contact|the lead] (have|has|do|does|did|are|is|were|was) not"
              + " [replied|answered|responded] [yet] [,|:]");

  private static final String WHO = "(they|the contact|he|she|it|that|this|the lead|there)";
  private static final List<Phrase> ELSE_MARKS =
      Phrase.all(
          "[or] (otherwise|else|elsewise|alternatively) [,|:]",
          "(in all other cases|in any other case|in other case|in other cases|in the other case"
              + "|in another case|for everyone else|for the rest|for all others"
              + "|if that 's not the case|if that is not the case|if not so|if (it|that|this) is not so) [,|:]",
          "if not (both|all of them|all of these|all of those|all) [,|:]",
          "(if|when) (not|no|false) [exist|exists] [then] [,|:]",
          "(no|nope) (:|→|->)",
          "(other case|in other way|other way|else case) [,|:]",
          "(anything|everything|everyone|anyone|any deal|all the rest) (smaller|else|less|lower"
              + "|below that|under that|smaller than that|lower than that) [should] [get|receive"
              + "|gets|receives] [,|:]",
          "if (either|any|one|some) of (those|these|them|the two|the above|both|the conditions)"
              + " (is|are|was|were) (not true|false|not the case|not met|missing|untrue) [,|:]",
          "if (neither|none) of (those|these|them|the two|the above) (is|are|holds|hold|applies"
              + "|apply) [true] [,|:]",
          "if "
              + WHO
              + " (is|are|was|were) not (one of|any of|among) (those|these|them|the above)"
              + " [,|:]",
          "if "
              + WHO
              + " (does|do|is|are|has|have) [contain|match|include|have] (either|any|one)"
              + " of (them|those|these|the two) [,|:]",
          "(if|when) "
              + WHO
              + " (do|does|did|has|have|is|are|was|were|can) not [exist|hold|apply|match]"
              + " [,|:]");

  /** "if the deal stage is anything else": the other values of the field just compared. */
  private static final Phrase ANYTHING_ELSE =
      Phrase.of(
          "(is|are|has|equals) (anything else|something else|any other value|another value"
              + "|different|anything different) [,|:]");

  /** "if the current vendor is anything else": at most this many words name the field. */
  private static final int MAX_ELSE_SUBJECT = 5;

  /** "If …, X. In that case, also Y.": the next sentence goes on with the branch. */
  private static final Phrase IN_THAT_CASE =
      Phrase.of("(in that case|in this case|in which case|if so) [,] [also|too|additionally] [,]");

  /** "…; in any case, send …": the steps after it follow the branch, whatever it decided. */
  private static final Phrase AFTER_BRANCH = Phrase.of(Steps.AFTER_BRANCH);

  /** "add the tag 'X' afterwards", "… at the end": when, said after a step that runs then. */
  private static final Phrase TRAILING_WHEN =
      Phrase.of(
          "(afterwards|afterward|at the end|in the end|as well|too|as a last step|as the last step"
              + "|as a final step|as the very last step|as the final step|at the very end|last|first"
              + "|right away|asap|as soon as possible|immediately|straight away|at once|right now|now"
              + "|for each [of them|one|contact]|for"
              + " every one|for all of them|for everyone|each)");

  /** "Else (score below 75), …": a remark in parentheses after "otherwise" restates the case. */
  private static final int MAX_REMARK = 16;

  /** A title is at most this many words. */
  private static final int MAX_TITLE = 7;

  /** Words no title has: articles and pronouns make a sentence, not a name. */
  private static final java.util.Set<String> TITLE_STOPS =
      java.util.Set.of(
          "a", "an", "the", "them", "him", "her", "me", "us", "my", "your", "it", "this", "that",
          "to", "please");

  /** How a sentence that only describes the situation starts. */
  private static final Phrase CONTEXT =
      Phrase.of(
          "(fyi|btw|for context|background|we|our|this contact|this lead|this person|this prospect"
              + "|this customer|they|some|most"
              + "|everyone who|people|the team|the rep|the ae|founders|trials|junior|small deals"
              + "|once a week|every morning|every week|the contact just|the customer|the company"
              + "|i am|i have been|i have got|i have had|i was)");

  /** Words that make a sentence a request after all ("we need to …"). */
  private static final java.util.Set<String> REQUESTS =
      java.util.Set.of(
          "need", "needs", "should", "must", "have", "has", "can", "could", "would", "will", "let",
          "please");

  /** Words that open a description before its subject: "For big accounts the AE wants …". */
  private static final String[] DESCRIPTION_OPENERS = {
    "for",
    "before",
    "after",
    "once",
    "when",
    "whenever",
    "until",
    "because",
    "since",
    "as",
    "while",
    "during",
    "usually",
    "normally",
    "typically",
    "often",
    "sometimes",
    "here",
    "these",
    "those"
  };

  /** "No emails should go out": the verbs that make a "no …" sentence a prohibition. */
  private static final java.util.Set<String> PROHIBITING =
      java.util.Set.of("should", "must", "will", "may", "is", "are", "gets", "get", "goes", "go");

  /** How a clause with its own subject starts: a pronoun or a determiner. */
  private static final java.util.Set<String> CLAUSE_SUBJECTS =
      java.util.Set.of(
          "we",
          "they",
          "the",
          "our",
          "their",
          "it",
          "this",
          "that",
          "these",
          "those",
          "he",
          "she",
          "i",
          "everyone",
          "everybody",
          "nobody",
          "someone",
          "anyone",
          "no",
          "a",
          "an",
          "there",
          "most",
          "some",
          "many",
          "all",
          "each",
          "every",
          "his",
          "her",
          "its",
          "people");

  /** Who a description is about: "we", "the AE", "someone" … */
  private static final java.util.Set<String> SUBJECTS =
      java.util.Set.of(
          "we",
          "our",
          "us",
          "they",
          "their",
          "someone",
          "somebody",
          "anyone",
          "anybody",
          "everyone",
          "everybody",
          "nobody",
          "people",
          "ae",
          "ae's",
          "team",
          "rep",
          "reps",
          "customers",
          "prospects",
          "are",
          "is",
          "wants",
          "needs",
          "likes",
          "gets");

  /**
   * "new ppl from today: email …": a day in what stands before the colon says whom the steps are
   * for, so it is no heading, unless it says so with "for" ("two things for contacts created
   * today:").
   */
  private boolean dated(int start, int i) {
    if (!c.token(i).isWord("today") && !c.token(i).isWord("yesterday")) {
      return false;
    }
    for (int j = start; j < i; j++) {
      if (c.token(j).isWord("for")) {
        return false;
      }
    }
    return true;
  }

  /** A heading before a colon ("Prepare the account: set …") is at most this many tokens. */
  private static final int MAX_HEADING = 12;

  /** "check the lead score: if it is over 80 …": the field that "it" means afterwards. */
  private static final Phrase CHECK_FIELD =
      Phrase.of("(check|look at|examine|evaluate|review|consider|verify|confirm) [the|their|its]");

  private static final Phrase NOTHING =
      Phrase.of(
          "[no worries] [,] [please|kindly] [just|simply] [please] (do nothing|nothing (is|needs) to"
              + " be done|nothing to do|nothing|skip it|skip"
              + "|leave it alone|leave it as is|leave it|leave them alone|do not do anything|no"
              + " action (is|needed|required)|no action|carry on|continue|do not bother) [at all|else"
              + "|more|further] [needed|required]");

  /**
   * Small talk that starts a sentence ("hope your week is going well", "sorry to bother you", "you
   * 're a star"): skipped up to its boundary when only words follow and no step starts.
   */
  private static final Phrase SMALL_TALK =
      Phrase.of(
          "([i|we] hope|sorry|thanks|thank you|many thanks|much appreciated|[i|we] [really|truly"
              + "|so|very much] appreciate|you 're|you are|merci|gracias|danke|no worries|no rush"
              + "|have a (great|nice|good|lovely)|just so (we|i|you|nobody)|let me know|that would"
              + " be|this would be)");

  /** Small talk longer than this many tokens is not small talk. */
  private static final int MAX_SMALL_TALK = 16;

  /** Greetings and small talk that start a message or a sentence; they mean nothing. */
  private static final Phrase GREETING =
      Phrase.of(
          "(hi|hello|hey|hiya|howdy|heya|greetings|good morning|good afternoon|good evening|morning"
              + "|afternoon|evening|dear|mate|gday|abeg|oga|buddy|pal|folks|team|fyi|btw"
              + " team|yo|ok|okay|so|alright|right|hola|bonjour|salut|hallo|ciao|olá|ola|oi|namaste"
              + "|konnichiwa|annyeong|good day|buongiorno|buonasera|salve|bom dia|boa tarde|boa noite"
              + "|buenos dias|buenas tardes|merhaba|selam|habari|jambo|hoi|goedemorgen|goedemiddag"
              + "|goedendag|hej|moin|servus|guten tag|guten morgen|czesc|cześć|dzień dobry|xin chào"
              + "|chào|marhaba|ahlan|salaam|salam|privet|ni hao|kumusta|mabuhay|sawasdee)"
              + " [there|team|all|everyone|folks|guys|again]"
              + " [!|,|:]");

  /**
   * Thanks, small talk and announcements of what follows ("Please do the following for this
   * contact:"); they mean nothing when they stand alone before a boundary.
   */
  private static final List<Phrase> PLEASANTRIES =
      Phrase.all(
          "[and] [thanks|thank you|cheers] [so much|very much|a lot|a ton|a bunch|heaps|loads|in"
              + " advance|again] (thanks|thank you|thx|cheers|ta|much appreciated|appreciated"
              + "|appreciate it|i appreciate it|many thanks|thanks a lot|thanks again|best regards"
              + "|kind regards|best|regards) [so much|very much|a lot|a ton|a bunch|heaps|loads|in"
              + " advance|again|for your help|for this|for that]",
          "(here is|here 's|here are|below is|this is) [the|my|our|a] [full|complete|whole|entire"
              + "|basic] (plan|playbook|sequence|workflow|process|flow|steps|rules|logic"
              + "|instructions|checklist|cadence) [for|to run for|to use for] [this|the|each|every]"
              + " [contact|deal|lead|account|company|prospect|one|person|contacts|leads]",
          "[i] hope (you are|you 're|all is|all 's|everything is|things are|this finds you) [well"
              + "|good|doing well|great|fine]",
          "(that 's all|that is all|that 's it|that is it|that would be all)",
          "(quick one|quick question|quick request|one more thing|small request|a quick favour"
              + "|a quick favor|here is the plan|here 's the plan|here is what i need|here 's what i"
              + " need|here is what to do|here 's what to do)",
          "[hi|hey|hello] [,] (could|can|would) you (set this up|do this|do the following|handle"
              + " this|take care of this) [for me|for us] [please]",
          "[please|kindly] [could you] (do|run|perform) (the following|this|these steps|the"
              + " following steps) [for|to|with|on] {obj} [please]",
          "(here is|here 's|this is) what (i want|i need|we want|we need|to do|should happen)",
          "[please|kindly] [do|run] (these|the following|these steps|the steps) [in order|in this"
              + " order|one by one|in sequence]",
          "(steps|actions|then for each|do this|to do|todo|the plan|plan|instructions|workflow|here goes|checklist"
              + "|to do list|todo list|task list|in order|in this order|sequence)");

  /** "Before that, …": what follows runs before what was said just before. */
  private static final Phrase BEFORE_THAT =
      Phrase.of(
          "(but first|before that|before this|before doing that|before doing this|prior to that|prior to"
              + " this|before then|before the (tagging|tag|handoff|hand off|email|emailing|wait"
              + "|waiting|task|search|invite|enrichment|update|that step|last step)) [,]");

  /** "Before all that, …": what follows runs before every step said so far. */
  private static final Phrase BEFORE_ALL =
      Phrase.of(
          "(before|prior to) (all|any|each|every one) [of] (that|this|those|these|the above|them)"
              + " [,]");

  private static final Phrase SEPARATOR_WORDS =
      Phrase.of("(and|then|also|plus|next|finally|lastly|afterwards|after that|but|before)");

  /** "… and don't email them": an action not to take is no step. */
  private static final Phrase DO_NOT = Phrase.of("(do not|never|please do not|and do not)");

  /** Words that give a remark in parentheses a meaning the plan would need. */
  private static final java.util.Set<String> MEANINGFUL =
      java.util.Set.of(
          "if", "unless", "when", "except", "only", "not", "no", "never", "without", "and", "or",
          "then", "but", "wait", "after", "before", "instead", "also", "each", "every");

  private final Cursor c;
  private final List<ParseFailure> failures = new ArrayList<>();
  private int depth;

  /** The indentation of the list whose items are being read, or -1. */
  private int itemColumn = -1;

  /** The condition of the branch being read, so "if it does" / "if they didn't" can be its else. */
  private Condition branchCondition;

  /** "if … if … if …" deeper than this is refused rather than recursed into. */
  private static final int MAX_BRANCH_DEPTH = 16;

  PlanGrammar(Cursor c) {
    this.c = c;
  }

  /** Whether a branch starts at the cursor ("if", "unless", "check whether" …). */
  static boolean atConditional(Cursor c) {
    int mark = c.mark();
    try {
      if (c.acceptFirst(CONDITIONALS) >= 0 || c.accept(UNLESS)) {
        return !atElse(c, mark);
      }
      return atQuestion(c) || atArrowCondition(c);
    } finally {
      c.reset(mark);
    }
  }

  /**
   * "deal.value over $50k → hand off …", "lead score >= 80 -> handoff …": in terse text an arrow
   * makes a condition an "if".
   */
  private static boolean atArrowCondition(Cursor c) {
    int mark = c.mark();
    try {
      boolean terse = c.at(Kind.PATH) || c.at(Kind.NUMBER) || c.atWord("no");
      if (!(terse || c.at(Kind.WORD) && lineStart(c)) || !arrowAhead(c)) {
        return false; // words only where a line or sentence starts: "find a and b -> …" filters
      }
      ConditionGrammar.read(c);
      return arrow(c.peek());
    } catch (ParseFailure notACondition) {
      return false;
    } finally {
      c.reset(mark);
    }
  }

  /** Whether the cursor is where a sentence, a line or a list item starts. */
  private static boolean lineStart(Cursor c) {
    if (c.mark() == 0) {
      return true;
    }
    Token before = c.token(c.mark() - 1);
    return before.is(Kind.END) || before.is(Kind.LIST_MARKER) || before.is(Kind.SEMICOLON);
  }

  /** "→", "->", "⇒", "—": in terse text a dash other than a hyphen is an arrow. */
  private static boolean arrow(Token t) {
    return t.is(Kind.DASH) && !t.text().equals("-");
  }

  /** Whether an arrow comes later in this sentence. */
  private static boolean arrowAhead(Cursor c) {
    for (int i = c.mark(); ; i++) {
      Token t = c.token(i);
      if (t.is(Kind.END) || t.is(Kind.EOF) || t.is(Kind.LIST_MARKER)) {
        return false;
      }
      if (arrow(t)) {
        return true;
      }
    }
  }

  /**
   * "No reply after 4 days? Send …" / "No reply after 4 days, send …": an event said as a question
   * or a heading is a condition without "if".
   */
  private static boolean atQuestion(Cursor c) {
    int mark = c.mark();
    if (ReplyPhrases.read(c) == null) {
      return false;
    }
    c.reset(mark);
    try {
      ConditionGrammar.read(c);
    } catch (ParseFailure notACondition) {
      return false;
    }
    boolean question = c.at(Kind.END) && c.peek().text().startsWith("?");
    boolean heading = (c.at(Kind.COMMA) || c.at(Kind.DASH)) && c.token(mark).isWord("no");
    return question || heading;
  }

  private static boolean atElse(Cursor c, int mark) {
    int after = c.mark();
    c.reset(mark);
    boolean isElse = acceptElseMark(c) && endsElseMark(c);
    c.reset(after);
    return isElse;
  }

  /** "otherwise", "if not", "if the stage is anything else" …; false (unmoved) if none is here. */
  private static boolean acceptElseMark(Cursor c) {
    int mark = c.mark();
    if (c.acceptFirst(ELSE_MARKS) >= 0) {
      return true;
    }
    if (c.acceptWord("if")) {
      // "if the deal stage is anything else", "if the current vendor is something else"
      for (int i = 0; i <= MAX_ELSE_SUBJECT && !c.atEof(); i++) {
        if (c.accept(ANYTHING_ELSE)) {
          return true;
        }
        if (!c.at(Kind.WORD) && !c.at(Kind.PATH)) {
          break;
        }
        c.next();
      }
    }
    c.reset(mark);
    return false;
  }

  /** "if not" is an else only when the branch follows: "if not, add tag …". */
  private static boolean endsElseMark(Cursor c) {
    int mark = c.mark();
    if (atBrace(c)) {
      return true; // "} else { … }"
    }
    if (c.at(Kind.LPAREN)
        && c.token(mark + 1).is(Kind.PATH)
        && c.token(mark - 1).isWord("not")
        && c.token(mark - 2).isWord("if")) {
      return false; // "If not (contact.replied == true):" negates the condition in brackets
    }
    if (c.accept(Kind.DASH)) {
      boolean follows = c.at(Kind.COLON) || Steps.startsStep(c); // "Else → tag: X"
      c.reset(mark);
      return follows;
    }
    if (skipRemark(c)) {
      boolean follows =
          c.at(Kind.COMMA) || c.at(Kind.COLON) || c.at(Kind.DASH) || Steps.startsStep(c);
      c.reset(mark);
      return follows;
    }
    Token previous = c.token(c.mark() - 1);
    return previous.is(Kind.COMMA)
        || previous.is(Kind.COLON)
        || c.at(NOTHING)
        || Steps.startsStep(c);
  }

  /** Skips a short remark in parentheses ("(the contact did not reply)"); false if none. */
  private static boolean skipRemark(Cursor c) {
    int mark = c.mark();
    if (!c.accept(Kind.LPAREN)) {
      return false;
    }
    for (int i = 0; i < MAX_REMARK && !c.atEof(); i++) {
      if (c.accept(Kind.RPAREN)) {
        return true;
      }
      if (!(c.at(Kind.WORD) || c.at(Kind.NUMBER) || c.at(Kind.OPERATOR) || c.at(Kind.PATH))) {
        break;
      }
      c.next();
    }
    c.reset(mark);
    return false;
  }

  /**
   * Reads the whole text and returns its steps. A sentence that cannot be read is noted in {@link
   * #failures()} and skipped, so one pass finds every problem; the steps are only of use when there
   * are none.
   */
  List<Step> plan() {
    List<Step> steps = new ArrayList<>();
    skipTitle();
    while (!c.atEof()) {
      int before = c.mark();
      if (skipContext()) {
        continue;
      }
      try {
        sequence(Scope.TOP, steps);
        if (!c.atEof()) {
          throw leftover();
        }
      } catch (ParseFailure failure) {
        failures.add(failure);
        skipPastSentence(before);
      }
    }
    return steps;
  }

  /**
   * "Webinar follow-up playbook." on a paragraph of its own before the instructions, or "GreenLoop
   * ESG campaign." naming itself: a title. Only a short noun phrase (no article, no pronoun)
   * counts, so "Book a flight." is still read. A title on a paragraph of its own may hold a remark
   * in parentheses, a colon or an arrow ("Event follow-up: SaaStr booth scans", "Trial → paid
   * nudge", "Pricing page follow-up (sales-assisted)") when no action the plan lacks opens a part
   * of it ("Note: call them" is an order).
   */
  private void skipTitle() {
    int i = 0;
    int words = 0;
    int depth = 0;
    boolean hyphenated = false;
    boolean marked = false;
    while (words < MAX_TITLE && i < 3 * MAX_TITLE) {
      Token t = c.token(i);
      boolean word = t.is(Kind.WORD) && !TITLE_STOPS.contains(t.lower());
      boolean joint =
          i > 0 && (t.is(Kind.COMMA) && c.token(i + 1).is(Kind.WORD) || hyphen(c.token(i - 1), t));
      boolean mark =
          i > 0
              && (t.is(Kind.COLON)
                  || t.is(Kind.DASH)
                  || t.is(Kind.LPAREN)
                  || t.is(Kind.RPAREN) && depth > 0);
      if (!word && !joint && !mark) {
        break;
      }
      Token before = i > 0 ? c.token(i - 1) : t;
      boolean opensPart =
          before.is(Kind.COLON) || before.is(Kind.DASH) && !hyphen(c.token(i - 2), before);
      if (word && opensPart && Background.orders(t)) {
        return; // "Note: call them", "Intro – book a demo"
      }
      depth += t.is(Kind.LPAREN) ? 1 : t.is(Kind.RPAREN) ? -1 : 0;
      marked |= mark && !hyphen(c.token(i - 1), t);
      hyphenated |= t.is(Kind.DASH) || t.text().contains("-");
      words += word ? 1 : 0;
      i++;
    }
    Token end = c.token(i);
    boolean paragraph =
        depth == 0
            && end.is(Kind.END)
            && (c.source().startsWith("\n\n", end.start())
                || c.source().startsWith(".\n\n", end.start()));
    boolean named =
        !marked
            && end.is(Kind.END)
            && i > 1
            && TITLE_NOUNS.contains(c.token(i - 1).lower())
            && !Background.orders(c.token(0)); // "Launch nurture." asks for something
    boolean stepNamed = paragraph && i > 1 && c.token(i - 1).isWord("step"); // "Research step"
    if (i > 0 && (paragraph || named) && (hyphenated || marked || stepNamed || !readsAsStep(i))) {
      c.reset(i + 1);
    }
  }

  /** "GreenLoop ESG campaign.", "Ridgeline Roofing new-lead flow.": what a title sentence names. */
  private static final java.util.Set<String> TITLE_NOUNS =
      java.util.Set.of(
          "campaign",
          "flow",
          "push",
          "sequence",
          "cadence",
          "playbook",
          "reminder",
          "outreach",
          "workflow",
          "setup",
          "drip",
          "nurture",
          "blast",
          "program",
          "programme",
          "play",
          "motion",
          "automation",
          "process",
          "routine",
          "rules",
          "plan");

  /** "Research-first", "Post-purchase": a hyphen glued to the word before it. */
  private static boolean hyphen(Token before, Token dash) {
    return dash.is(Kind.DASH) && dash.text().equals("-") && before.end() == dash.start();
  }

  /** Whether the words up to token {@code end} read as one or more steps, and nothing else. */
  private boolean readsAsStep(int end) {
    if (!Steps.startsStep(c)) {
      return false;
    }
    int mark = c.mark();
    try {
      sequence(Scope.ITEM, new ArrayList<>());
      return c.mark() == end;
    } catch (ParseFailure notAStep) {
      return false;
    } finally {
      c.reset(mark);
    }
  }

  /**
   * "We only want senior reps spending time on large opportunities." / "This contact registered for
   * our webinar." / "For big accounts the AE wants a research pack." / "When someone fills in the
   * form we move fast.": a sentence that describes the situation, with no step in it, says nothing
   * to do. It starts like a description (a known opening, or a preposition or conjunction before a
   * subject) and holds only words: no quote, no variable, no step after a comma or "and", no "we
   * email …", no request ("we need to …", "please").
   */
  private boolean skipContext() {
    int mark = c.mark();
    boolean subordinate = false;
    if (c.accept(CONTEXT)) {
      if (Steps.startsStep(c)) {
        c.reset(mark);
        return false;
      }
    } else if (prohibition()) {
      c.reset(mark);
    } else if (opensDescription(c)) {
      c.next();
    } else if (c.acceptWord(DESCRIPTION_OPENERS) && !Steps.startsStep(c) && hasSubject()) {
      subordinate = true;
    } else {
      c.reset(mark);
      return false;
    }
    while (!c.atEof() && !c.at(Kind.END)) {
      if (!c.at(Kind.WORD) && !c.at(Kind.COMMA) && !c.at(Kind.NUMBER)
          // "Before anyone talks to them, run …": a clause without a subject after the comma is
          // the order the opening clause leads to, read or refused, never dropped with it
          || subordinate && c.at(Kind.COMMA) && !clauseSubjectAt(c.mark() + 1)
          || requestAt(c.mark())
          || (c.at(Kind.COMMA) || c.atAnyWord("and", "so", "then", "but")) && stepAt(c.mark() + 1)
          || c.atAnyWord("we", "i", "you") && stepAt(c.mark() + 1)
          || c.atAnyWord("and", "so", "but") && !clauseSubjectAt(c.mark() + 1)) {
        c.reset(mark);
        return false;
      }
      c.next();
    }
    c.skip(mark, c.mark());
    c.next();
    return true;
  }

  /**
   * "The Globex pilot ended last week." / "Several prospects replied." / "Companies that are hiring
   * are about to buy.": a sentence that opens with a determiner or a plural noun has a subject, so
   * it is not an order (orders open with their verb), and so does one that opens like {@link
   * #CONTEXT}. Sentences about the agent itself ("The agent books …") are not descriptions of the
   * situation.
   */
  static boolean opensDescription(Cursor c) {
    if (c.at(CONTEXT)) {
      return true; // "Our customers …", "We …", "They …"
    }
    Token first = c.peek();
    Token second = c.peek(1);
    if (!first.is(Kind.WORD)
        || !second.is(Kind.WORD)
        || AGENT_NOUNS.contains(second.lower())
        || Steps.startsStep(c)
        || atConditional(c)) {
      return false;
    }
    String word = first.lower();
    boolean pluralNoun =
        Character.isUpperCase(first.text().charAt(0))
            && word.length() > 3
            && word.endsWith("s")
            && !word.endsWith("ss")
            && !word.endsWith("us")
            && Character.isLowerCase(second.text().charAt(0));
    // After an adverb any -s form is a verb: "Apollo sometimes overwrites …".
    boolean adverb = ADVERBS.contains(second.lower());
    Token verb = adverb ? c.peek(2) : second;
    boolean thirdPerson = adverb && verb.is(Kind.WORD) && verb.lower().endsWith("s");
    return DETERMINERS.contains(word)
        || pluralNoun
        || thirdPerson
        || verb.is(Kind.WORD) && finiteVerb(verb);
  }

  /** "Apollo sometimes overwrites …": an adverb between a subject and its verb. */
  private static final java.util.Set<String> ADVERBS =
      java.util.Set.of(
          "sometimes",
          "often",
          "always",
          "usually",
          "never",
          "already",
          "still",
          "recently",
          "finally",
          "rarely",
          "normally",
          "typically");

  /**
   * "Legal approved …", "Product thinks …": a past tense or a verb of saying after the first word
   * makes that word a subject (an order's second word is its object: "Book a meeting").
   */
  private static boolean finiteVerb(Token t) {
    String word = t.lower();
    return Character.isLowerCase(t.text().charAt(0))
        && (word.length() > 4 && word.endsWith("ed") || SAYING.contains(word));
  }

  /** Verbs of saying and thinking, as a description's subject uses them. */
  private static final java.util.Set<String> SAYING =
      java.util.Set.of(
          "thinks",
          "says",
          "wants",
          "needs",
          "believes",
          "feels",
          "expects",
          "prefers",
          "told",
          "asked",
          "said",
          "thought",
          "runs",
          "works",
          "matters",
          "is",
          "are",
          "was",
          "were",
          "has",
          "had");

  /** Words that open a noun phrase: a sentence that starts with one has a subject. */
  private static final java.util.Set<String> DETERMINERS =
      java.util.Set.of(
          "the", "a", "an", "several", "many", "all", "these", "those", "their", "my", "its", "his",
          "her", "one", "two", "three", "few", "both", "each", "most", "some", "this", "there",
          "nothing");

  /** The doer of the plan: a sentence about it is an instruction, not a description. */
  private static final java.util.Set<String> AGENT_NOUNS =
      java.util.Set.of("agent", "system", "bot", "workflow", "automation", "assistant", "tool");

  /**
   * "No emails should go out as part of this cleanup.": what must not happen is no step (a "no
   * reply …" event is a condition, not this).
   */
  private boolean prohibition() {
    int mark = c.mark();
    try {
      if (!c.atAnyWord("no", "nothing", "none") || ReplyPhrases.read(c) != null) {
        return false;
      }
      for (int i = mark + 1; c.token(i).is(Kind.WORD); i++) {
        if (PROHIBITING.contains(c.token(i).lower())) {
          return true;
        }
      }
      return false;
    } finally {
      c.reset(mark);
    }
  }

  /**
   * "…, so we lead with LinkedIn", "… and the message differs": a clause joined to a description
   * starts with its subject; "…, so book a call" is a request, not a description.
   */
  private boolean clauseSubjectAt(int index) {
    Token t = c.token(index);
    return t.is(Kind.WORD)
        && (CLAUSE_SUBJECTS.contains(t.lower())
            || c.token(index + 1).is(Kind.WORD) && finiteVerb(c.token(index + 1)));
  }

  /** Whether a subject of a description follows in this sentence ("… the AE wants …", "… we …"). */
  private boolean hasSubject() {
    for (int i = c.mark(); !c.token(i).is(Kind.END) && !c.token(i).is(Kind.EOF); i++) {
      if (c.token(i).is(Kind.WORD) && SUBJECTS.contains(c.token(i).lower())) {
        return true;
      }
    }
    return false;
  }

  /**
   * "we need to …", "you should …", "please …", "let 's …": the sentence asks for something. A
   * modal after any other subject describes ("Small deals can get a discount").
   */
  private boolean requestAt(int index) {
    Token t = c.token(index);
    if (!t.is(Kind.WORD)) {
      return false;
    }
    if (t.isWord("please") || t.isWord("let") || t.isWord("you")) {
      return true;
    }
    Token before = c.token(Math.max(0, index - 1));
    boolean asked =
        index == 0
            || before.is(Kind.END)
            || before.isWord("we")
            || before.isWord("i")
            || before.isWord("they");
    boolean obligation = !(t.isWord("have") || t.isWord("has")) || c.token(index + 1).isWord("to");
    return asked && obligation && REQUESTS.contains(t.lower());
  }

  List<ParseFailure> failures() {
    return failures;
  }

  /** The sentences skipped as descriptions, as written ("Our customers love a personal touch."). */
  List<String> skipped() {
    return c.skipped();
  }

  private void skipPastSentence(int before) {
    if (c.mark() == before) {
      c.next();
    }
    while (!c.atEof() && !c.at(Kind.END) && !c.at(Kind.SEMICOLON) && !c.at(Kind.LIST_MARKER)) {
      c.next();
    }
    c.next();
  }

  /** Steps until the scope ends, appended to {@code steps}. */
  private void sequence(Scope scope, List<Step> steps) {
    int sentenceStart = steps.size();
    int blockStart = steps.size();
    Order order = new Order(steps.size());
    if (separators(scope) == Separation.SENTENCE) {
      while (skipContext()) {
        separators(scope); // "Hello, I'm putting together our spring campaign. …"
      }
    }
    while (!stops(scope)) {
      int before = c.mark();
      int stepStart = steps.size();
      boolean toSearch = stepStart > sentenceStart && c.atWord("to") && searchObjectAt(before + 1);
      step(scope, steps);
      if (toSearch
          && steps.size() == stepStart + 1
          && steps.getLast() instanceof Step.Action search
          && search.type() == ActionType.SEARCH_CONTACTS) {
        // "send the 'X' template to all contacts whose title …": the search comes first
        steps.add(sentenceStart, steps.removeLast());
      }
      trailingWhen();
      trailingRemark();
      trailingPurpose();
      if (postfixCondition(scope, steps, scope == Scope.TOP ? sentenceStart : blockStart)) {
        sentenceStart = steps.size();
      }
      order.placed(steps, stepStart);
      if ((scope == Scope.THEN || scope == Scope.ELSE)
          && steps.size() > stepStart
          && steps.getLast() instanceof Step.If
          && afterBranchAhead()) {
        // "if B, add X, and in any case hand off …" inside a branch: the inner branch ends there,
        // this one goes on
        skipBranchJoiners();
        c.accept(AFTER_BRANCH);
        c.accept(Kind.COMMA);
        continue;
      }
      if (stops(scope)) {
        break;
      }
      Separation separation = separators(scope);
      boolean beforeAll = c.accept(BEFORE_ALL);
      order.separated(
          separation == Separation.SENTENCE, beforeAll || c.accept(BEFORE_THAT), beforeAll);
      while (separation == Separation.SENTENCE && !amendsAhead(steps) && skipContext()) {
        separators(scope); // "… a task. No emails should go out as part of this. Then …"
      }
      if (separation == Separation.SENTENCE) {
        sentenceStart = steps.size();
      }
      if (separation == Separation.NONE && !Steps.startsStep(c)) {
        throw leftover();
      }
      if (c.mark() == before) {
        throw leftover();
      }
    }
  }

  private boolean searchObjectAt(int index) {
    int mark = c.mark();
    c.reset(index);
    boolean object = SearchObjects.atObject(c);
    c.reset(mark);
    return object;
  }

  /**
   * "Send the 'Recap' template. Before that, wait 2 days.", "tag them, and before the tagging,
   * enrich them": steps said after "before that" run before the step (after a full stop: the
   * sentence) said just before them; steps said after "before all that" run before every step of
   * the block.
   */
  private static final class Order {
    private int lastStep;
    private int sentence;
    private int lastSentence;
    private int insertAt = -1;

    /**
     * Where the next steps of the sentence go after steps were moved: they follow the moved ones.
     */
    private int continueAt = -1;

    /** Where the block's steps begin: "before all that" moves steps here. */
    private final int first;

    Order(int start) {
      first = start;
      lastStep = start;
      sentence = start;
      lastSentence = start;
    }

    /** The steps from {@code from} on were just read: moves them if "before that" came first. */
    void placed(List<Step> steps, int from) {
      int at = from;
      int target = insertAt >= 0 ? insertAt : continueAt;
      if (target >= 0 && from < steps.size()) {
        List<Step> moved = new ArrayList<>(steps.subList(from, steps.size()));
        steps.subList(from, steps.size()).clear();
        at = Math.min(target, from);
        steps.addAll(at, moved);
        continueAt = at + moved.size();
      }
      insertAt = -1;
      lastStep = at;
      sentence = Math.min(sentence, at);
    }

    /**
     * A separator was read; {@code before} when "before that" followed it, {@code all} when "before
     * all that" did.
     */
    void separated(boolean newSentence, boolean before, boolean all) {
      if (newSentence) {
        continueAt = -1;
      }
      if (newSentence && sentence != Integer.MAX_VALUE) {
        lastSentence = sentence; // a sentence without steps leaves the last one as it was
        sentence = Integer.MAX_VALUE;
      }
      if (before) {
        insertAt = all ? first : newSentence ? lastSentence : lastStep;
      }
    }
  }

  /** Skips "(they asked us to stop)" after a step: a reason, not an instruction. */
  private void trailingRemark() {
    int mark = c.mark();
    if (!skipRemark(c)) {
      return;
    }
    for (int i = mark + 1; i < c.mark() - 1; i++) {
      if (!c.token(i).is(Kind.WORD) || MEANINGFUL.contains(c.token(i).lower())) {
        c.reset(mark);
        return;
      }
    }
  }

  /**
   * "… so we can report on it later." / "…, so the growth team sees it" / "… b/c they came back":
   * why a step is taken, said after it up to the end of the sentence, is no step. Needs a subject
   * and only words, and no step after a comma or "and" in it.
   */
  private void trailingPurpose() {
    int mark = c.mark();
    c.accept(Kind.COMMA);
    if (c.acceptWord("so")) {
      c.acceptWord("that");
    } else if (!c.acceptWord(REASONS)) {
      c.reset(mark);
      return;
    }
    if (!hasSubject() || !clauseSubjectAt(c.mark())) {
      c.reset(mark);
      return;
    }
    while (c.at(Kind.WORD) || c.at(Kind.COMMA)) {
      if ((c.at(Kind.COMMA) || c.atAnyWord("and", "then", "but")) && stepAt(c.mark() + 1)
          || c.atAnyWord("we", "i", "you") && stepAt(c.mark() + 1)) {
        c.reset(mark);
        return;
      }
      c.next();
    }
    if (!(c.atEof() || c.at(Kind.END) || c.at(Kind.SEMICOLON) || c.at(Kind.LIST_MARKER))) {
      c.reset(mark);
    }
  }

  /** "… because they came back": a reason given after a step. */
  private static final String[] REASONS = {"because", "since", "as", "cause", "cos"};

  /** Skips "afterwards", "at the end" … said after a step, before a boundary. */
  private void trailingWhen() {
    int mark = c.mark();
    if (!(c.accept(TRAILING_WHEN) && (FreeText.atBoundary(c) || c.atEof()))) {
      c.reset(mark);
    }
  }

  /** What lay between two steps. */
  private enum Separation {
    /** Nothing: the next step follows directly. */
    NONE,
    /** A comma, "and", "then" …: same sentence. */
    CLAUSE,
    /** A full stop, line break or list marker: a new sentence. */
    SENTENCE
  }

  /** Skips commas, "and then" …; at the top also full stops and list markers. */
  private Separation separators(Scope scope) {
    Separation seen = Separation.NONE;
    while (true) {
      if (c.at(Kind.COMMA) || c.at(Kind.SEMICOLON) || c.at(Kind.DASH) || c.at(Kind.COLON)) {
        c.next();
        seen = seen == Separation.NONE ? Separation.CLAUSE : seen;
      } else if (scope == Scope.TOP && (c.at(Kind.END) || c.at(Kind.LIST_MARKER))) {
        c.next();
        seen = Separation.SENTENCE;
      } else if (c.at(BEFORE_THAT) || c.at(BEFORE_ALL)) {
        return seen; // the caller reads it: the order changes
      } else if (c.accept(SEPARATOR_WORDS)) {
        seen = seen == Separation.NONE ? Separation.CLAUSE : seen;
      } else if (c.atWord("please") && FreeText.atBoundary(c, 1)) {
        c.next(); // "Wait 10 days please."
      } else if (scope == Scope.TOP && pleasantry()) {
        seen = Separation.SENTENCE;
      } else {
        return seen;
      }
    }
  }

  /** Skips a greeting, or small talk that ends at a boundary; false (unmoved) if none is here. */
  private boolean pleasantry() {
    int mark = c.mark();
    if (c.accept(GREETING) && c.mark() > mark) {
      skipAddressee();
      return true;
    }
    c.reset(mark);
    if (c.acceptFirst(PLEASANTRIES) >= 0 && c.mark() > mark && atCourtesyEnd()) {
      c.accept(Kind.COLON);
      skipSignature();
      return true;
    }
    c.reset(mark);
    if (c.accept(SMALL_TALK) && restIsTalk()) {
      skipSignature();
      return true;
    }
    c.reset(mark);
    return signOff();
  }

  /**
   * "Talk soon,⏎Marcus" / "Obrigada,⏎Beatriz" / "Un saludo,⏎Juan": a short line ending in a comma,
   * then a line of names that ends the text, closes a letter, in whatever words.
   */
  private boolean signOff() {
    int mark = c.mark();
    int before = mark - 1;
    while (before > 0 && c.token(before).is(Kind.END)) {
      before--;
    }
    int lineBreak = before < 0 ? -1 : c.source().indexOf('\n', c.token(before).end());
    if (before >= 0 && c.token(before).is(Kind.DASH) && c.at(Kind.WORD)) {
      // "— Marco", "Cheers — Tom" on a line of its own at the end (the table dropped "Cheers")
      int lineBefore = before > 0 ? c.token(before - 1).end() : 0;
      skipNames();
      c.accept(Kind.END);
      if (c.atEof()
          && c.mark() > mark
          && c.source().substring(lineBefore, c.token(before).start()).contains("\n")) {
        return true;
      }
      c.reset(mark);
    }
    if (before >= 0
        && c.token(before).is(Kind.COMMA)
        && c.at(Kind.WORD)
        && lineBreak >= 0
        && lineBreak < c.peek().start()) {
      // The separators took the comma of "Thanks,⏎Daniel" once the table had dropped "Thanks".
      skipNames();
      c.accept(Kind.END);
      if (c.atEof() && c.mark() > mark) {
        return true;
      }
      c.reset(mark);
    }
    int words = 0;
    while (words < MAX_CLOSING && c.at(Kind.WORD)) {
      c.next();
      words++;
    }
    if (words > 0 && c.at(Kind.COMMA) && c.source().indexOf('\n', c.peek().end()) >= 0) {
      int comma = c.mark();
      skipSignature();
      if (c.atEof() && c.mark() > comma) {
        return true;
      }
    }
    c.reset(mark);
    return false;
  }

  /** A closing line ("All the very best,") is at most this many words. */
  private static final int MAX_CLOSING = 4;

  /** A signature or an addressee is at most this many names. */
  private static final int MAX_NAMES = 3;

  /**
   * "Hi Diego," / "Dear Ms Okafor:" / "Hey ops team —": who a greeting is addressed to, a few words
   * before a boundary that start no step.
   */
  private void skipAddressee() {
    int mark = c.mark();
    Token previous = c.token(mark - 1);
    if (previous.is(Kind.COMMA) || previous.is(Kind.END) || previous.is(Kind.COLON)) {
      return;
    }
    int words = 0;
    while (words < MAX_NAMES && c.at(Kind.WORD) && !Steps.startsStep(c)) {
      c.next();
      words++;
    }
    if (words == 0
        || !(c.accept(Kind.COMMA)
            || c.accept(Kind.COLON)
            || c.accept(Kind.DASH)
            || c.at(Kind.END))) {
      c.reset(mark);
    }
  }

  /**
   * "Many thanks, Claire" / "Cheers — Mark O'Neill" / "Best,⏎Irene": a name or two after the
   * closing thanks, at the very end of the text, signs the message.
   */
  private void skipSignature() {
    int mark = c.mark();
    while (c.at(Kind.COMMA) || c.at(Kind.DASH) || c.at(Kind.END)) {
      c.next();
    }
    int words = skipNames();
    c.accept(Kind.END);
    if (words == 0 || !c.atEof()) {
      c.reset(mark);
    }
  }

  /** Skips up to {@link #MAX_NAMES} capitalised words; answers how many. */
  private int skipNames() {
    int words = 0;
    while (words < MAX_NAMES
        && c.at(Kind.WORD)
        && Character.isUpperCase(c.peek().text().charAt(0))
        && !Steps.startsStep(c)) {
      c.next();
      words++;
    }
    return words;
  }

  /** Skips words up to a boundary; false when something else comes first or a step starts. */
  private boolean restIsTalk() {
    for (int i = 0; i < MAX_SMALL_TALK; i++) {
      if (atCourtesyEnd()) {
        return true;
      }
      if (!c.at(Kind.WORD)
          || (c.atAnyWord("and", "then", "but", "to")
              && c.peek(1).is(Kind.WORD)
              && stepAt(c.mark() + 1))
          || PlanGrammar.atConditional(c)) {
        return false;
      }
      c.next();
    }
    return false;
  }

  private boolean atCourtesyEnd() {
    return c.atEof()
        || c.at(Kind.END)
        || c.at(Kind.COMMA)
        || c.at(Kind.COLON)
        || c.at(Kind.DASH)
        || c.at(Kind.LIST_MARKER);
  }

  private boolean stops(Scope scope) {
    if (c.atEof()) {
      return true;
    }
    return switch (scope) {
      case TOP -> false;
      case ITEM -> c.at(Kind.END) || c.at(Kind.LIST_MARKER) || c.at(Kind.RPAREN);
      case ELSE ->
          c.at(Kind.END) || c.at(Kind.LIST_MARKER) || c.at(Kind.RPAREN) || afterBranchAhead();
      case THEN ->
          c.at(Kind.END)
              || thenAfterFirst()
              || c.at(Kind.LIST_MARKER)
              || c.at(Kind.RPAREN)
              || elseAhead()
              || afterBranchAhead();
    };
  }

  /**
   * "If …, enrich them first; then send …": after a step said with "first", "; then" goes on after
   * the branch.
   */
  private boolean thenAfterFirst() {
    return c.at(Kind.SEMICOLON)
        && c.peek(1).isWord("then")
        && c.token(c.mark() - 1).isWord("first");
  }

  private boolean elseAhead() {
    int mark = c.mark();
    try {
      while (c.at(Kind.COMMA) || c.at(Kind.SEMICOLON) || c.atAnyWord("and", "but")) {
        c.next();
      }
      return atElseMark() || acceptContrary(branchCondition);
    } finally {
      c.reset(mark);
    }
  }

  /**
   * "If the contact replied, …. If they didn't reply, …", "if the email doesn't contain X, …; if it
   * does, …": a condition that says the opposite of the branch's is its else. False (unmoved) if
   * none is here.
   */
  private boolean acceptContrary(Condition condition) {
    if (condition == null || !c.atWord("if") || c.token(c.mark() - 1).is(Kind.LIST_MARKER)) {
      return false; // "Step 1: if …  Step 2: if …": steps numbered apart are two steps
    }
    int mark = c.mark();
    if (condition instanceof Condition.Not && c.accept(IF_SO)) {
      return true;
    }
    c.reset(mark);
    c.next();
    try {
      Condition other = ConditionGrammar.read(c).condition();
      if (opposite(condition, other) && (c.accept(Kind.COMMA) || Steps.startsStep(c))) {
        return true;
      }
    } catch (ParseFailure notACondition) {
      // not a condition, so no else
    }
    c.reset(mark);
    return false;
  }

  private static boolean opposite(Condition a, Condition b) {
    if (a.equals(new Condition.Not(b)) || b.equals(new Condition.Not(a))) {
      return true;
    }
    if (!(a instanceof Condition.Compare x
        && b instanceof Condition.Compare y
        && x.field().equals(y.field()))) {
      return false;
    }
    if (x.value() instanceof Boolean p && y.value() instanceof Boolean q) {
      return x.operator() == y.operator() && !p.equals(q);
    }
    // "If the lead score is over 80 … If the lead score is 80 or lower …"
    return complement(x.operator()) == y.operator() && sameValue(x.value(), y.value());
  }

  private static Operator complement(Operator op) {
    return switch (op) {
      case GT -> Operator.LE;
      case LE -> Operator.GT;
      case LT -> Operator.GE;
      case GE -> Operator.LT;
      case EQ -> Operator.NE;
      case NE -> Operator.EQ;
      default -> null;
    };
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number m && b instanceof Number n) {
      return new java.math.BigDecimal(m.toString())
              .compareTo(new java.math.BigDecimal(n.toString()))
          == 0;
    }
    return a.equals(b);
  }

  /** "…; then, regardless, set …": what follows is no longer part of the branch. */
  private boolean afterBranchAhead() {
    int mark = c.mark();
    try {
      skipBranchJoiners();
      return c.at(AFTER_BRANCH);
    } finally {
      c.reset(mark);
    }
  }

  private void skipBranchJoiners() {
    while (c.at(Kind.COMMA) || c.at(Kind.SEMICOLON) || c.atAnyWord("and", "then", "but")) {
      c.next();
    }
  }

  private boolean atElseMark() {
    return elseStarts(c);
  }

  /** Whether an "otherwise" part starts at the cursor; never moves it. */
  static boolean elseStarts(Cursor c) {
    int mark = c.mark();
    boolean found = acceptElseMark(c) && endsElseMark(c);
    c.reset(mark);
    return found;
  }

  /** One step at the cursor (a branch may add a wait before itself). */
  private void step(Scope scope, List<Step> steps) {
    int before = c.mark();
    Steps.skipLeads(c);
    if (c.mark() > before && c.at(Kind.DASH)) {
      c.next(); // "For each → create task …"
    }
    int start = c.mark();
    if (start > before && (c.at(Kind.COLON) || c.at(Kind.END) || c.at(Kind.LIST_MARKER))) {
      return; // "For each of them:" heads a list of steps
    }
    if (atConditional(c)) {
      branch(scope, steps);
      return;
    }
    if (atElseMark()) {
      throw c.failureForClause("This 'otherwise' has no 'if' before it: ", start);
    }
    if (negatedAction(steps)) {
      return;
    }
    if (heading()) {
      if (!c.at(Kind.LIST_MARKER)) {
        step(scope, steps);
      }
      return;
    }
    if (amendsPrevious(steps)) {
      return;
    }
    Clause clause = Steps.clauseAt(c);
    if (clause == null) {
      throw c.failureForClause("I don't know how to ", start);
    }
    steps.addAll(clause.parse(c));
  }

  /**
   * Skips a heading that announces the steps after its colon: "Prepare the account: set …", "do
   * three things: …", "check the lead score: if it is over 80 …" (which also makes "it" the lead
   * score). A heading that reads as an action is a step, unless the same action follows ("Research
   * the company first: search the web for …" only names it); a search in it ("do two things for
   * contacts created today: …") is read. False (unmoved) if none is here.
   */
  private boolean heading() {
    int start = c.mark();
    int colon = -1;
    for (int i = start; i < start + MAX_HEADING; i++) {
      Token t = c.token(i);
      if (t.is(Kind.COLON)) {
        colon = i;
        break;
      }
      boolean checked = t.is(Kind.PATH) && i == start + 1 && c.token(start).isWord("check");
      if (!t.is(Kind.WORD) && !t.is(Kind.COMMA) && !checked || dated(start, i)) {
        return false; // "Check contact.rebooked:" names the field the branches below compare
      }
      if (t.is(Kind.COMMA) && stepAt(i + 1)) {
        return false; // "enrich them, and then: …" is a step, then the next ones
      }
    }
    if (colon <= start) {
      return false;
    }
    c.reset(start);
    boolean unsupported =
        Background.orders(c.token(start)) && !c.at(CHECK_FIELD) && Steps.clauseAt(c) == null;
    c.reset(start);
    boolean listed =
        !unsupported // "Call the new leads:" over a list asks for what the plan cannot do
            && c.token(colon + 1).is(Kind.END)
            && c.token(colon + 2).is(Kind.LIST_MARKER);
    int body = listed ? colon + 2 : colon + 1;
    c.reset(body); // "Check the lead score:" over a list of its branches
    Clause next = c.at(Kind.LIST_MARKER) ? null : followingClause();
    boolean stepFollows = c.at(Kind.LIST_MARKER) || Steps.startsStep(c);
    c.reset(start);
    Clause own = Steps.clauseAt(c);
    if (!stepFollows || (own != null && own != next && readEnd(own) >= 0)) {
      c.reset(start);
      return false;
    }
    boolean checks = c.accept(CHECK_FIELD);
    if (checks) {
      Fields.Ref field = Fields.read(c);
      if (field != null && c.mark() == colon) {
        c.subject(field);
      }
    }
    for (int i = start + 1; i < colon; i++) {
      c.reset(i);
      Clause search = c.token(i).isWord("for") ? Steps.clauseAt(c) : null;
      if (search != null && readEnd(search) == colon) {
        c.reset(i);
        return true; // "Do two things for contacts created today: …" searches first
      }
    }
    if (!checks) {
      c.skip(start, colon + 1); // "Clinics in Lyon:" is no step: the warning names what was skipped
    }
    c.reset(body);
    return true;
  }

  private boolean stepAt(int index) {
    int mark = c.mark();
    c.reset(index);
    while (c.accept(SEPARATOR_WORDS)) {
      // "…, and then: …"
    }
    boolean starts = c.at(Kind.COLON) || Steps.startsStep(c);
    c.reset(mark);
    return starts;
  }

  /**
   * "… and don't email them": reads the action not to take, and makes no step of it. When a step of
   * the same block already does it ("Send the 'Intro' template, but never email this contact"), the
   * text contradicts itself and is refused.
   */
  private boolean negatedAction(List<Step> steps) {
    int mark = c.mark();
    if (!c.accept(DO_NOT)) {
      return false;
    }
    Clause clause = Steps.clauseAt(c);
    if (clause == null) {
      clause = Steps.clauseAt(c);
    }
    int from = c.mark();
    if (clause == null) {
      while (c.at(Kind.WORD) && !FreeText.startsNewStep(c)) {
        c.next(); // "Do not hand anyone off as part of this playbook."
      }
      return c.mark() > from || resetTo(mark);
    }
    ActionType forbidden = SINGLE_ACTION.get(clause.getClass());
    try {
      List<Step.Action> read = clause.parse(c);
      forbidden = read.isEmpty() ? forbidden : read.getFirst().type();
    } catch (ParseFailure incomplete) {
      // "don't email them" needs no template: the words up to the boundary are the action
      c.reset(from);
      while (c.at(Kind.WORD) && !FreeText.startsNewStep(c)) {
        c.next();
      }
    }
    for (Step step : steps) {
      if (step instanceof Step.Action action && action.type() == forbidden) {
        throw c.failure(
            "This forbids what an earlier step does ("
                + forbidden.wireName()
                + "); which one is meant? '"
                + c.text(mark, c.mark())
                + "'",
            mark,
            c.mark());
      }
    }
    return true;
  }

  /** The action a clause stands for when it makes one kind of step only. */
  private static final Map<Class<?>, ActionType> SINGLE_ACTION =
      Map.of(
          EmailClause.class, ActionType.SEND_EMAIL,
          LinkedInClause.class, ActionType.LINKEDIN_INVITE,
          HandoffClause.class, ActionType.HANDOFF,
          TaskClause.class, ActionType.CREATE_TASK,
          EnrichClause.class, ActionType.ENRICH_CONTACT,
          WaitClause.class, ActionType.WAIT);

  private boolean resetTo(int mark) {
    c.reset(mark);
    return false;
  }

  private Clause followingClause() {
    int mark = c.mark();
    Steps.skipLeads(c);
    Clause clause = Steps.clauseAt(c);
    c.reset(mark);
    return clause;
  }

  /** Whether {@code clause} reads the text at the cursor without a problem. */
  /** Where the clause, read from the cursor, ends; -1 if it does not read. */
  private int readEnd(Clause clause) {
    int mark = c.mark();
    try {
      clause.parse(c);
      return c.mark();
    } catch (ParseFailure unreadable) {
      return -1;
    } finally {
      c.reset(mark);
    }
  }

  /** "… create a task 'X'. And assign it to @user.sdr.": more parameters for the last step. */
  private boolean amendsPrevious(List<Step> steps) {
    Step.Action amended = amended(steps);
    if (amended == null) {
      return false;
    }
    steps.set(steps.size() - 1, amended);
    return true;
  }

  /**
   * Whether the sentence here only adds parameters to the last step ("The top 3 results are
   * plenty."), so it is no description to skip; never moves the cursor.
   */
  private boolean amendsAhead(List<Step> steps) {
    int mark = c.mark();
    try {
      return amended(steps) != null;
    } finally {
      c.reset(mark);
    }
  }

  /** The last step with the parameters the words here add to it, or {@code null} (unmoved). */
  private Step.Action amended(List<Step> steps) {
    if (steps.isEmpty() || !(steps.getLast() instanceof Step.Action previous)) {
      return null;
    }
    for (Clause clause : Steps.CLAUSES) {
      Step.Action amended = clause.amend(c, previous);
      if (amended != null) {
        return amended;
      }
    }
    return null;
  }

  /** "if X, A; otherwise B", "unless X, A", "check whether X: if yes A; if no B". */
  private void branch(Scope scope, List<Step> steps) {
    if (++depth > MAX_BRANCH_DEPTH) {
      throw c.failureForClause("Branches nest too deeply here: ", c.mark());
    }
    try {
      readBranch(scope, steps);
    } finally {
      depth--;
    }
  }

  private void readBranch(Scope scope, List<Step> steps) {
    int conditionStart = c.mark();
    boolean negated = c.accept(UNLESS);
    boolean asks = !negated && c.acceptFirst(CONDITIONALS) == CHECK_WHETHER;
    c.accept(Kind.COLON); // "If: deal value > $20,000" / "Then: …" lines
    ConditionGrammar.Result read = ConditionGrammar.read(c);
    Condition condition = negated ? new Condition.Not(read.condition()) : read.condition();
    boolean answered = false;
    if (asks && (c.at(Kind.END) || c.at(Kind.SEMICOLON) || c.at(Kind.COMMA))) {
      int mark = c.mark();
      answered = c.at(Kind.END); // answered in a sentence of its own
      c.next(); // "Check if X exists. If it does, …", "…. Step 2: If it is so, …"
      c.accept(Kind.LIST_MARKER);
      if (c.accept(IF_NOT) && !atElse(c, c.mark())) {
        condition = denied(condition); // "check whether they replied; if they haven't, …"
      } else if (!c.accept(IF_SO) && !c.accept(IN_THAT_CASE)) {
        c.reset(mark);
        answered = false;
      }
    }
    if (c.at(Kind.END) && c.peek().text().startsWith("?")) {
      c.next(); // "No reply after 4 days? Send …": the answer is the next sentence
    }
    if (c.at(Kind.END) && c.peek(1).isWord("then")) {
      c.next(); // "If … is any of: (list)" / "then email …"
    } else if (c.at(Kind.END)
        && c.peek(1).is(Kind.LIST_MARKER)
        && c.peek(2).isWord("then")
        && column(c.peek(1)) > indent(c.token(conditionStart))) {
      c.next(); // "IF …" / "  - THEN hand off …" / "  - ELSE …": the answers as bullets
      c.next();
    }
    c.accept(Kind.DASH); // "no reply after 4d -> email …"
    c.accept(THEN_MARK);
    int thenStart = c.mark();
    boolean parenthesised = c.at(Kind.LPAREN) && (atBrace(c) || atConditionalAfter(1));
    if (parenthesised) {
      c.next(); // "→ (if … → …, else …); else …", "if … { … } else { … }"
    }
    Condition outer = branchCondition;
    branchCondition = condition;
    subjectOf(condition);
    List<Step> then;
    try {
      then = new ArrayList<>(block(Scope.THEN));
      while (scope == Scope.TOP && c.at(Kind.END) && c.peek(1).is(Kind.WORD)) {
        int end = c.mark();
        c.next();
        if (!c.accept(IN_THAT_CASE)) {
          c.reset(end);
          break;
        }
        then.addAll(block(Scope.THEN)); // "If …, X. In that case, also Y.": Y is part of the branch
      }
    } finally {
      branchCondition = outer;
    }
    if (parenthesised && !c.accept(Kind.RPAREN)) {
      throw c.failureForClause("This parenthesis is never closed: ", thenStart);
    }
    if (then.isEmpty()) {
      throw c.failureForClause("What should happen then? ", thenStart);
    }
    subjectOf(condition); // "If … over 500: if the industry is …, …. If it's 500 or fewer, …"
    // "…, check if X. If yes, A. If no, B.": the other answer to a question asked inside a branch
    // is its own, in the next sentence too
    List<Step> otherwise = otherwise(answered ? Scope.TOP : scope, condition);
    if (read.waitBefore() != null) {
      steps.add(new Step.Action(ActionType.WAIT, Map.of("duration", read.waitBefore())));
    }
    steps.add(new Step.If(condition, then, otherwise));
  }

  /** The opposite: "replied == false" for "replied == true", the part of a "not". */
  private static Condition denied(Condition condition) {
    return switch (condition) {
      case Condition.Not not -> not.part();
      case Condition.Compare compare
          when compare.operator() == Operator.EQ && compare.value() instanceof Boolean yes ->
          new Condition.Compare(compare.field(), Operator.EQ, !yes);
      default -> new Condition.Not(condition);
    };
  }

  /** "If the lead score is over 90, …; otherwise, if it's over 60, …": "it" is that field. */
  private void subjectOf(Condition condition) {
    Condition part = condition instanceof Condition.Not not ? not.part() : condition;
    if (part instanceof Condition.All all && !all.parts().isEmpty()) {
      part = all.parts().getFirst(); // "between 50 and 80"
    }
    if (part instanceof Condition.Compare compare && compare.field().contains(".")) {
      int dot = compare.field().indexOf('.');
      c.subject(
          new Fields.Ref(compare.field().substring(0, dot), compare.field().substring(dot + 1)));
    }
  }

  private boolean atConditionalAfter(int ahead) {
    int mark = c.mark();
    c.reset(mark + ahead);
    boolean conditional = atConditional(c);
    c.reset(mark);
    return conditional;
  }

  /** The else part, if one follows; at the top it may start the next sentence. */
  private List<Step> otherwise(Scope scope, Condition condition) {
    int mark = c.mark();
    while (c.at(Kind.COMMA)
        || c.at(Kind.SEMICOLON)
        || c.atAnyWord("and", "but")
        || (scope == Scope.TOP && (c.at(Kind.END) || c.at(Kind.LIST_MARKER)))
        || (itemColumn >= 0 && atItemOfThisList())) {
      c.next();
    }
    int elseStart = c.mark();
    if (!atElseMark() && !acceptContrary(condition)) {
      c.reset(mark);
      return List.of();
    }
    acceptElseMark(c);
    if (atBrace(c)) {
      int open = c.mark();
      c.next();
      List<Step> braced = block(Scope.ELSE);
      if (!c.accept(Kind.RPAREN)) {
        throw c.failureForClause("This brace is never closed: ", open);
      }
      return braced;
    }
    c.accept(Kind.DASH);
    c.accept(Kind.COLON);
    if (skipRemark(c)) {
      c.accept(Kind.COMMA);
      c.accept(Kind.DASH); // "else (not over 50k) → …"
    }
    if (c.accept(NOTHING)) {
      return List.of();
    }
    if (atConditional(c)) {
      // "Otherwise, if …, …. Otherwise …": an else-if chain, whose last "otherwise" may start
      // the next sentence as the first one did
      List<Step> elseIf = new ArrayList<>();
      branch(scope, elseIf);
      return elseIf;
    }
    List<Step> otherwise = block(Scope.ELSE);
    if (otherwise.isEmpty()) {
      throw c.failureForClause("What should happen otherwise? ", elseStart);
    }
    return otherwise;
  }

  /** "if … { handoff … } else { … }": a block in braces, as code writes it. */
  private static boolean atBrace(Cursor c) {
    return c.at(Kind.LPAREN) && c.peek().text().equals("{");
  }

  /** "- If …\n - Else …": the next item of the list being read, at its indentation. */
  private boolean atItemOfThisList() {
    if (c.at(Kind.END) && c.peek(1).is(Kind.LIST_MARKER)) {
      return column(c.peek(1)) == itemColumn;
    }
    return c.at(Kind.LIST_MARKER) && column(c.peek()) == itemColumn;
  }

  /** A branch body: a list ("(1) …; (2) …") or steps up to the end of the sentence. */
  private List<Step> block(Scope scope) {
    List<Step> steps = new ArrayList<>();
    if (c.at(Kind.END) && c.peek(1).is(Kind.LIST_MARKER)) {
      c.next();
    }
    if (!c.at(Kind.LIST_MARKER)) {
      sequence(scope, steps);
      return steps;
    }
    int column = column(c.peek());
    int outerColumn = itemColumn;
    itemColumn = column;
    try {
      readItems(steps, column);
    } finally {
      itemColumn = outerColumn;
    }
    return steps;
  }

  private void readItems(List<Step> steps, int column) {
    while (c.at(Kind.LIST_MARKER) && column(c.peek()) == column) {
      c.next();
      sequence(Scope.ITEM, steps);
      int mark = c.mark();
      while (c.at(Kind.COMMA) || c.at(Kind.SEMICOLON) || c.atWord("and")) {
        c.next();
      }
      if (c.at(Kind.END) && c.peek(1).is(Kind.LIST_MARKER)) {
        c.next();
      }
      if (!c.at(Kind.LIST_MARKER)) {
        c.reset(mark);
        break;
      }
    }
  }

  /**
   * Where a list marker stands on its line: the items of one list are indented alike; markers
   * inside a line ("(1) …; (2) …") answer -1.
   */
  private int column(Token marker) {
    int lineStart = lineStart(marker);
    String indent = c.source().substring(lineStart, marker.start());
    return indent.isBlank() ? marker.start() - lineStart : -1;
  }

  /** How far the line holding {@code t} is indented. */
  private int indent(Token t) {
    int lineStart = lineStart(t);
    int i = lineStart;
    while (i < t.start() && Character.isWhitespace(c.source().charAt(i))) {
      i++;
    }
    return i - lineStart;
  }

  private int lineStart(Token t) {
    return c.source().lastIndexOf('\n', t.start() - 1) + 1;
  }

  /** "send the follow-up if they haven't replied": wraps the steps said before the "if". */
  private boolean postfixCondition(Scope scope, List<Step> steps, int from) {
    int mark = c.mark();
    if (from == steps.size() || !(c.atAnyWord("if", "unless", "only", "but", "when", "as"))) {
      return false;
    }
    if (!atConditional(c)) {
      return false;
    }
    boolean negated = c.accept(UNLESS);
    if (!negated) {
      c.acceptFirst(CONDITIONALS);
    }
    ConditionGrammar.Result read;
    try {
      read = ConditionGrammar.read(c);
    } catch (ParseFailure notACondition) {
      c.reset(mark);
      throw notACondition;
    }
    List<Step> wrapped = new ArrayList<>(steps.subList(from, steps.size()));
    steps.subList(from, steps.size()).clear();
    Condition condition = negated ? new Condition.Not(read.condition()) : read.condition();
    if (read.waitBefore() != null) {
      steps.add(new Step.Action(ActionType.WAIT, Map.of("duration", read.waitBefore())));
    }
    // "Tag them 'Hot' if the score is 90 or more, otherwise tag them 'Warm'"
    steps.add(new Step.If(condition, wrapped, otherwise(scope, condition)));
    return true;
  }

  /** The text after the last step that no rule could read. */
  private ParseFailure leftover() {
    return c.failureForClause("I don't understand ", c.mark());
  }
}
