package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code web_search}: "search the web for …", "look up …", "google …". */
final class WebSearchClause implements Clause.Single {

  private static final String WEB = "(web|internet|online|net|google|bing)";

  /** Verbs after which the query follows. */
  private static final List<Phrase> VERBS =
      Phrase.all(
          "(google|research|look up|lookup|dig up|search for|find|get) [some|the latest|recent]"
              + " (news|info|information|articles|updates) :",
          "(search|look|check) [on|through|across|in] [the] " + WEB + " [for|about|on|to find] [:]",
          "search online [for|about] [:]",
          "(do|run|perform|make) [a|an] " + WEB + " search (for|on|about) [:]",
          "web search [for|on|about] [:]",
          "(google|research|look up|lookup|browse for|dig up|dig into|read up on) [:]",
          "search (for|:)");

  /** Verbs whose object is part of the query ("find news about X" searches "news about X"). */
  private static final List<Phrase> TOPIC_VERBS =
      Phrase.all("(find|get|pull|fetch|check|read) [me] [some|the]");

  private static final Set<String> TOPICS =
      Set.of(
          "news",
          "articles",
          "article",
          "information",
          "info",
          "updates",
          "recent",
          "latest",
          "press",
          "funding",
          "blog",
          "posts",
          "coverage",
          "mentions");

  private static final String RESULTS = "(results|result|hits|links|articles|pages|items)";
  private static final List<Phrase> LIMIT_BEFORE =
      Phrase.all(
          "[only|just] (keep|return|get|give me|give|show me|show|take|grab|use|fetch|save|bring back|retrieve|collect|read|limit"
              + " to|limit it to|limit results to|cap at|with|using|look at|consider)"
              + " [only|just] [the] [top|first|best]",
          "[i|we] [only|just] (need|want) [the] [top|first|best]",
          "[only|just] [the] (top|first|best)");
  private static final Phrase LIMIT_STRICT =
      Phrase.of("[a] (max|maximum|up to|at most|no more than|limited to|only|just) [of]");
  private static final Phrase RESULTS_NOUN = Phrase.of(RESULTS);
  private static final Phrase QUERY_LABEL = Phrase.of("[,] [search] query");
  private static final Phrase LIMIT_LABEL = Phrase.of("(max|maximum) " + RESULTS);

  /** "top 2 only", "the first 3 hits are enough", "5 results max". */
  private static final Phrase LIMIT_AFTER =
      Phrase.of(
          "(only|is enough|are enough|will do|is fine|are fine|should do|maximum|max|at maximum"
              + "|tops|at most|is plenty"
              + "|are plenty|will be enough|should be enough)");

  private static final Phrase ONE_RESULT = Phrase.of("(result|hit|link|article|page|item)");

  private static final Phrase CHANNEL =
      Phrase.of("((on|via|using|through|with|in) [the] (web|internet|google|bing|net)|online)");
  private static final Set<String> QUERY_STOPS = Set.of("then");

  /** A query that asks ("who is …?") keeps its question mark; a request that asks does not. */
  private static final Set<String> QUESTION_WORDS =
      Set.of(
          "who", "what", "when", "where", "why", "how", "which", "is", "are", "does", "do", "did",
          "has", "have", "can", "was", "were", "will");

  @Override
  public boolean starts(Cursor c) {
    int mark = c.mark();
    try {
      if (c.acceptFirst(VERBS) >= 0) {
        return true;
      }
      return c.acceptFirst(TOPIC_VERBS) >= 0
          && c.at(Kind.WORD)
          && TOPICS.contains(c.peek().lower());
    } finally {
      c.reset(mark);
    }
  }

  @Override
  public Step.Action parseOne(Cursor c) {
    int start = c.mark();
    boolean topic = c.acceptFirst(VERBS) < 0;
    if (topic) {
      c.acceptFirst(TOPIC_VERBS);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    String query = query(c);
    if (query == null) {
      throw c.failure(
          "What should be searched for? '" + c.text(start, c.mark()) + "'", start, c.mark());
    }
    params.put("query", query);
    Args.readAll(c, params, WebSearchClause::readParam);
    return new Step.Action(ActionType.WEB_SEARCH, params);
  }

  /** Contact-data providers: a lookup with one of them is an enrichment, not a web search. */
  private static final java.util.Set<String> DATA_PROVIDERS =
      java.util.Set.of("apollo", "clearbit", "zoominfo", "lusha", "cognism", "hunter");

  /** Quoted text, or the rest of the clause; a closing "?" belongs to a question. */
  private static String query(Cursor c) {
    int mark = c.mark();
    if (!(c.accept(QUERY_LABEL) && c.at(Kind.QUOTED))) {
      c.reset(mark); // "Web search / query: …"
    }
    if (c.at(Kind.QUOTED)) {
      String quoted = c.next().text();
      c.accept(CHANNEL);
      return quoted;
    }
    FreeText.Span span = FreeText.read(c, QUERY_STOPS, x -> limitStarts(x) || channelEndsQuery(x));
    if (span.isEmpty()) {
      return null;
    }
    String text = c.text(span.from(), span.to());
    for (int i = span.from(); i < span.to(); i++) {
      Token t = c.token(i);
      if (t.is(Kind.WORD) && DATA_PROVIDERS.contains(t.lower())) {
        // "look up their info with Apollo" asks a data provider, not the web
        throw c.failure(
            "'"
                + text
                + "' names a data provider. Did you mean: enrich the contact with "
                + t.text()
                + "?",
            span.from(),
            span.to());
      }
    }
    String first = c.token(span.from()).lower();
    c.accept(CHANNEL);
    Token after = c.peek();
    if (after.is(Kind.END) && after.text().startsWith("?") && QUESTION_WORDS.contains(first)) {
      text = text + "?";
    }
    return text;
  }

  /** "look up X on the web": where to search is not part of what to search for. */
  private static boolean channelEndsQuery(Cursor c) {
    int mark = c.mark();
    try {
      return c.accept(CHANNEL)
          && (FreeText.atBoundary(c) || limitStarts(c) || FreeText.startsNewStep(c));
    } finally {
      c.reset(mark);
    }
  }

  private static boolean limitStarts(Cursor c) {
    int mark = c.mark();
    try {
      c.acceptWord("and");
      return limit(c) != null;
    } finally {
      c.reset(mark);
    }
  }

  /** "keep the top 3 results", "top three", "max 5 results", "3 results"; null if none. */
  private static Number limit(Cursor c) {
    int mark = c.mark();
    boolean nounRequired = true;
    if (c.accept(LIMIT_LABEL)) {
      nounRequired = false; // "max results: 2"
    } else if (c.acceptFirst(LIMIT_BEFORE) >= 0) {
      nounRequired = false;
      c.accept(LIMIT_STRICT); // "with at most 3 results"
    } else if (c.accept(LIMIT_STRICT)) {
      nounRequired = false; // "(max 5)"
    }
    BigDecimal amount = Values.amount(c);
    if (amount == null && !nounRequired && c.accept(ONE_RESULT)) {
      c.accept(LIMIT_AFTER);
      return 1; // "keep the first result", "just the top result is fine"
    }
    boolean noun = amount != null && c.accept(RESULTS_NOUN);
    if (amount == null || (nounRequired && !noun) || amount.signum() <= 0) {
      c.reset(mark);
      return null;
    }
    c.accept(LIMIT_AFTER);
    return Values.plain(amount);
  }

  @Override
  public Step.Action amend(Cursor c, Step.Action previous) {
    if (previous.type() != ActionType.WEB_SEARCH || previous.params().containsKey("maxResults")) {
      return null;
    }
    int mark = c.mark();
    Number max = limit(c);
    if (max == null || !FreeText.atBoundary(c)) {
      c.reset(mark);
      return null;
    }
    Map<String, Object> params = new LinkedHashMap<>(previous.params());
    params.put("maxResults", max);
    return new Step.Action(ActionType.WEB_SEARCH, params);
  }

  private static boolean readParam(Cursor c, Map<String, Object> params) {
    Number max = limit(c);
    if (max == null) {
      return false;
    }
    params.put("maxResults", max);
    return true;
  }
}
