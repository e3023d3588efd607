package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * After a refusal: the sentences it points at that only tell the story ("Trying something new this
 * quarter.", "Acme's champion went quiet on me.", "Small update: this contact just moved to our
 * Toronto office.") are dropped, so the request around them can be read. A sentence is dropped only
 * when it opens like a statement, not an order (a subject, a possessive, a gerund or past
 * participle, an adjective or a label), and holds nothing a step could be made of: no quote,
 * variable, field, number or comparison, no word that starts a step, no request, obligation,
 * negation or condition, and no action the plan has no step for ("call", "book", "invoice"). The
 * same holds for an aside between commas ("For the Acme renewal, …"), and everything before a
 * request announced late ("What I want is, …") goes when it quotes nothing and starts no step.
 */
final class Background {

  private Background() {}

  /** The tokens without the story sentences, and those sentences as written. */
  record Dropped(List<Token> tokens, List<String> sentences) {}

  /**
   * Words that make a sentence say something to do, whatever else it says: requests, obligations,
   * negations, conditions, and the names of steps' parameters ("the top result is fine").
   */
  private static final Set<String> SIGNALS =
      Set.of(
          "please",
          "pls",
          "plz",
          "kindly",
          "can",
          "could",
          "would",
          "will",
          "should",
          "must",
          "shall",
          "wish",
          "like",
          "make",
          "ensure",
          "sure",
          "nobody",
          "none",
          "nothing",
          "unless",
          "except",
          "if",
          "whenever",
          "once",
          "only",
          "until",
          "before",
          "after",
          "then",
          "each",
          "every",
          "also",
          "let",
          "do",
          "don",
          "try",
          "remember",
          "forget",
          "skip",
          "ignore",
          "avoid",
          "stop",
          "keep",
          "hold",
          "wait",
          "exclude",
          "include",
          "because",
          "result",
          "results",
          "hit",
          "hits",
          "top",
          "template",
          "templates",
          "tag",
          "tags",
          "note",
          "message",
          "subject",
          "body",
          "task",
          "due",
          "query",
          "key",
          "memory",
          "provider",
          "field",
          "value",
          "status",
          "stage",
          "score",
          "title",
          "deadline",
          "reminder",
          "invite",
          "link");

  /**
   * Words that often tell the story ("Big deals need a senior person early", "it never converts")
   * and sometimes ask for something: first in a sentence they ask ("Never …", "First, …"); later
   * they let it go as a story only when no word in it is a step's or another action's verb in any
   * form ({@link #acts}).
   */
  private static final Set<String> WEAK_SIGNALS =
      Set.of("need", "needs", "want", "wants", "never", "first", "when", "not", "no");

  /** Action words as common in a story as in an order: no sign of one in a weak sentence. */
  private static final Set<String> GENERIC_ACTIONS =
      Set.of(
          "get", "give", "put", "start", "run", "look", "follow", "reach", "check", "review",
          "close", "order", "meet", "sign", "copy", "share", "cold", "record", "log", "launch",
          "pause", "resume", "loop", "tell", "ask", "mark", "flag", "quote");

  /** Actions the plan has no step for: an order to do one is refused, never dropped. */
  private static final Set<String> ACTIONS =
      Set.of(
          "call",
          "phone",
          "ring",
          "dial",
          "book",
          "schedule",
          "reschedule",
          "meet",
          "invite",
          "slack",
          "post",
          "tweet",
          "text",
          "sms",
          "whatsapp",
          "message",
          "invoice",
          "quote",
          "sign",
          "pay",
          "refund",
          "charge",
          "print",
          "fax",
          "mail",
          "zoom",
          "delete",
          "archive",
          "merge",
          "export",
          "import",
          "assign",
          "move",
          "close",
          "escalate",
          "notify",
          "alert",
          "report",
          "forward",
          "cc",
          "bcc",
          "reply",
          "respond",
          "sync",
          "upload",
          "download",
          "share",
          "copy",
          "create",
          "add",
          "remove",
          "update",
          "set",
          "change",
          "send",
          "email",
          "tag",
          "untag",
          "find",
          "search",
          "look",
          "enrich",
          "connect",
          "ping",
          "follow",
          "reach",
          "hand",
          "give",
          "get",
          "put",
          "mark",
          "flag",
          "note",
          "log",
          "record",
          "save",
          "store",
          "ship",
          "order",
          "buy",
          "cancel",
          "renew",
          "approve",
          "review",
          "check",
          "contact",
          "tell",
          "ask",
          "loop",
          "cold",
          "research",
          "google",
          "run",
          "start",
          "launch",
          "pause",
          "resume");

  /** A statement's first word that is not a subject: an adjective, an adverb or a label. */
  private static final Set<String> STATEMENT_OPENERS =
      Set.of(
          "quick",
          "small",
          "big",
          "long",
          "short",
          "just",
          "fyi",
          "btw",
          "context",
          "background",
          "update",
          "heads",
          "sadly",
          "unfortunately",
          "luckily",
          "honestly",
          "apparently",
          "good",
          "great",
          "bad",
          "busy",
          "crazy",
          "another",
          "new",
          "last",
          "side",
          "random",
          "interesting",
          "funny",
          "turns",
          "story",
          "recap",
          "ps",
          "p",
          "note",
          "um",
          "umm",
          "uh",
          "hmm",
          "oh",
          "yeah",
          "yep",
          "okay",
          "ok",
          "alright",
          "right",
          "so",
          "well",
          "anyway",
          "simple",
          "got",
          "final",
          "thinking");

  /** Pronouns and determiners that open a subject. */
  private static final Set<String> SUBJECTS =
      Set.of(
          "i",
          "we",
          "they",
          "he",
          "she",
          "it",
          "there",
          "this",
          "that",
          "these",
          "those",
          "the",
          "a",
          "an",
          "our",
          "my",
          "their",
          "his",
          "her",
          "its",
          "some",
          "most",
          "everyone",
          "nobody",
          "people",
          "someone",
          "somebody",
          "half",
          "many",
          "few",
          "both");

  /**
   * "What I want is, …", "The instruction is: …", "Here's where I landed: …", "Let's do this: …": a
   * speaker announcing the request after talking about the account.
   */
  private static final List<Phrase> REQUEST_INTRO =
      Phrase.all(
          "[so] [,] (what i want|what i need|what i would like|what we need|what we want|the"
              + " instruction|the request|the ask|my ask|the plan|the thing i need|the thing i"
              + " actually need|the thing i really need|the rule) [is|here is] [:|,]",
          "[so] [,] here 's (the thing|what i want|what i need|where i landed|the plan|what we do"
              + "|what to do|the ask|the rule) [:|,]",
          "[so] [,] let 's do this [:|,]",
          "[so] [,] here 's the [new] (flow|plan|process|cadence|sequence|setup|workflow) [i would"
              + " like|i want|i need] [:|,]");

  /**
   * The tokens after a request announced late ({@link #REQUEST_INTRO}), when what comes before it
   * quotes nothing and no sentence before it starts with a step; {@code null} otherwise.
   */
  private static Dropped afterIntroduction(String text, List<Token> tokens) {
    Cursor c = new Cursor(text, tokens);
    boolean sentenceStart = true;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.is(Kind.QUOTED) || t.is(Kind.VARIABLE) || t.is(Kind.EMAIL) || t.is(Kind.PATH)) {
        return null;
      }
      c.reset(i);
      if (i > 0
          && (sentenceStart || tokens.get(i - 1).is(Kind.COMMA))
          && c.acceptFirst(REQUEST_INTRO) >= 0) {
        int from = c.mark();
        if (from < tokens.size() && !tokens.get(from).is(Kind.EOF)) {
          String story = text.substring(tokens.getFirst().start(), t.start()).strip();
          return new Dropped(tokens.subList(from, tokens.size()), List.of(story));
        }
        return null;
      }
      c.reset(i);
      if (sentenceStart && t.is(Kind.WORD) && Steps.startsStep(c)) {
        return null;
      }
      sentenceStart = t.is(Kind.END) || t.is(Kind.LIST_MARKER);
    }
    return null;
  }

  /** The refusal's sentences that tell a story, dropped; {@code null} when there is none. */
  static Dropped drop(String text, List<Token> tokens, List<ParseDetail> refusal) {
    Dropped introduced = afterIntroduction(text, tokens);
    if (introduced != null) {
      Dropped more = dropSentences(text, introduced.tokens(), refusal);
      if (more == null) {
        return introduced;
      }
      List<String> all = new ArrayList<>(introduced.sentences());
      all.addAll(more.sentences());
      return new Dropped(more.tokens(), all);
    }
    return dropSentences(text, tokens, refusal);
  }

  private static Dropped dropSentences(String text, List<Token> tokens, List<ParseDetail> refusal) {
    List<int[]> sentences = sentences(tokens);
    java.util.TreeMap<Integer, Integer> dropped = new java.util.TreeMap<>();
    Cursor c = new Cursor(text, tokens);
    for (ParseDetail detail : refusal) {
      for (int[] sentence : sentences) {
        Token first = tokens.get(sentence[0]);
        Token last = tokens.get(sentence[1] - 1);
        boolean overlaps = first.start() < detail.end() && detail.start() < last.end();
        if (!overlaps || dropped.containsKey(sentence[0])) {
          continue;
        }
        if (story(c, tokens, unread(c, tokens, sentence, detail), sentence[1])
            || listIntro(c, tokens, sentence)) {
          dropped.put(sentence[0], sentence[1]);
        } else {
          int[] aside = aside(c, tokens, sentence, detail);
          if (aside == null) {
            aside = cause(c, tokens, sentence);
          }
          if (aside != null) {
            dropped.put(aside[0], aside[1]);
          }
        }
      }
    }
    if (dropped.isEmpty()) {
      return null;
    }
    List<Token> kept = new ArrayList<>();
    List<String> said = new ArrayList<>();
    int next = 0;
    for (var range : dropped.entrySet()) {
      if (range.getKey() < next) {
        continue; // an aside inside a sentence already dropped
      }
      kept.addAll(tokens.subList(next, range.getKey()));
      said.add(
          text.substring(
              tokens.get(range.getKey()).start(), tokens.get(range.getValue() - 1).end()));
      next = range.getValue();
      if (next < tokens.size() && tokens.get(next).is(Kind.COMMA)) {
        next++; // "For the Acme renewal, if …": the aside's comma goes with it
      }
    }
    kept.addAll(tokens.subList(next, tokens.size()));
    return new Dropped(kept, said);
  }

  /**
   * "For the Acme renewal, if …", "…, going forward, find …", "Anyway, …": a clause the refusal
   * points at, between commas, that tells the story ({@link #story}) or says whom it is for; its
   * token range, or {@code null}.
   */
  private static int[] aside(Cursor c, List<Token> tokens, int[] sentence, ParseDetail detail) {
    int from = sentence[0];
    while (from < sentence[1] && tokens.get(from).start() < detail.start()) {
      from++;
    }
    int to = from;
    while (to < sentence[1] && tokens.get(to).end() <= detail.end()) {
      to++;
    }
    boolean opens = from == sentence[0] || pause(tokens.get(from - 1));
    boolean closes = to == sentence[1] || pause(tokens.get(to));
    if (to == from || !opens || !closes || to - from > MAX_ASIDE) {
      return null;
    }
    boolean addressed =
        tokens.get(from).isWord("for")
            && from + 1 < to
            && (SUBJECTS.contains(tokens.get(from + 1).lower()) || names(tokens, from + 1, to))
            && noSignal(c, tokens, from + 1, to);
    // "On behalf of Maria," / "On behalf of Mr. Okafor,": who asks, not what to do
    boolean behalf =
        from + 3 < to
            && tokens.get(from).isWord("on")
            && tokens.get(from + 1).isWord("behalf")
            && tokens.get(from + 2).isWord("of")
            && names(tokens, from + 3, to);
    addressed |= behalf;
    return addressed || story(c, tokens, from, to) ? new int[] {from, to} : null;
  }

  /**
   * "they signed the renewal so drop the 'Churn Risk' tag …": the story that opens a sentence and
   * gives the reason for the steps after its "so"; its token range with the "so", or {@code null}.
   */
  private static int[] cause(Cursor c, List<Token> tokens, int[] sentence) {
    for (int so = sentence[0] + 2; so < sentence[1] - 1; so++) {
      if (!tokens.get(so).isWord("so")) {
        continue;
      }
      int end = tokens.get(so - 1).is(Kind.COMMA) ? so - 1 : so;
      c.reset(so + 1);
      boolean stepAfter = Steps.startsStep(c);
      return stepAfter && story(c, tokens, sentence[0], end)
          ? new int[] {sentence[0], so + 1}
          : null;
    }
    return null;
  }

  /** "For Copperleaf Realty,": a client's name, words with capitals only. */
  private static boolean names(List<Token> tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (!t.is(Kind.WORD) || !Character.isUpperCase(t.text().charAt(0))) {
        return false;
      }
    }
    return true;
  }

  /** An aside is at most this many tokens. */
  private static final int MAX_ASIDE = 12;

  private static boolean pause(Token t) {
    return t.is(Kind.COMMA) || t.is(Kind.DASH) || t.is(Kind.COLON);
  }

  /**
   * Where the sentence's unread words begin: at the refusal's span when only a greeting or a
   * courtesy was read before it in the sentence ("Hey ops, quick one — Acme's champion went quiet
   * on me."), else at the sentence's start.
   */
  private static int unread(Cursor c, List<Token> tokens, int[] sentence, ParseDetail detail) {
    int from = sentence[0];
    while (from < sentence[1] && tokens.get(from).start() < detail.start()) {
      c.reset(from);
      if (Steps.startsStep(c)) {
        return sentence[0];
      }
      from++;
    }
    return from < sentence[1] ? from : sentence[0];
  }

  /** Token ranges [from, to) between sentence ends and list markers; the boundaries stay out. */
  private static List<int[]> sentences(List<Token> tokens) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= tokens.size(); i++) {
      Token t = i < tokens.size() ? tokens.get(i) : null;
      boolean boundary = t == null || t.is(Kind.END) || t.is(Kind.LIST_MARKER) || t.is(Kind.EOF);
      if (boundary) {
        if (i > from) {
          out.add(new int[] {from, i});
        }
        from = i + 1;
      }
    }
    return out;
  }

  private static boolean story(Cursor c, List<Token> tokens, int from, int to) {
    return opensStatement(c, tokens, from) && noSignal(c, tokens, from, to);
  }

  /** Whether tokens {@code from} to {@code to} hold nothing a step could be made of. */
  private static boolean noSignal(Cursor c, List<Token> tokens, int from, int to) {
    boolean weak = false;
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      switch (t.kind()) {
        case WORD -> {
          String word = t.lower();
          if (SIGNALS.contains(word)
              || order(tokens, from, i, word)
              || WEAK_SIGNALS.contains(word) && i == from) {
            return false;
          }
          weak |= WEAK_SIGNALS.contains(word);
          c.reset(i);
          if (Steps.startsStep(c)) {
            return false;
          }
        }
        case COMMA, COLON, DASH, SYMBOL -> {}
        default -> {
          return false; // a quote, a variable, a field, a number, a comparison, a bracket
        }
      }
    }
    return !weak || !acts(tokens, from, to);
  }

  /** Whether some word is an action's verb in any form: "emails", "tagged", "calling". */
  private static boolean acts(List<Token> tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      String word = tokens.get(i).lower();
      if (word.equals("you") || word.equals("your") || action(word)) {
        return true; // "we need you to …" asks the agent
      }
    }
    return false;
  }

  private static boolean action(String word) {
    for (String stem : List.of(word, cut(word, "s"), cut(word, "ed"), cut(word, "ing"))) {
      if (ACTIONS.contains(stem) && !GENERIC_ACTIONS.contains(stem)) {
        return true;
      }
    }
    return false;
  }

  /** Words that make a line before a list a condition or a time, not only its introduction. */
  private static final Set<String> LIST_CONDITIONS =
      Set.of(
          "if",
          "unless",
          "when",
          "whenever",
          "once",
          "only",
          "except",
          "until",
          "after",
          "before",
          "not",
          "no",
          "never",
          "don",
          "each",
          "every",
          "wait");

  /**
   * "I'd love to automate my proposal follow-up, if possible:" above a list: a line that ends in a
   * colon and opens a list, in words only, with no condition, time or action of its own, only
   * introduces the steps below it.
   */
  private static boolean listIntro(Cursor c, List<Token> tokens, int[] sentence) {
    int end = sentence[1];
    boolean opensList =
        end + 1 < tokens.size()
            && tokens.get(end - 1).is(Kind.COLON)
            && tokens.get(end).is(Kind.END)
            && tokens.get(end + 1).is(Kind.LIST_MARKER);
    if (!opensList) {
      return false;
    }
    c.reset(sentence[0]);
    if (Steps.startsStep(c)) {
      return false;
    }
    for (int i = sentence[0]; i < end; i++) {
      Token t = tokens.get(i);
      boolean word = t.is(Kind.WORD);
      if (!word && !t.is(Kind.COMMA) && !t.is(Kind.COLON) && !t.is(Kind.DASH)
          || word && (LIST_CONDITIONS.contains(t.lower()) || action(t.lower()))) {
        return false;
      }
    }
    return true;
  }

  private static String cut(String word, String suffix) {
    return word.endsWith(suffix) ? word.substring(0, word.length() - suffix.length()) : word;
  }

  /** Whether the word names an action, supported or not ("Call …", "Book …", "Send …"). */
  static boolean orders(Token word) {
    return word.is(Kind.WORD) && ACTIONS.contains(word.lower());
  }

  /**
   * An action word where a clause starts is an order ("Call her.", "…, and book a demo"); elsewhere
   * it is a thing talked about ("a quick update", "the call went well").
   */
  private static boolean order(List<Token> tokens, int from, int i, String word) {
    if (!ACTIONS.contains(word)) {
      return false;
    }
    if (i == from) {
      return true;
    }
    Token before = tokens.get(i - 1);
    return before.is(Kind.COMMA)
        || before.is(Kind.COLON)
        || before.is(Kind.DASH)
        || CLAUSE_OPENERS.contains(before.lower());
  }

  /** Words after which a clause, and so an order, can start. */
  private static final Set<String> CLAUSE_OPENERS = Set.of("and", "then", "to", "or", "but");

  /** Whether the sentence at {@code from} opens like a statement rather than an order. */
  private static boolean opensStatement(Cursor c, List<Token> tokens, int from) {
    Token first = tokens.get(from);
    if (!first.is(Kind.WORD)) {
      return false;
    }
    String word = first.lower();
    Token second = from + 1 < tokens.size() ? tokens.get(from + 1) : first;
    c.reset(from);
    return SUBJECTS.contains(word)
        || STATEMENT_OPENERS.contains(word)
        || second.lower().equals("'s")
        || word.length() > 4 && (word.endsWith("ing") || word.endsWith("ed"))
        || namedSubject(tokens, from)
        || PlanGrammar.opensDescription(c);
  }

  /** "Summit Coaching is reactivating …", "Acme just signed": a name, then its verb. */
  private static boolean namedSubject(List<Token> tokens, int from) {
    int i = from;
    while (i < tokens.size()
        && i - from < 4
        && tokens.get(i).is(Kind.WORD)
        && Character.isUpperCase(tokens.get(i).text().charAt(0))) {
      i++;
    }
    return i > from
        && i < tokens.size()
        && !Background.orders(tokens.get(from))
        && NAME_VERBS.contains(tokens.get(i).lower());
  }

  /** Verbs that follow a company's or a person's name in a statement about them. */
  private static final Set<String> NAME_VERBS =
      Set.of(
          "is", "are", "was", "were", "has", "have", "had", "just", "already", "came", "went",
          "signed", "said", "says", "wants", "told", "asked", "loves", "hates", "uses");
}
