package dev.switchboard.instruction.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The way a message is signed off: "Thanks!⏎Marcus, Ridgeway Recruiting", "Kind regards,⏎Harold
 * Finch, CPA", "Cheers, Ben @ Roast Republic", "… unclear! - Kai", "⏎– Priya". From a closing word
 * at the start of a line or after a sentence (a hyphen only after a sentence: at a line's start it
 * is a bullet), the rest of the text becomes spaces, character for character, when that rest is a
 * few words that name someone: no quotes, no variables, no word that asks for a step.
 */
final class Signatures {

  private static final Pattern CLOSING =
      Pattern.compile(
          "(?iu)(?:(?:^|(?<=[.!?)\\n]|\\p{So})[ \\t]*)(thanks|thank you|thx|ty|cheers|best|regards"
              + "|kind regards|best regards|warm regards|many thanks|appreciate it|danke|gracias"
              + "|grazie|obrigad[oa]|merci|teşekkürler|tesekkurler|çok teşekkürler|talk soon|asante"
              + "|bedankt|alvast bedankt|dank je|dank u|dziękuję|dziekuje|cảm ơn|shukran|spasibo"
              + "|valeu|saludos|abraços|abraço|grüße|groetjes|pozdrawiam|saygılarımla|saygılar"
              + "|cordiali saluti|un saluto)(?=[\\s,.!:;\\p{So}-]|$)"
              + "|(?<=[.!?\\p{So}][ \\t]{0,3})([-–—])(?=[ \\t]?\\p{Lu})|^([–—])(?=[ \\t]?\\p{Lu}))",
          Pattern.MULTILINE);

  /** Words that ask for something, a step or not: a tail holding one is no signature. */
  private static final Set<String> ORDERS =
      Set.of(
          "send",
          "add",
          "tag",
          "remove",
          "create",
          "wait",
          "find",
          "search",
          "enrich",
          "hand",
          "update",
          "set",
          "remember",
          "invite",
          "email",
          "then",
          "if",
          "and",
          "task",
          "will",
          "would",
          "should",
          "can",
          "could",
          "must",
          "please",
          "need",
          "needs",
          "want",
          "call",
          "phone",
          "text",
          "book",
          "schedule",
          "meet",
          "post",
          "delete",
          "sms");

  private static final int MAX_WORDS = 10;

  /** A quote mark not inside a word: quoted text is something to send, not a name. */
  private static final Pattern QUOTE = Pattern.compile("(?<!\\p{L})['‘’]|['‘’](?!\\p{L})|[\"“”]");

  private Signatures() {}

  static String strip(String text) {
    Matcher m = CLOSING.matcher(text);
    int from = -1;
    while (m.find()) {
      if (signs(text.substring(m.end()))) {
        from = m.start() + (m.group().length() - m.group().stripLeading().length());
        break; // the first closing whose rest is all signature
      }
    }
    if (from < 0) {
      return text;
    }
    char[] out = text.toCharArray();
    Blanks.fill(out, from, out.length);
    return new String(out);
  }

  /** Whether the text after a closing word is a signature (or nothing but punctuation). */
  private static boolean signs(String rest) {
    if (QUOTE.matcher(rest).find()) {
      return false;
    }
    int words = 0;
    for (String word : rest.split("[^\\p{L}\\p{N}'’.@]+")) {
      if (word.isEmpty() || word.equals("@")) {
        continue;
      }
      if (word.startsWith("@") && word.length() > 1
          || ORDERS.contains(word.toLowerCase(Locale.ROOT))
          || ++words > MAX_WORDS) {
        return false;
      }
    }
    return true;
  }
}
