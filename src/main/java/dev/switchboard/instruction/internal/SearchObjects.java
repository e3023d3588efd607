package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * "Tag all contacts in Austin as 'Roadshow'", "email everyone whose title contains 'CTO' the 'Tech
 * Intro' template": an action whose object is a search is read as the search, then the action on
 * them ("find all contacts in Austin, tag them as 'Roadshow'"). Asked in the normalisation pass
 * only, after the text as written was refused. The search's words keep their place; the verb is
 * read again, with "them", where the search ends (empty spans there keep the offsets in order).
 */
final class SearchObjects {

  /** Verbs whose object may be a search. */
  private static final Set<String> VERBS =
      Set.of("tag", "label", "untag", "email", "mail", "enrich", "invite", "send", "ping");

  /** How a search object starts: "all contacts", "everyone", "the leads". */
  private static final Phrase OBJECT =
      Phrase.of(
          "[all|any] [the|my|our|those] (contacts|leads|people|prospects|everyone|everybody"
              + "|customers)");

  private static final SearchGrammar SEARCH = new SearchGrammar();

  /** Whether a search object starts at the cursor ("all contacts whose …"); the cursor stays. */
  static boolean atObject(Cursor c) {
    int mark = c.mark();
    boolean object = c.accept(OBJECT) && c.at(SearchGrammar.FILTER_START);
    c.reset(mark);
    return object;
  }

  private SearchObjects() {}

  /** {@code tokens} with each action on a search read as the search and the action on them. */
  static List<Token> apply(String text, List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 0; i < out.size() - 1; i++) {
      Token verb = out.get(i);
      Token before = i == 0 ? null : out.get(i - 1);
      boolean opens =
          before == null
              || Rewrites.opensClause(before)
              || before.isWord("then")
              || before.isWord("and");
      if (!opens || !verb.is(Kind.WORD) || !VERBS.contains(verb.lower())) {
        continue;
      }
      int end = searchEnd(text, out, i + 1);
      if (end < 0) {
        continue;
      }
      int at = out.get(end).start();
      List<Token> read = new ArrayList<>();
      read.add(Token.word(verb.text(), "find", verb.start(), verb.start()));
      read.addAll(out.subList(i + 1, end));
      read.add(Token.of(Kind.COMMA, ",", at, at));
      read.add(new Token(Kind.WORD, verb.text(), verb.lower(), at, at, null));
      read.add(Token.word("them", "them", at, at));
      out.subList(i, end).clear();
      out.addAll(i, read);
      i += read.size() - 1;
    }
    return out;
  }

  /**
   * Where the search that starts at token {@code from} ends, or -1 when no search object with at
   * least one filter starts there.
   */
  private static int searchEnd(String text, List<Token> tokens, int from) {
    Cursor c = new Cursor(text, tokens);
    c.reset(from);
    if (!c.accept(OBJECT) || !c.at(SearchGrammar.FILTER_START)) {
      return -1;
    }
    c.reset(from);
    try {
      Step.Action search = SEARCH.parseOne(c);
      boolean filtered =
          search.type() == ActionType.SEARCH_CONTACTS
              && search.params().get("filters") instanceof List<?> filters
              && !filters.isEmpty();
      return filtered ? c.mark() : -1;
    } catch (ParseFailure notASearch) {
      return -1;
    }
  }
}
