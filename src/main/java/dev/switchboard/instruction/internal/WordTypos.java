package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * "Serach contacts wiht title contians 'CTO'", "wiat 8hrs", "crate task": words one slip away from
 * exactly one word of the grammar's lexicon (three-letter words only by two swapped letters). Asked
 * only after the text as written was refused: the corrected tokens are read again, and a plan read
 * that way says which words were read as what. Quoted text and variables are never touched, and a
 * word the lexicon knows is never changed.
 */
final class WordTypos {

  /** Shorter words are too close to too many others to correct. */
  static final int MIN_LENGTH = 3;

  /** Below this length only swapped neighbours count as a slip ("teh", "adn"). */
  private static final int MIN_LENGTH_ANY_SLIP = 4;

  /** Words of the plan's vocabulary that no phrase pattern spells out. */
  private static final Set<String> EXTRA =
      Set.of(
          "value",
          "score",
          "title",
          "industry",
          "status",
          "stage",
          "days",
          "hours",
          "weeks",
          "minutes",
          "months",
          "company",
          "contacts",
          "email",
          "template",
          "linkedin",
          "the",
          "and",
          "for",
          "with");

  /**
   * One correction.
   *
   * @param token the token as written
   * @param meant the word it was read as
   */
  record Correction(Token token, String meant) {}

  /** The classes whose patterns make the lexicon; initialised first, so it is always whole. */
  private static final List<Class<?>> PATTERN_HOLDERS =
      List.of(
          Args.class,
          ConditionGrammar.class,
          DateFilters.class,
          Durations.class,
          EmailClause.class,
          EnrichClause.class,
          FieldUpdateClause.class,
          Fields.class,
          FreeText.class,
          HandoffClause.class,
          LinkedInClause.class,
          PlanGrammar.class,
          Relation.class,
          RememberClause.class,
          ReplyPhrases.class,
          SearchGrammar.class,
          SearchPhrases.class,
          Steps.class,
          TagClause.class,
          TaskClause.class,
          Users.class,
          Values.class,
          WaitClause.class,
          WebSearchClause.class);

  private static final Set<String> LEXICON = lexicon();

  private WordTypos() {}

  private static Set<String> lexicon() {
    java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
    for (Class<?> holder : PATTERN_HOLDERS) {
      try {
        lookup.ensureInitialized(holder);
      } catch (IllegalAccessException unreachable) {
        throw new IllegalStateException(unreachable);
      }
    }
    return Set.copyOf(Phrase.lexicon());
  }

  /** The corrections for {@code tokens}, in text order; empty when no word is a slip. */
  static List<Correction> find(List<Token> tokens) {
    Set<String> lexicon = LEXICON;
    List<Correction> corrections = new ArrayList<>();
    for (Token token : tokens) {
      String word = token.lower();
      if (!token.is(Kind.WORD)
          || word.length() < MIN_LENGTH
          || !word.chars().allMatch(Character::isLetter)
          || lexicon.contains(word)
          || EXTRA.contains(word)) {
        continue;
      }
      String meant = nearest(word, lexicon);
      if (meant != null) {
        corrections.add(new Correction(token, meant));
      }
    }
    return corrections;
  }

  /** Whether {@code word} (lower case) is unknown and one slip from exactly one known word. */
  static boolean isSlip(String word) {
    return word.length() >= MIN_LENGTH
        && word.chars().allMatch(Character::isLetter)
        && !LEXICON.contains(word)
        && !EXTRA.contains(word)
        && nearest(word, LEXICON) != null;
  }

  /** Whether the grammar's lexicon names {@code word} (lower case). */
  static boolean known(String word) {
    return LEXICON.contains(word) || EXTRA.contains(word);
  }

  /** {@code tokens} with each corrected word read as the word meant (its text stays as written). */
  static List<Token> apply(List<Token> tokens, List<Correction> corrections) {
    List<Token> corrected = new ArrayList<>(tokens);
    for (Correction correction : corrections) {
      Token t = correction.token();
      corrected.set(
          tokens.indexOf(t),
          new Token(t.kind(), t.text(), correction.meant(), t.start(), t.end(), t.number()));
    }
    return corrected;
  }

  /**
   * The one known word one slip from {@code word}, or {@code null} if none or several. Swapped
   * neighbours are the likeliest slip, then a letter added or dropped, then one changed ("wiat" is
   * "wait", not "what"); a plural or a past is no slip ("times", "retrieved").
   */
  private static String nearest(String word, Set<String> lexicon) {
    String[] best = new String[Slip.values().length];
    boolean[] several = new boolean[best.length];
    Set<String> undoubled = new java.util.HashSet<>();
    for (Set<String> words : List.of(lexicon, EXTRA)) {
      for (String known : words) {
        Slip slip = Math.abs(known.length() - word.length()) <= 1 ? slip(word, known) : null;
        boolean tooShort =
            (word.length() < MIN_LENGTH_ANY_SLIP || known.length() < MIN_LENGTH_ANY_SLIP)
                && slip != Slip.SWAPPED;
        if (slip == null || tooShort || inflected(word, known) || inflected(known, word)) {
          continue;
        }
        int k = slip.ordinal();
        several[k] |= best[k] != null && !best[k].equals(known);
        best[k] = known;
        if (undoubles(word, known)) {
          undoubled.add(known);
        }
      }
    }
    for (int k = 0; k < best.length; k++) {
      if (best[k] != null && !several[k]) {
        return best[k];
      }
      if (best[k] != null) {
        // "folow" is "follow" rather than "flow": a double letter written once is the likelier slip
        return k == Slip.ADDED_OR_DROPPED.ordinal() && undoubled.size() == 1
            ? undoubled.iterator().next()
            : null;
      }
    }
    return null;
  }

  /** Whether {@code word} is {@code known} with one letter of a double letter left out. */
  private static boolean undoubles(String word, String known) {
    if (known.length() != word.length() + 1) {
      return false;
    }
    for (int i = 1; i < known.length(); i++) {
      if (known.charAt(i) == known.charAt(i - 1)
          && (known.substring(0, i) + known.substring(i + 1)).equals(word)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code word} is {@code known} inflected: a plural or a past is no slip. */
  private static boolean inflected(String word, String known) {
    return word.equals(known + "s") || word.equals(known + "d");
  }

  /** Kinds of slip, likeliest first. */
  enum Slip {
    SWAPPED,
    ADDED_OR_DROPPED,
    CHANGED
  }

  /** How {@code a} is one slip from {@code b}, or {@code null} if it is not. */
  static Slip slip(String a, String b) {
    if (a.equals(b)) {
      return null;
    }
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (a.length() == b.length()) {
      if (i + 1 < a.length()
          && a.charAt(i) == b.charAt(i + 1)
          && a.charAt(i + 1) == b.charAt(i)
          && a.substring(i + 2).equals(b.substring(i + 2))) {
        return Slip.SWAPPED;
      }
      return a.substring(i + 1).equals(b.substring(i + 1)) ? Slip.CHANGED : null;
    }
    String longer = a.length() > b.length() ? a : b;
    String shorter = longer == a ? b : a;
    return longer.substring(i + 1).equals(shorter.substring(i)) ? Slip.ADDED_OR_DROPPED : null;
  }
}
