package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The normalisation pass: a table of word sequences (resource {@code instruction/rewrites.tsv})
 * read as other words, asked only after the text as written was refused. It drops what says nothing
 * about the plan (filler, hedges, politeness, the "the agent shall" frame of a specification),
 * reads synonyms and other spellings as the word the grammar knows ("dispatch" as "send", "superior
 * to" as "greater than"), and reads an unknown inflection of a known verb as the verb ("enriches",
 * "sending"). The tokens keep their place in the text, so a refusal of the rewritten text still
 * points at the words as written.
 *
 * <p>Table lines are {@code words<TAB>replacement}; {@code -} replaces with nothing, a leading
 * {@code ^} matches only where a clause starts, and {@code {num}} / {@code {q}} match a number /
 * quoted text that the replacement carries over in order; {@code , : ( ) { }} match that
 * punctuation (a replacement may hold a comma or a variable).
 */
final class Rewrites {

  /**
   * A word read as another.
   *
   * @param written the words as written
   * @param meant what they were read as (empty: nothing)
   */
  record Rewrite(String written, String meant) {}

  /** The rewritten tokens and what was rewritten (synonyms only, not dropped filler). */
  record Result(List<Token> tokens, List<Rewrite> synonyms) {}

  private record Rule(boolean clauseStart, List<String> words, List<String> replacement) {}

  private static final String TABLE = "/instruction/rewrites.tsv";

  /** Verbs whose other inflections are read as the verb when the lexicon does not know them. */
  private static final Set<String> VERBS =
      Set.of(
          "send",
          "email",
          "tag",
          "untag",
          "wait",
          "enrich",
          "search",
          "find",
          "create",
          "remove",
          "add",
          "set",
          "update",
          "remember",
          "store",
          "save",
          "invite",
          "connect",
          "research",
          "pause",
          "change",
          "move",
          "assign",
          "hand",
          "look",
          "check",
          "delete",
          "mark",
          "notify",
          "ping",
          "reply",
          "respond",
          "escalate",
          "record",
          "dispatch",
          "retrieve",
          "fetch");

  private static final Map<String, List<Rule>> RULES = load();

  private Rewrites() {}

  private static Map<String, List<Rule>> load() {
    Map<String, List<Rule>> byFirstWord = new HashMap<>();
    try (InputStream in = Rewrites.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + TABLE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t+");
        String written = columns[0].strip().toLowerCase(Locale.ROOT);
        boolean clauseStart = written.startsWith("^");
        List<String> words = List.of(written.replace("^", "").strip().split(" +"));
        String meant = columns[1].strip();
        List<String> replacement = meant.equals("-") ? List.of() : List.of(meant.split(" +"));
        byFirstWord
            .computeIfAbsent(words.getFirst(), first -> new ArrayList<>())
            .add(new Rule(clauseStart, words, replacement));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the longest rule first: "the agent shall" before "shall"
    byFirstWord.values().forEach(rules -> rules.sort((a, b) -> b.words.size() - a.words.size()));
    return Map.copyOf(byFirstWord);
  }

  /** {@code tokens} rewritten by the table; the same tokens when nothing applies. */
  static Result apply(List<Token> asWritten) {
    List<Token> tokens = slashSteps(keywordArguments(codeTokens(calls(asWritten))));
    List<Token> out = new ArrayList<>(tokens.size());
    List<Rewrite> synonyms = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      int matched = 0;
      String key =
          switch (t.kind()) {
            case NUMBER -> "{num}";
            case QUOTED -> "{q}";
            case COMMA -> ",";
            case COLON -> ":";
            case WORD, SYMBOL, LPAREN, RPAREN -> t.lower();
            default -> null;
          };
      if (key != null) {
        for (Rule rule : RULES.getOrDefault(key, List.of())) {
          matched = match(rule, tokens, i, out);
          if (matched > 0) {
            List<Token> slots = slots(rule, tokens, i);
            Token first = tokens.get(i);
            Token last = tokens.get(i + matched - 1);
            for (String word : rule.replacement) {
              out.add(
                  word.startsWith("{")
                      ? slots.removeFirst()
                      : replacement(word, first.start(), last.end()));
            }
            boolean punctuation = rule.words.stream().allMatch(w -> w.length() == 1);
            if (!rule.replacement.isEmpty()
                && !rule.replacement.equals(rule.words)
                && !punctuation) {
              List<String> written =
                  tokens.subList(i, i + matched).stream().map(Token::text).toList();
              List<String> meant =
                  rule.replacement.stream().map(w -> w.startsWith("{") ? "…" : w).toList();
              synonyms.add(new Rewrite(String.join(" ", written), String.join(" ", meant)));
            }
            break;
          }
        }
      }
      if (matched > 0) {
        i += matched;
        continue;
      }
      List<Token> duration = isoDuration(t);
      if (duration != null) {
        out.addAll(duration);
        i++;
        continue;
      }
      String lemma = lemma(t);
      if (lemma != null) {
        out.add(new Token(Kind.WORD, t.text(), lemma, t.start(), t.end(), null));
        synonyms.add(new Rewrite(t.text(), lemma));
      } else {
        out.add(t);
      }
      i++;
    }
    return new Result(verbLast(out), synonyms);
  }

  /**
   * "set status 'Contacted' / add tag 'Engaged'": a slash between spaces before a step's verb
   * separates steps (the tokenizer read it as "or", as between values: "'Fintech' / 'Banking'").
   */
  private static List<Token> slashSteps(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 0; i + 1 < out.size(); i++) {
      Token t = out.get(i);
      String next = out.get(i + 1).lower();
      if (t.text().equals("/")
          && t.isWord("or")
          && (VERBS.contains(next) || SLASHED_STEPS.contains(next))) {
        out.set(i, Token.of(Kind.SEMICOLON, "/", t.start(), t.end()));
      }
    }
    return out;
  }

  /** Heads of steps in shorthand that may follow a slash, besides {@link #VERBS}. */
  private static final Set<String> SLASHED_STEPS =
      Set.of("handoff", "linkedin", "template", "task", "deal", "web");

  /** Verbs that close a clause in verb-last word order ("invite" is a noun there as often). */
  private static final Set<String> FINAL_VERBS =
      Set.of("send", "wait", "add", "remove", "enrich", "create");

  /**
   * Verb-last word order, as Japanese or German speakers may write English ("LinkedIn invitation
   * send with note 'Hi'", "3 hours wait, then …"): in a clause that opens with a number or a word
   * other than a verb, and has no other verb, a verb at the clause's end or right before "with" is
   * read at its start.
   */
  private static List<Token> verbLast(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    int start = 0;
    for (int i = 0; i <= out.size(); i++) {
      boolean boundary =
          i == out.size()
              || (opensClause(out.get(i)) && !out.get(i).is(Kind.LPAREN))
              || out.get(i).isWord("then");
      if (boundary) {
        moveVerb(out, start, i);
        start = i + 1;
      }
    }
    return out;
  }

  private static void moveVerb(List<Token> out, int from, int to) {
    if (to - from < 2) {
      return;
    }
    Token first = out.get(from);
    boolean opensWithVerb = first.is(Kind.WORD) && VERBS.contains(first.lower());
    if (opensWithVerb || !(first.is(Kind.WORD) || first.is(Kind.NUMBER))) {
      return;
    }
    for (int v = from + 1; v < to; v++) {
      Token t = out.get(v);
      if (t.is(Kind.WORD) && VERBS.contains(t.lower()) && !FINAL_VERBS.contains(t.lower())) {
        return; // the clause has its verb already: "finally send a LinkedIn invite"
      }
      boolean closes = v + 1 == to || out.get(v + 1).isWord("with");
      if (t.is(Kind.WORD) && FINAL_VERBS.contains(t.lower()) && closes) {
        // read first, where the clause starts: an empty span there keeps the offsets in order
        out.remove(v);
        out.add(
            from, new Token(Kind.WORD, t.text(), t.lower(), first.start(), first.start(), null));
        return;
      }
    }
  }

  /** Words that, right before a parenthesis, are an action written as a call. */
  private static final Set<String> CALLS =
      Set.of(
          "send_email",
          "add_tag",
          "remove_tag",
          "linkedin_invite",
          "search_contacts",
          "web_search",
          "create_task",
          "enrich_contact",
          "handoff",
          "hand_off",
          "remember",
          "wait",
          "enrich",
          "tag",
          "untag",
          "update_field",
          "search");

  /**
   * "wait(P2D); send_email(template='Intro')": an action written as a call reads as its words,
   * without the parentheses.
   */
  private static List<Token> calls(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 0; i + 1 < out.size(); i++) {
      Token name = out.get(i);
      Token open = out.get(i + 1);
      if (!name.is(Kind.WORD)
          || !CALLS.contains(name.lower())
          || !open.is(Kind.LPAREN)
          || open.start() != name.end()) {
        continue;
      }
      int depth = 0;
      int close = -1;
      for (int k = i + 1; k < out.size() && close < 0; k++) {
        depth += out.get(k).is(Kind.LPAREN) ? 1 : out.get(k).is(Kind.RPAREN) ? -1 : 0;
        close = depth == 0 ? k : -1;
      }
      if (close < 0) {
        continue;
      }
      out.remove(close);
      out.remove(i + 1); // its named arguments lose their "=" in keywordArguments
    }
    return out;
  }

  private static final java.util.regex.Pattern QUOTED_VARIABLE =
      java.util.regex.Pattern.compile("@[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+");

  /**
   * Code-minded spellings read as the grammar's: a quote that holds only a variable is the variable
   * ("@user.salesRep" in quotes), one that holds only a duration is the duration ("P4D"), and "=>"
   * is "as" between two variables and an arrow elsewhere.
   */
  private static List<Token> codeTokens(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : t;
      if (t.is(Kind.QUOTED) && QUOTED_VARIABLE.matcher(t.text()).matches()) {
        out.add(
            new Token(
                Kind.VARIABLE,
                t.text(),
                t.text().toLowerCase(Locale.ROOT),
                t.start(),
                t.end(),
                null));
      } else if (t.is(Kind.QUOTED)
          && ISO_DURATION.matcher(t.text().toLowerCase(Locale.ROOT)).matches()) {
        out.add(Token.word(t.text(), t.text().toLowerCase(Locale.ROOT), t.start(), t.end()));
      } else if (t.is(Kind.OPERATOR) && t.text().equals("=>")) {
        boolean names = !out.isEmpty() && out.getLast().is(Kind.VARIABLE) && next.is(Kind.VARIABLE);
        out.add(
            names
                ? Token.word(t.text(), "as", t.start(), t.end())
                : Token.of(Kind.DASH, "→", t.start(), t.end()));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * "send_email template="Intro" dueInDays=5": a step written in the plan schema's names with its
   * arguments as name=value reads without the "=", from its name to the clause's end.
   */
  private static List<Token> keywordArguments(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    boolean inCall = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean search = t.isWord("search") || t.isWord("search_contacts"); // "city=Austin" filters
      if (t.is(Kind.WORD) && CALLS.contains(t.lower()) && !search) {
        inCall = true;
      } else if (opensClause(t) && !t.is(Kind.LPAREN) || t.isWord("else")) {
        inCall = false;
      }
      boolean named =
          inCall
              && t.is(Kind.OPERATOR)
              && t.text().equals("=")
              && !out.isEmpty()
              && out.getLast().is(Kind.WORD)
              && i + 1 < tokens.size()
              && (tokens.get(i + 1).is(Kind.QUOTED)
                  || tokens.get(i + 1).is(Kind.NUMBER)
                  || tokens.get(i + 1).is(Kind.VARIABLE));
      if (!named) {
        out.add(t);
      }
    }
    return out;
  }

  /** A replacement word: a comma, a variable ("@search.results[0].title") or a word. */
  private static Token replacement(String word, int start, int end) {
    if (word.equals(",")) {
      return Token.of(Kind.COMMA, word, start, end);
    }
    return word.startsWith("@")
        ? new Token(Kind.VARIABLE, word, word.toLowerCase(Locale.ROOT), start, end, null)
        : Token.word(word, word, start, end);
  }

  /** How many tokens {@code rule} matches at {@code i}; 0 when it does not. */
  private static int match(Rule rule, List<Token> tokens, int i, List<Token> before) {
    if (rule.clauseStart && !before.isEmpty() && !opensClause(before.getLast())) {
      return 0;
    }
    for (int k = 0; k < rule.words.size(); k++) {
      if (i + k >= tokens.size()) {
        return 0;
      }
      Token t = tokens.get(i + k);
      String word = rule.words.get(k);
      boolean ok =
          switch (word) {
            case "{num}" -> Values.isNumber(t);
            case "{q}" -> t.is(Kind.QUOTED);
            case "," -> t.is(Kind.COMMA);
            case ":" -> t.is(Kind.COLON);
            case "->" -> t.is(Kind.DASH) && ARROWS.contains(t.text());
            case "(", "{" -> t.is(Kind.LPAREN) && t.text().equals(word);
            case ")", "}" -> t.is(Kind.RPAREN) && t.text().equals(word);
            default -> (t.is(Kind.WORD) || t.is(Kind.SYMBOL)) && t.lower().equals(word);
          };
      if (!ok) {
        return 0;
      }
    }
    return rule.words.size();
  }

  private static List<Token> slots(Rule rule, List<Token> tokens, int i) {
    List<Token> slots = new ArrayList<>();
    for (int k = 0; k < rule.words.size(); k++) {
      if (rule.words.get(k).startsWith("{")) {
        slots.add(tokens.get(i + k));
      }
    }
    return slots;
  }

  /** The arrows a row's "->" stands for. */
  private static final Set<String> ARROWS = Set.of("->", "→", "⇒");

  static boolean opensClause(Token t) {
    return switch (t.kind()) {
      case END, COMMA, SEMICOLON, COLON, LIST_MARKER, DASH, LPAREN -> true;
      default -> false;
    };
  }

  private static final java.util.regex.Pattern ISO_DURATION =
      java.util.regex.Pattern.compile("p(?:(\\d{1,4})([dwmy])|t(\\d{1,4})([hm]))");

  /** "P2D", "PT3H" as written in the plan schema: the number and its unit, as words say it. */
  private static List<Token> isoDuration(Token t) {
    java.util.regex.Matcher m = ISO_DURATION.matcher(t.lower());
    if (!t.is(Kind.WORD) || !m.matches()) {
      return null;
    }
    boolean time = m.group(3) != null;
    String amount = time ? m.group(3) : m.group(1);
    String unit =
        switch (time ? "t" + m.group(4) : m.group(2)) {
          case "d" -> "days";
          case "w" -> "weeks";
          case "m" -> "months";
          case "y" -> "years";
          case "th" -> "hours";
          default -> "minutes";
        };
    return List.of(
        new Token(
            Kind.NUMBER, t.text(), amount, t.start(), t.end(), new java.math.BigDecimal(amount)),
        Token.word(unit, unit, t.start(), t.end()));
  }

  /** The verb an unknown inflection ("enriches", "sending", "tagging") is of, or null. */
  private static String lemma(Token t) {
    String w = t.lower();
    if (!t.is(Kind.WORD) || w.length() < 5 || WordTypos.known(w)) {
      return null;
    }
    for (String suffix : List.of("ing", "es", "s")) {
      if (w.endsWith(suffix)) {
        String stem = w.substring(0, w.length() - suffix.length());
        if (VERBS.contains(stem)) {
          return stem;
        }
        if (stem.length() > 2
            && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
            && VERBS.contains(stem.substring(0, stem.length() - 1))) {
          return stem.substring(0, stem.length() - 1); // "tagging"
        }
        if (VERBS.contains(stem + "e")) {
          return stem + "e"; // "storing"
        }
      }
    }
    return null;
  }
}
