package dev.switchboard.instruction.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a chatty message says about itself rather than asks: a statement in parentheses ("(We give
 * Gold folks free shipping, that part's handled in Shopify.)", "(I'll change the date myself next
 * year.)") and the writer introducing themselves at the start ("Hi! Marcy here from Sunbelt Realty
 * 👋"). Each becomes spaces, character for character, when it quotes nothing and names no variable;
 * an aside that is a parameter ("(only the top 2 results)", "(no note)") opens with no subject and
 * stays.
 */
final class Asides {

  /** The writer speaking of themselves; "(they're in retail or …)" is a condition, not this. */
  private static final String SUBJECT = "(?:we|i|i'm|i'll|i've|i'd|we're|we've|we'll|we'd|our|my)";

  /** "(We used to do all of this by hand …)": the writer first, then at least three more words. */
  private static final Pattern STATEMENT =
      Pattern.compile("(?iu)\\(\\s*" + SUBJECT + "\\b(?:\\s+[^\\s()'\"‘’“”@]+){3}");

  /** "Marcy here from Sunbelt Realty 👋", "Priya here again!", "Recruiter here (…)." */
  private static final Pattern INTRODUCTION =
      Pattern.compile(
          "(?iu)^(?:\\s*(?:hi|hey|hello|hallo|good morning|good afternoon)[^\\n'\"@]{0,20}?[!,.]+)?[ \\t\\n]*\\p{Lu}[\\p{L}'’-]*(?: \\p{Lu}[\\p{L}'’-]*)? here"
              + "(?: again)?(?: from [^.!?\\n'\"@]{1,60})?(?: \\([^()'\"@]{1,80}\\))?(?:[.!,]+|\\s*\\p{So}+|$)");

  private Asides() {}

  static String strip(String text) {
    if (text.indexOf('(') < 0 && text.indexOf(':') < 0 && !text.contains(" here")) {
      return text;
    }
    char[] out = text.toCharArray();
    boolean[] quoted = quoted(text);
    Matcher statement = STATEMENT.matcher(text);
    while (statement.find()) {
      int close = text.indexOf(')', statement.end());
      if (close > 0 && !quoted[statement.start()] && plain(text, statement.start() + 1, close)) {
        Blanks.fill(out, statement.start(), close + 1);
      }
    }
    Matcher introduction = INTRODUCTION.matcher(text);
    if (introduction.find() && !quoted[introduction.end() - 1]) {
      Blanks.fill(out, introduction.start(), introduction.end()); // not "'Fellow nerd here!'"
    }
    return new String(out);
  }

  /** Whether {@code text[from, to)} holds no quote, variable or bracket ("I'll" is no quote). */
  private static boolean plain(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch == '@' || ch == '(' || "'\"‘’“”".indexOf(ch) >= 0 && !Emphasis.apostrophe(text, i)) {
        return false;
      }
    }
    return true;
  }

  /** Which characters stand inside quotes (an apostrophe within a word opens none). */
  private static boolean[] quoted(String text) {
    boolean[] in = new boolean[text.length() + 1];
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quote != 0) {
        in[i] = true;
        quote = ch == quote || ch == '\n' ? 0 : quote;
      } else if ("'\"‘“".indexOf(ch) >= 0 && !Emphasis.apostrophe(text, i)) {
        quote = ch == '‘' ? '’' : ch == '“' ? '”' : ch;
        in[i] = true;
      }
    }
    return in;
  }
}
