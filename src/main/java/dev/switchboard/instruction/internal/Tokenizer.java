package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits instruction text into {@link Token}s in one pass.
 *
 * <p>Quoted text ('x', "x", ‘x’, “x”, «x», „x“) is kept exactly as written, variables ({@code
 * @contact.firstName}) and qualified fields ({@code deal.value}) stay whole, money and "10k" become
 * numbers, contractions are split into words ("isn't" is "is not"), and decorative symbols such as
 * emoji outside quotes are dropped.
 */
final class Tokenizer {

  /** Roman numerals of sub-clauses: "i)", "(iv)", "4.a.ii". */
  private static final String ROMAN = "iv|ix|vi{0,3}|i{1,3}|x";

  /**
   * What opens a list item at a line start: "1.", "2.1", "4.a.ii", "3)", "a.", "B)", "iv.", "(a)",
   * "(ii)", bullets and checkboxes, "AC1:", "Step 2:".
   */
  private static final Pattern LIST_MARKER_AT_LINE_START =
      Pattern.compile(
          "(?:\\d{1,3}(?:\\.(?:\\d{1,3}|[a-h]|"
              + ROMAN
              + "))+\\.?|\\d{1,3}[.)/]|#\\d{1,3}[.):]?"
              + "|\\d{1,3}\\s*[-–—:](?=\\s)|\\d{1,3}(?=\\t| {2,})|[a-hA-H][.)]|(?:"
              + ROMAN
              + ")[.)]"
              + "|\\((?:[a-h]|"
              + ROMAN
              + ")\\)"
              + "|[-*•·‣▪◦–]?\\s*\\[[ xX]?]|->|→|⇒|[-*•·‣▪◦–+]"
              + "|(?i:ac)\\d{0,3}(?:\\.\\d{1,3})*\\s*[:.)\\-–—]"
              + "|(?i:step)\\s*(?:\\d{1,3}\\s*[:.)\\-–—]?"
              + "|(?i:one|two|three|four|five|six|seven|eight|nine|ten)\\s*[:.)\\-–—]))(?=\\s)");

  /** The word after a tag sign that makes the sign the verb alone: "-tag 'X'". */
  private static final Pattern TAG_WORD = Pattern.compile("(?i:tags?)\\b");

  private static final Pattern PAREN_MARKER = Pattern.compile("\\(\\d{1,3}\\)");
  private static final Pattern INLINE_MARKER = Pattern.compile("\\d{1,3}\\)(?=\\s)");

  /** "…: (i) enrich the contact; (ii) …": sub-clauses numbered in Roman numerals on one line. */
  private static final Pattern ROMAN_PAREN_MARKER =
      Pattern.compile("\\((?:" + ROMAN + ")\\)(?=\\s)");

  /** "1. Wait three days. 2. Send …": the next number of a list written on one line. */
  private static final Pattern NUMBER_AFTER_SENTENCE = Pattern.compile("(\\d{1,3})\\.(?=\\s)");

  /** "Step 2:" after a full stop on the same line. */
  private static final Pattern STEP_AFTER_SENTENCE =
      Pattern.compile("(?i:step)\\s*\\d{1,3}\\s*[:.)\\-–—](?=\\s)");

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern PATH =
      Pattern.compile(
          "(?i:contact|deal|company|user|memory|form|search|lead)(?:\\.[A-Za-z_][A-Za-z0-9_]*)+"
              + "(?![A-Za-z0-9_])");

  /** "globex.com", "brightpath.io": a domain is one word, its dot ends no sentence. */
  private static final Pattern DOMAIN =
      Pattern.compile(
          "[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:com|io|org|net|co|de|fr|es|it|nl|uk|ai|app|dev|eu"
              + "|us|br|in|ch|at|se|no|dk|fi|pl|pt|jp|au|ca)(?![A-Za-z0-9_@]|\\.[A-Za-z0-9])");

  private static final Pattern VARIABLE =
      Pattern.compile("@[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+])*");

  /** Digits: "10,000", "12 000", Indian grouping "5,00,000", a decimal part. */
  private static final Pattern NUMBER =
      Pattern.compile(
          "(\\d{1,2}(?:,\\d{2})+,\\d{3}|\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?: \\d{3})+(?!\\d)"
              + "|\\d{1,3}(?:\\.\\d{3}){2,}(?![\\d.])|\\d+)(\\.\\d+)?"
              + "(?![\\d,]\\d)");

  /** "12.500,00", "40 000,50": thousands grouped by points or spaces, a comma before the cents. */
  private static final Pattern DECIMAL_COMMA =
      Pattern.compile("(\\d{1,3}(?:[. ]\\d{3})+),(\\d{2})(?![\\d,.]?\\d)");

  /** Currency signs written before or after an amount. */
  private static final String CURRENCIES = "$€£₹¥₦₱₩";

  /** "12 000 €", "100k euro": a currency said after the amount belongs to the number. */
  private static final Pattern CURRENCY_AFTER =
      Pattern.compile(
          "(?: ?["
              + CURRENCIES
              + "](?![\\d.,]?\\d)| (?:euros?|eur|usd|dollars?|pounds?|gbp|yen|jpy|rupees?|inr|naira|ngn"
              + "|reais|brl|tl|try|rp|idr|zł|zl|pln|egp|kes|ksh|vnd|aed|sar|mxn|zar|chf|sek|nok|dkk"
              + "|cad|aud)(?![A-Za-z]))",
          Pattern.CASE_INSENSITIVE);

  /** "EUR 250.000", "USD 40,000": a currency code said before the amount. */
  private static final Pattern CURRENCY_BEFORE =
      Pattern.compile(
          "(?<![A-Za-z])(?:eur|usd|gbp|chf|inr|jpy|brl|cad|aud|sek|nok|dkk|rp|idr|tl) $",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern REAIS = Pattern.compile("R\\$ ?(?=\\d)");
  private static final Pattern MIL = Pattern.compile(" mil(?![A-Za-z])");

  private static final Pattern OPERATOR = Pattern.compile("==|!=|>=|<=|=>|=<|<>|[<>=≥≤≠]");

  /** What makes a backtick span words to read rather than a value: an operator, quote, variable… */
  private static final Pattern CODE_EXPRESSION =
      Pattern.compile(
          "[=<>≥≤≠!'\"‘’“”@(]|^\\s*(?i:contact|deal|company|user|memory|form|search|lead)\\.");

  /**
   * Words around a variable in backticks are a value, not code: "create task `Call
   *
   * @contact.firstName`", "message: `Hot inbound: @contact.firstName at @company.name`" (no
   *     comparison, no quotes but apostrophes inside words, not a field path).
   */
  private static final Pattern CODE_TEXT =
      Pattern.compile(
          "(?=.*\\s)(?=.*@\\p{L})(?!\\s*(?i:contact|deal|company|user|memory|form|search|lead)\\.)"
              + "(?:[^=<>≥≤≠\"“”'‘’(]|(?<=\\p{L})['’](?=\\p{L}))+");

  /** A letter's postscript mark at a line's start: "P.S.", "PS:", "P.S.:". */
  private static final Pattern POSTSCRIPT = Pattern.compile("P\\.? ?S\\.?:?(?= )");

  /**
   * A number, a boolean or a field's name in backticks is itself: "set `leadScore` to `0`", "is
   * `true`", "`opened_email`".
   */
  private static final Pattern CODE_LITERAL =
      Pattern.compile(
          "-?\\d+(?:\\.\\d+)?|(?i:true|false)|\\p{Ll}+(?:\\p{Lu}\\p{Ll}*)+|\\p{Ll}+(?:_\\p{Ll}+)+");

  /** Shorthand that terse authors use for a word the grammar knows: "email tpl 'Intro'". */
  private static final Map<String, String> ABBREVIATIONS =
      Map.ofEntries(
          Map.entry("tpl", "template"),
          Map.entry("tmpl", "template"),
          Map.entry("templ", "template"),
          Map.entry("msg", "message"),
          Map.entry("subj", "subject"),
          Map.entry("rm", "remove"),
          Map.entry("li", "linkedin"),
          Map.entry("req", "request"),
          Map.entry("ppl", "people"),
          Map.entry("pls", "please"),
          Map.entry("plz", "please"),
          Map.entry("thx", "thanks"));

  /**
   * "would you mind waiting two days and emailing them": the -ing forms of the action verbs read as
   * the verbs ("following" is left alone: "the following template").
   */
  private static final Map<String, String> GERUNDS =
      Map.ofEntries(
          Map.entry("adding", "add"),
          Map.entry("applying", "apply"),
          Map.entry("changing", "change"),
          Map.entry("checking", "check"),
          Map.entry("connecting", "connect"),
          Map.entry("creating", "create"),
          Map.entry("dropping", "drop"),
          Map.entry("emailing", "email"),
          Map.entry("enriching", "enrich"),
          Map.entry("escalating", "escalate"),
          Map.entry("finding", "find"),
          Map.entry("googling", "google"),
          Map.entry("handing", "hand"),
          Map.entry("inviting", "invite"),
          Map.entry("looking", "look"),
          Map.entry("looping", "loop"),
          Map.entry("keeping", "keep"),
          Map.entry("making", "make"),
          Map.entry("marking", "mark"),
          Map.entry("messaging", "message"),
          Map.entry("passing", "pass"),
          Map.entry("pausing", "pause"),
          Map.entry("pinging", "ping"),
          Map.entry("pulling", "pull"),
          Map.entry("reaching", "reach"),
          Map.entry("remembering", "remember"),
          Map.entry("removing", "remove"),
          Map.entry("researching", "research"),
          Map.entry("saving", "save"),
          Map.entry("scheduling", "schedule"),
          Map.entry("searching", "search"),
          Map.entry("sending", "send"),
          Map.entry("setting", "set"),
          Map.entry("shooting", "shoot"),
          Map.entry("storing", "store"),
          Map.entry("tagging", "tag"),
          Map.entry("untagging", "untag"),
          Map.entry("updating", "update"),
          Map.entry("waiting", "wait"));

  private static final String QUOTE = "(?:'[^'\\n]*'|\"[^\"\\n]*\"|‘[^’\\n]*’|“[^”\\n]*”)";
  private static final Pattern QUOTED_LIST =
      Pattern.compile("\\[\\s*" + QUOTE + "(?:\\s*,\\s*" + QUOTE + ")*\\s*]");
  private static final Pattern CHAT_STAMP =
      Pattern.compile("\\[\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[AaPp]\\.?[Mm]\\.?)?]");
  private static final Pattern EMOTICON = Pattern.compile("[:;]-?[)(DPp](?![A-Za-z0-9])");
  private static final Map<String, String> CONTRACTION_TAILS =
      Map.of("s", "'s", "re", "are", "ve", "have", "ll", "will", "d", "would", "m", "am");

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private boolean lineStart = true;

  /** Where the closing bracket of a list of quoted values lies (skipped there), or -1. */
  private int listEnd = -1;

  /** Where the closing backtick of a code span read as plain text lies (skipped there), or -1. */
  private int codeSpanEnd = -1;

  /** Label-and-value lines ("Template: Intro", "- country: Germany"). */
  private final Forms forms = new Forms();

  private Tokenizer(String text) {
    this.text = text;
  }

  /**
   * The passes over the text before it is tokenized, in order: each blanks or marks characters in
   * place, so every offset still points into the text as written.
   */
  private static final List<UnaryOperator<String>> TEXT_PASSES =
      List.of(
          Comments::strip,
          Signatures::strip,
          Asides::strip,
          Sections::strip,
          IndentedBlocks::mark,
          Emphasis::strip,
          Tables::flatten,
          WorkflowBlocks::flatten);

  /** Tokenizes the text; the list always ends with an {@link Kind#EOF} token. */
  static List<Token> tokenize(String text) {
    String read = text;
    for (UnaryOperator<String> pass : TEXT_PASSES) {
      read = pass.apply(read);
    }
    Tokenizer tokenizer = new Tokenizer(read);
    tokenizer.run();
    return SearchObjects.apply(text, SelfCorrections.apply(Dictation.read(text, tokenizer.tokens)));
  }

  private void run() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n' || c == '\r') {
        endSentence(pos, pos + 1);
        pos++;
        lineStart = true;
      } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pos++;
      } else {
        boolean atLineStart = lineStart;
        lineStart = false;
        if (atLineStart) {
          Matcher stamp = c == '[' ? CHAT_STAMP.matcher(text).region(pos, text.length()) : null;
          if (stamp != null && stamp.lookingAt()) {
            // "[9:02 AM] if the deal is over $50k …": a chat message's time says nothing
            pos = stamp.end();
            lineStart = true;
            continue;
          }
          Matcher postscript =
              c == 'P' ? POSTSCRIPT.matcher(text).region(pos, text.length()) : null;
          if (postscript != null && postscript.lookingAt()) {
            pos = postscript.end(); // "P.S. The top 5 results are plenty.": a sentence as any other
            continue;
          }
          int next = forms.lineStart(text, pos, tokens);
          if (next != pos) {
            pos = next;
            continue;
          }
        }
        if (c == ':' && forms.colon(text, pos, tokens)) {
          pos = forms.resumeAt();
          continue;
        }
        if (!(atLineStart && listMarker(LIST_MARKER_AT_LINE_START)) && !readToken(c)) {
          pos += Character.charCount(text.codePointAt(pos));
        }
      }
    }
    tokens.add(Token.of(Kind.EOF, "", text.length(), text.length()));
  }

  /** Reads one token starting at {@code c}; false when the character is skipped as decoration. */
  private boolean readToken(char c) {
    if (c == '`') {
      codeSpan();
      return true;
    }
    if (c == 'R' && text.startsWith("R$", pos)) { // "R$ 50.000", Brazilian reais
      Matcher real = REAIS.matcher(text).region(pos, text.length());
      if (real.lookingAt()) {
        number(pos, real.end());
        return true;
      }
    }
    if (c == '('
        && (restatedNumber()
            || listMarker(PAREN_MARKER)
            || afterClauseBreak() && listMarker(ROMAN_PAREN_MARKER))) {
      return true;
    }
    if ((c == 'S' || c == 's') && afterSentence() && listMarker(STEP_AFTER_SENTENCE)) {
      return true; // "Beacon Realty reminder. Step 1: wait 3 days. Step 2: …"
    }
    if (Character.isDigit(c) && nextItemOnTheLine() && listMarker(NUMBER_AFTER_SENTENCE)) {
      return true;
    }
    if (Character.isDigit(c)
        && previousIsBlank()
        && !insideParentheses()
        && listMarker(INLINE_MARKER)) {
      return true;
    }
    if (c == '\'' && text.startsWith("'em", pos) && !followedByLetter(pos + 3)) {
      tokens.add(Token.word("'em", "them", pos, pos + 3)); // "tag 'em"
      pos += 3;
      return true;
    }
    if (isQuote(c) && opensQuote(c)) {
      quoted(c);
      return true;
    }
    if (c == '@') {
      return matched(VARIABLE, Kind.VARIABLE) || single(Kind.SYMBOL);
    }
    if (Character.isLetterOrDigit(c) || c == '_') {
      if (matched(EMAIL, Kind.EMAIL) || matched(PATH, Kind.PATH) || matched(DOMAIN, Kind.WORD)) {
        return true;
      }
      if (Character.isDigit(c)) {
        number(pos, pos);
      } else {
        word();
      }
      return true;
    }
    if (CURRENCIES.indexOf(c) >= 0 && nextIsDigit()) {
      number(pos, pos + 1);
      return true;
    }
    if (CURRENCIES.indexOf(c) >= 0 && spaceThenDigit()) {
      number(pos, pos + 2); // "€ 10.000"
      return true;
    }
    return punctuation(c);
  }

  private boolean punctuation(char c) {
    if ((c == ':' || c == ';') && skipped(EMOTICON)) {
      return true; // "Much appreciated :)"
    }
    switch (c) {
      case ',':
        return single(Kind.COMMA);
      case ';':
        return single(Kind.SEMICOLON);
      case ':':
        return single(Kind.COLON);
      case '[':
        Matcher list = QUOTED_LIST.matcher(text).region(pos, text.length());
        if (list.lookingAt()) {
          listEnd = list.end() - 1; // "add_tag ['A', 'B']": the brackets only hold the list
          pos++;
          return true;
        }
        return single(Kind.LPAREN);
      case ']':
        if (pos == listEnd) {
          pos++;
          return true;
        }
        return single(Kind.RPAREN);
      case '(', '{':
        return single(Kind.LPAREN);
      case ')', '}':
        return single(Kind.RPAREN);
      case '!':
        if (pos + 1 < text.length() && text.charAt(pos + 1) == '=') {
          return matched(OPERATOR, Kind.OPERATOR);
        }
        if (previousIsBlank() && pos + 1 < text.length() && startsOperand(text.charAt(pos + 1))) {
          tokens.add(Token.word("!", "not", pos, pos + 1)); // "!(a || b)", "!contact.replied"
          pos++;
          return true;
        }
        return sentenceEnd();
      case '|':
        if (text.startsWith("||", pos)) {
          tokens.add(Token.word("||", "or", pos, pos + 2));
          pos += 2;
          return true;
        }
        return other();
      case '.', '?', '…':
        return sentenceEnd();
      default:
        return other();
    }
  }

  private boolean sentenceEnd() {
    if (text.charAt(pos) == '.' && afterTitle()) {
      pos++; // "Mr. Okafor": the title's point ends no sentence
      return true;
    }
    int start = pos;
    while (pos < text.length() && ".!?…".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    endSentence(start, pos);
    return true;
  }

  private static final java.util.Set<String> TITLES = java.util.Set.of("mr", "mrs", "ms", "dr");

  /** Whether the point at {@code pos} follows "Mr", "Ms", "Dr" … and a capitalised name follows. */
  private boolean afterTitle() {
    Token last = tokens.isEmpty() ? null : tokens.getLast();
    return last != null
        && last.is(Kind.WORD)
        && last.end() == pos
        && TITLES.contains(last.lower())
        && pos + 2 < text.length()
        && text.charAt(pos + 1) == ' '
        && Character.isUpperCase(text.charAt(pos + 2));
  }

  private boolean other() {
    switch (text.charAt(pos)) {
      case '-', '–', '—', '→', '⇒':
        if (text.charAt(pos) == '-' && insideWord()) {
          pos++; // "follow-up" reads as "follow up"
          return true;
        }
        if (text.charAt(pos) == '-' && (tagSign("untag") || signAfterTag("untag"))) {
          return true;
        }
        if (text.startsWith("->", pos)) {
          tokens.add(Token.of(Kind.DASH, "->", pos, pos + 2));
          pos += 2;
          return true;
        }
        return single(Kind.DASH);
      case '+', '/':
        if (text.charAt(pos) == '+' && (tagSign("tag") || signAfterTag("tag"))) {
          return true;
        }
        if (previousIsBlank() && pos + 1 < text.length() && text.charAt(pos + 1) == ' ') {
          // "tag 'Hot' + loop in the rep", "'Fintech' / 'Banking'"
          String meaning = text.charAt(pos) == '+' ? "and" : "or";
          tokens.add(Token.word(text.substring(pos, pos + 1), meaning, pos, pos + 1));
          pos++;
          return true;
        }
        return single(Kind.SYMBOL);
      case '*':
        return false; // Markdown emphasis, "**Then:**" (a list bullet is read at the line start)
      case '&':
        int length = text.startsWith("&&", pos) ? 2 : 1;
        tokens.add(Token.word(text.substring(pos, pos + length), "and", pos, pos + length));
        pos += length;
        return true;
      default:
        if (matched(OPERATOR, Kind.OPERATOR)) {
          return true;
        }
        if (isDecoration(text.codePointAt(pos))) {
          if (pictographBetweenWords()) {
            endSentence(pos, pos + Character.charCount(text.codePointAt(pos)));
          }
          return false;
        }
        return single(Kind.SYMBOL);
    }
  }

  /**
   * "Re-engagement sequence ⚡ send the …", "remove 'In Sequence' 🎉 they made it": an emoji between
   * words on one line ends what came before it, like a full stop.
   */
  private boolean pictographBetweenWords() {
    if (tokens.isEmpty() || !(tokens.getLast().is(Kind.WORD) || tokens.getLast().is(Kind.QUOTED))) {
      return false;
    }
    int next = pos + Character.charCount(text.codePointAt(pos));
    while (next < text.length()
        && (text.charAt(next) == ' ' || isDecoration(text.codePointAt(next)))) {
      next += Character.charCount(text.codePointAt(next));
    }
    return next < text.length() && Character.isLetter(text.charAt(next));
  }

  private static boolean isDecoration(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.OTHER_SYMBOL
        || type == Character.MODIFIER_SYMBOL
        || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED;
  }

  private void endSentence(int start, int end) {
    if (!tokens.isEmpty() && tokens.getLast().is(Kind.END)) {
      return;
    }
    tokens.add(Token.of(Kind.END, text.substring(start, end), start, end));
  }

  /** "two (2) days": the digits in brackets say the number just written again, and are skipped. */
  private boolean restatedNumber() {
    Matcher m = PAREN_MARKER.matcher(text).region(pos, text.length());
    if (tokens.isEmpty() || !m.lookingAt()) {
      return false;
    }
    BigDecimal digits = new BigDecimal(m.group().substring(1, m.group().length() - 1));
    Token last = tokens.getLast();
    BigDecimal said = last.is(Kind.NUMBER) ? last.number() : Values.wordValue(last);
    if (said == null || said.compareTo(digits) != 0) {
      return false;
    }
    pos = m.end();
    return true;
  }

  private boolean listMarker(Pattern pattern) {
    Matcher m = pattern.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      return false;
    }
    tokens.add(Token.of(Kind.LIST_MARKER, m.group(), pos, m.end()));
    pos = m.end();
    return true;
  }

  private boolean skipped(Pattern pattern) {
    Matcher m = pattern.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      return false;
    }
    pos = m.end();
    return true;
  }

  private boolean matched(Pattern pattern, Kind kind) {
    Matcher m = pattern.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      return false;
    }
    tokens.add(Token.of(kind, m.group(), pos, m.end()));
    pos = m.end();
    return true;
  }

  private boolean single(Kind kind) {
    tokens.add(Token.of(kind, text.substring(pos, pos + 1), pos, pos + 1));
    pos++;
    return true;
  }

  /**
   * "+Hot", "+'Low Touch'", "-tag 'Open Opp'": a sign stuck to a name adds or removes that tag, as
   * terse text writes it; before the word "tag" it is the verb alone ("add tag", "remove tag").
   * Before an action's verb it is a bullet ("-Send …").
   */
  private boolean tagSign(String verb) {
    boolean opens = pos == 0 || " \t\n:;,(→".indexOf(text.charAt(pos - 1)) >= 0;
    if (!opens || pos + 1 >= text.length()) {
      return false;
    }
    char next = text.charAt(pos + 1);
    if (!Character.isLetter(next) && "'\"‘“".indexOf(next) < 0) {
      return false;
    }
    Matcher tag = TAG_WORD.matcher(text).region(pos + 1, text.length());
    boolean verbAlone = tag.lookingAt();
    int wordEnd = pos + 1;
    while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
      wordEnd++;
    }
    String word = text.substring(pos + 1, wordEnd).toLowerCase(Locale.ROOT);
    boolean stepVerb =
        Background.orders(Token.word(word, word, pos + 1, wordEnd))
            || word.equals("wait")
            || word.equals("remember");
    if (!verbAlone && stepVerb) {
      return false; // "-Send the intro": a bullet typed without its space
    }
    String meaning = !verbAlone ? verb : verb.equals("tag") ? "add" : "remove";
    tokens.add(Token.word(text.substring(pos, pos + 1), meaning, pos, pos + 1));
    pos++;
    return true;
  }

  /**
   * "tag+ vip", "tag- trial": the sign written after the word "tag" adds or removes; the word and
   * its sign read as one verb.
   */
  private boolean signAfterTag(String verb) {
    Token last = tokens.isEmpty() ? null : tokens.getLast();
    boolean after =
        last != null
            && last.end() == pos
            && (last.isWord("tag") || last.isWord("tags"))
            && pos + 1 < text.length()
            && Character.isWhitespace(text.charAt(pos + 1));
    if (!after) {
      return false;
    }
    tokens.set(
        tokens.size() - 1,
        Token.word(text.substring(last.start(), pos + 1), verb, last.start(), pos + 1));
    pos++;
    return true;
  }

  private boolean insideWord() {
    return pos > 0
        && pos + 1 < text.length()
        && Character.isLetterOrDigit(text.charAt(pos - 1))
        && Character.isLetterOrDigit(text.charAt(pos + 1));
  }

  /** "(top 3)" closes a parenthesis; it is no "3)" list marker. */
  private boolean insideParentheses() {
    int open = 0;
    for (int i = tokens.size() - 1; i >= 0 && !tokens.get(i).is(Kind.END); i--) {
      open += tokens.get(i).is(Kind.LPAREN) ? 1 : tokens.get(i).is(Kind.RPAREN) ? -1 : 0;
    }
    return open > 0;
  }

  /** Whether a colon, semicolon, comma or "and" was just read: where an inline sub-clause opens. */
  /** Whether the last token ends a sentence with a full stop (not a line break). */
  private boolean afterSentence() {
    return !tokens.isEmpty()
        && tokens.getLast().is(Kind.END)
        && !tokens.getLast().text().contains("\n");
  }

  private boolean afterClauseBreak() {
    if (tokens.isEmpty()) {
      return false;
    }
    Token last = tokens.getLast();
    return last.is(Kind.COLON)
        || last.is(Kind.SEMICOLON)
        || last.is(Kind.COMMA)
        || last.isWord("and")
        || last.isWord("or");
  }

  /**
   * Whether "N." here follows a full stop and a list item "N-1." earlier on the same line, or is a
   * "1." right after a colon with a "2." later on.
   */
  private boolean nextItemOnTheLine() {
    Matcher m = NUMBER_AFTER_SENTENCE.matcher(text).region(pos, text.length());
    if (tokens.isEmpty() || !m.lookingAt()) {
      return false;
    }
    if (tokens.getLast().is(Kind.COLON) && m.group(1).equals("1")) {
      return text.indexOf(" 2. ", m.end()) > 0; // "Please make following: 1. … 2. …"
    }
    if (!tokens.getLast().is(Kind.END)) {
      return false;
    }
    String previous = (Integer.parseInt(m.group(1)) - 1) + ".";
    for (int i = tokens.size() - 2; i >= 0; i--) {
      Token t = tokens.get(i);
      if (t.is(Kind.END) && t.text().contains("\n")) {
        return false;
      }
      if (t.is(Kind.LIST_MARKER) && t.text().equals(previous)) {
        return true;
      }
    }
    return false;
  }

  private boolean previousIsBlank() {
    return pos == 0 || Character.isWhitespace(text.charAt(pos - 1)) || text.charAt(pos - 1) == ':';
  }

  private static boolean startsOperand(char c) {
    return c == '(' || Character.isLetter(c);
  }

  private boolean nextIsDigit() {
    return pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1));
  }

  private boolean spaceThenDigit() {
    return pos + 2 < text.length()
        && text.charAt(pos + 1) == ' '
        && Character.isDigit(text.charAt(pos + 2));
  }

  // Quotes --------------------------------------------------------------------------------

  /** Opening quotes of other languages: «x», »x«, ‹x›, „x“. */
  private static final String GUILLEMETS = "«»‹„";

  private static boolean isQuote(char c) {
    return c == '\''
        || c == '"'
        || c == '‘'
        || c == '’'
        || c == '“'
        || c == '”'
        || c == '`'
        || GUILLEMETS.indexOf(c) >= 0;
  }

  private static boolean isApostropheLike(char c) {
    return c == '\'' || c == '‘' || c == '’' || c == '`';
  }

  /**
   * An apostrophe-like quote opens only where a word cannot be continuing ("it's" stays); a
   * guillemet only where it is closed, since it also serves as an arrow ("Leads » Hot").
   */
  private boolean opensQuote(char c) {
    if (GUILLEMETS.indexOf(c) >= 0) {
      return findClose(c) >= 0;
    }
    if (!isApostropheLike(c)) {
      return true;
    }
    return pos == 0 || !Character.isLetterOrDigit(text.charAt(pos - 1));
  }

  /**
   * Text pasted from a ticket marks code with backticks. A span that reads as words of the
   * instruction ({@code `title contains 'CFO'`}, {@code `@user.csm`}, a span that opens a step such
   * as {@code `wait PT4H`}) is read as if unmarked; a bare name after other words ("add tag
   * `Webinar 2024`") is a value, read as quoted text. A lone backtick is decoration.
   */
  private void codeSpan() {
    if (pos == codeSpanEnd) {
      codeSpanEnd = -1;
      pos++;
      return;
    }
    int close = text.indexOf('`', pos + 1);
    int lineEnd = text.indexOf('\n', pos);
    if (close < 0 || (lineEnd >= 0 && close > lineEnd) || close == pos + 1) {
      pos++;
      return;
    }
    String content = text.substring(pos + 1, close);
    boolean lineStart =
        tokens.isEmpty() || tokens.getLast().is(Kind.END) || tokens.getLast().is(Kind.LIST_MARKER);
    boolean text = !lineStart && CODE_TEXT.matcher(content).matches();
    if (!text
        && (lineStart
            || tokens.getLast().is(Kind.COLON)
            || CODE_EXPRESSION.matcher(content).find()
            || CODE_LITERAL.matcher(content).matches())) {
      codeSpanEnd = close;
      pos++;
      return;
    }
    tokens.add(new Token(Kind.QUOTED, content, content, pos, close + 1, null));
    pos = close + 1;
  }

  private void quoted(char open) {
    int close = findClose(open);
    if (close < 0) {
      throw new ParseFailure(
          "This quote is never closed: add the closing " + closingFor(open), pos, text.length());
    }
    tokens.add(
        new Token(
            Kind.QUOTED,
            text.substring(pos + 1, close),
            text.substring(pos + 1, close),
            pos,
            close + 1,
            null));
    pos = close + 1;
    if (endsSentenceInside(close)) {
      endSentence(close - 1, close); // "… with note 'We met at the fair.' If no reply, …"
    }
  }

  /**
   * Whether a quote closing at {@code close} ends its sentence from inside: its text ends with a
   * full stop, "!" or "?" and a capital letter opens the next sentence.
   */
  private boolean endsSentenceInside(int close) {
    char last = text.charAt(close - 1);
    if (last != '.' && last != '!' && last != '?') {
      return false;
    }
    int next = close + 1;
    while (next < text.length() && text.charAt(next) == ' ') {
      next++;
    }
    return next > close + 1 && next < text.length() && Character.isUpperCase(text.charAt(next));
  }

  private static String closingFor(char open) {
    return switch (open) {
      case '“' -> "”";
      case '‘' -> "’";
      case '«' -> "»";
      case '»' -> "«";
      case '‹' -> "›";
      case '„' -> "“";
      default -> String.valueOf(open);
    };
  }

  private int findClose(char open) {
    for (int i = pos + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean closes =
          switch (open) {
            case '"' -> c == '"' || c == '”';
            case '“', '”' -> c == '”' || c == '"' || c == '“';
            case '«' -> c == '»';
            case '»' -> c == '«';
            case '‹' -> c == '›';
            case '„' -> c == '“' || c == '”';
            default -> isApostropheLike(c) && !continuesWord(i);
          };
      if (closes) {
        return i;
      }
    }
    return -1;
  }

  /** A quote between two letters ("let's") is an apostrophe, not the end of the quote. */
  private boolean continuesWord(int i) {
    return i > 0
        && i + 1 < text.length()
        && Character.isLetterOrDigit(text.charAt(i - 1))
        && Character.isLetter(text.charAt(i + 1));
  }

  // Words and numbers -------------------------------------------------------------------------

  private void word() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_') {
        pos++;
      } else if (isApostropheLike(c) && pos + 1 < text.length() && wordCharAt(pos + 1)) {
        addWordWithTail(start);
        return;
      } else {
        break;
      }
    }
    String w = text.substring(start, pos);
    String lower = w.toLowerCase(Locale.ROOT);
    if (lower.equals("w") && pos < text.length() && text.charAt(pos) == '/') {
      boolean without = text.startsWith("/o", pos) && !wordCharAtSafe(pos + 2);
      pos += without ? 2 : 1; // "w/ template", "w/o a note"
      tokens.add(Token.word(text.substring(start, pos), without ? "without" : "with", start, pos));
      return;
    }
    if (lower.equals("b") && text.startsWith("/c", pos) && !wordCharAtSafe(pos + 2)) {
      pos += 2;
      tokens.add(Token.word(text.substring(start, pos), "because", start, pos)); // "b/c"
      return;
    }
    String[] unmarked = UNMARKED_CONTRACTIONS.get(lower);
    if (unmarked != null) {
      int split = start + (unmarked[1].equals("not") ? w.length() - 2 : unmarked[0].length());
      tokens.add(Token.word(text.substring(start, split), unmarked[0], start, split));
      tokens.add(Token.word(text.substring(split, pos), unmarked[1], split, pos));
      return;
    }
    String normal = ABBREVIATIONS.getOrDefault(lower, GERUNDS.getOrDefault(lower, lower));
    if (normal.equals("please")) {
      return; // "Wait please 2 days": courtesy, wherever it stands
    }
    tokens.add(Token.word(w, normal, start, pos));
  }

  private boolean wordCharAtSafe(int i) {
    return i < text.length() && wordCharAt(i);
  }

  private boolean wordCharAt(int i) {
    return Character.isLetter(text.charAt(i));
  }

  /**
   * Contractions typed without their apostrophe ("dont", "havent", "theres"), read as with it
   * ("wont" and "cant" are words too, but never meant in an instruction).
   */
  private static final Map<String, String[]> UNMARKED_CONTRACTIONS = unmarkedContractions();

  private static Map<String, String[]> unmarkedContractions() {
    Map<String, String[]> map = new java.util.HashMap<>();
    for (String base :
        List.of(
            "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "should",
            "would", "could")) {
      map.put(base + "nt", new String[] {base, "not"});
    }
    map.put("cant", new String[] {"can", "not"});
    map.put("wont", new String[] {"will", "not"});
    for (String base : List.of("that", "there", "here", "what")) { // not "its": a possessive
      map.put(base + "s", new String[] {base, "'s"});
    }
    map.put("im", new String[] {"i", "am"});
    map.put("ive", new String[] {"i", "have"});
    map.put("youre", new String[] {"you", "are"});
    map.put("theyre", new String[] {"they", "are"});
    return Map.copyOf(map);
  }

  /** Splits "isn't" into "is" + "not", "contact's" into "contact" + "'s", "they're" into ... */
  private void addWordWithTail(int start) {
    int apostrophe = pos;
    int end = apostrophe + 1;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    String base = text.substring(start, apostrophe);
    String tail = text.substring(apostrophe + 1, end).toLowerCase(Locale.ROOT);
    String baseLower = base.toLowerCase(Locale.ROOT);
    if (tail.equals("t") && baseLower.endsWith("n")) {
      String stem = baseLower.substring(0, baseLower.length() - 1);
      stem =
          switch (stem) {
            case "ca" -> "can";
            case "wo" -> "will";
            default -> stem;
          };
      tokens.add(Token.word(base, stem, start, apostrophe));
      tokens.add(Token.word("n't", "not", apostrophe, end));
    } else {
      tokens.add(Token.word(base, baseLower, start, apostrophe));
      String tailWord = CONTRACTION_TAILS.getOrDefault(tail, tail);
      tokens.add(Token.word(text.substring(apostrophe, end), tailWord, apostrophe, end));
    }
    pos = end;
  }

  /** Reads a number; "$10,000", "25K", "1.5M" (money only) become plain values. */
  private void number(int start, int digitsAt) {
    Matcher comma = DECIMAL_COMMA.matcher(text).region(digitsAt, text.length());
    boolean decimalComma = comma.lookingAt();
    Matcher m = decimalComma ? comma : NUMBER.matcher(text).region(digitsAt, text.length());
    if (!decimalComma && !m.lookingAt()) {
      single(Kind.SYMBOL);
      return;
    }
    String whole = m.group(1).replace(",", "").replace(" ", "").replace(".", "");
    BigDecimal value =
        decimalComma
            ? new BigDecimal(whole + "." + m.group(2))
            : new BigDecimal(whole + nullToEmpty(m.group(2))); // "50.000.000": thousands
    int end = m.end();
    boolean money =
        digitsAt > start
            || CURRENCY_BEFORE.matcher(text).region(Math.max(0, start - 5), start).find();
    if (end < text.length() && !followedByLetter(end + 1)) {
      char suffix = text.charAt(end);
      if (suffix == 'k' || suffix == 'K') {
        value = value.multiply(BigDecimal.valueOf(1_000));
        end++;
      } else if ((suffix == 'm' || suffix == 'M') && money) {
        value = value.multiply(BigDecimal.valueOf(1_000_000));
        end++;
      }
    }
    Matcher thousand = MIL.matcher(text).region(end, text.length());
    if (text.startsWith("R$", start) && thousand.lookingAt()) {
      value = value.multiply(BigDecimal.valueOf(1_000)); // "R$ 20 mil": Portuguese for thousand
      end = thousand.end();
    }
    boolean suffixed = end > m.end();
    Matcher currency = CURRENCY_AFTER.matcher(text).region(end, text.length());
    if (currency.lookingAt()) {
      end = currency.end();
      money = true;
    }
    String decimals = nullToEmpty(m.group(2));
    if (money && !suffixed && decimals.length() == 4 && !m.group(1).contains(",")) {
      // "30.000 dollars", "€1.500": money is not written to a tenth of a cent, so the point
      // groups thousands
      value = value.movePointRight(3);
    }
    String written = text.substring(start, end);
    tokens.add(
        new Token(Kind.NUMBER, written, written.toLowerCase(Locale.ROOT), start, end, value));
    pos = end;
  }

  private boolean followedByLetter(int i) {
    return i < text.length() && Character.isLetter(text.charAt(i));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
