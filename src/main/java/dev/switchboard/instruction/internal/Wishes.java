package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A wish said with the thing first and what is done to it after: "She would like the 'Prospect' tag
 * removed and the tags 'Client' and 'VIP' added", "Maria would like them tagged as 'Senior'", "…
 * would like a task created titled 'X', due in four days". Read as the orders they are: "remove the
 * 'Prospect' tag and add the tags …", "tag them as 'Senior'", "create a task titled 'X', …". The
 * one who wishes ("She", "Maria", "Mr. Okafor") says nothing to do. Passives are the same shape
 * ({@link #passives}). Asked in the normalisation pass only.
 */
final class Wishes {

  private Wishes() {}

  /** Participles and the verbs they are said for. */
  private static final Map<String, String> DONE =
      Map.ofEntries(
          Map.entry("added", "add"),
          Map.entry("removed", "remove"),
          Map.entry("sent", "send"),
          Map.entry("emailed", "email"),
          Map.entry("created", "create"),
          Map.entry("updated", "update"),
          Map.entry("set", "set"),
          Map.entry("changed", "change"),
          Map.entry("tagged", "tag"),
          Map.entry("handed", "hand"),
          Map.entry("enriched", "enrich"),
          Map.entry("assigned", "assign"),
          Map.entry("invited", "invite"),
          Map.entry("stored", "store"),
          Map.entry("saved", "save"),
          Map.entry("scheduled", "schedule"),
          Map.entry("called", "call"),
          Map.entry("deleted", "delete"));

  /**
   * Participles that only the passive of a procedure uses ("shall be retrieved"); in a wish they
   * would more often be adjectives ("the selected contacts").
   */
  private static final Map<String, String> FORMAL =
      Map.ofEntries(
          Map.entry("applied", "apply"),
          Map.entry("attached", "add"),
          Map.entry("dispatched", "send"),
          Map.entry("issued", "send"),
          Map.entry("retrieved", "find"),
          Map.entry("identified", "find"),
          Map.entry("selected", "find"),
          Map.entry("escalated", "escalate"),
          Map.entry("recorded", "record"),
          Map.entry("retained", "keep"),
          Map.entry("observed", "wait"));

  /** Every participle a passive may end with. */
  private static final Map<String, String> PASSIVE = passiveParticiples();

  private static Map<String, String> passiveParticiples() {
    Map<String, String> all = new java.util.HashMap<>(DONE);
    all.putAll(FORMAL);
    return Map.copyOf(all);
  }

  /** What stands between the thing and its participle in the passive: "is to be", "shall be". */
  private static final Set<String> TO_BE_SUBJECTS = Set.of("is", "are");

  private static final Set<String> MODALS = Set.of("shall", "must", "will", "should", "may");

  private static final Set<String> ADVERBS =
      Set.of("then", "first", "also", "immediately", "subsequently", "thereafter", "next");

  /** Words that open a clause in formal text, before its subject. */
  private static final Set<String> CLAUSE_OPENERS =
      Set.of("then", "thereafter", "subsequently", "next", "afterwards", "finally");

  /** How far back the subject of a passive may start. */
  private static final int MAX_SUBJECT = 16;

  /** {@code tokens} with each wish "… would like X done" read as "do X". */
  static List<Token> apply(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 1; i + 1 < out.size(); i++) {
      if (!(out.get(i).isWord("would") && out.get(i + 1).isWord("like"))) {
        continue;
      }
      int start = i;
      while (start > 0 && out.get(start - 1).is(Kind.WORD) && !opens(out.get(start - 1))) {
        start--;
      }
      int end = i + 2;
      while (end < out.size() && !ends(out.get(end))) {
        end++;
      }
      List<Token> orders = orders(out.subList(i + 2, end));
      if (orders == null) {
        continue;
      }
      out.subList(start, end).clear();
      out.addAll(start, orders);
      i = start + orders.size();
    }
    return out;
  }

  /**
   * {@code tokens} with each passive read as an order: "The tag 'X' is to be applied to the
   * contact", "All contacts whose … shall be retrieved", "The contact shall be sent the 'Y'
   * template" say the thing, then what is done to it. Asked in the normalisation pass, before the
   * table (which drops "shall").
   */
  static List<Token> passives(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 1; i < out.size(); i++) {
      int participle = participleAfter(out, i);
      if (participle < 0) {
        continue;
      }
      int start = i;
      while (start > 0 && i - start < MAX_SUBJECT && !opensSubject(out, start - 1)) {
        start--;
      }
      if (start == i || i - start == MAX_SUBJECT) {
        continue;
      }
      Token done = out.get(participle);
      int end = participle + 1;
      List<Token> order = new ArrayList<>();
      int at = out.get(start).start();
      List<Token> subject = out.subList(start, i);
      if (done.isWord("observed")) {
        // "A delay of 2 days shall be observed": the delay is a wait
        int of = delayOf(subject);
        if (of < 0) {
          continue;
        }
        order.add(Token.word(done.text(), "wait", at, at));
        order.addAll(subject.subList(of + 1, subject.size()));
      } else {
        order.add(Token.word(done.text(), PASSIVE.get(done.lower()), at, at));
        if (done.isWord("handed") && end < out.size() && out.get(end).is(Kind.WORD)) {
          order.add(out.get(end++)); // "handed off", "handed over"
        }
        order.addAll(subject);
      }
      out.subList(start, end).clear();
      out.addAll(start, order);
      i = start + order.size();
    }
    return out;
  }

  /** Where "of" follows "a delay", "a waiting period", "a pause" in the subject, or -1. */
  private static int delayOf(List<Token> subject) {
    for (int k = 1; k < subject.size() && k < 4; k++) {
      if (subject.get(k).isWord("of") && DELAYS.contains(subject.get(k - 1).lower())) {
        return k;
      }
    }
    return -1;
  }

  private static final Set<String> DELAYS = Set.of("delay", "period", "pause", "wait");

  /** Where the participle of a passive whose auxiliary starts at {@code i} is, or -1. */
  private static int participleAfter(List<Token> tokens, int i) {
    int k = i;
    if (TO_BE_SUBJECTS.contains(tokens.get(k).lower())) {
      k = skipAdverbs(tokens, k + 1);
      if (!(wordAt(tokens, k, "to") && wordAt(tokens, k + 1, "be"))) {
        return -1;
      }
      k += 2;
    } else if (MODALS.contains(tokens.get(k).lower()) && tokens.get(k).is(Kind.WORD)
        || !Rewrites.opensClause(tokens.get(k - 1))
            && !tokens.get(k - 1).isWord("to") // "for the value to be set to …" is a wish
            && (wordAt(tokens, k, "be") || ADVERBS.contains(tokens.get(k).lower()))) {
      // "shall be", "must first be", or "be" alone where the table dropped the "shall"
      k = skipAdverbs(tokens, MODALS.contains(tokens.get(k).lower()) ? k + 1 : k);
      if (!wordAt(tokens, k, "be")) {
        return -1;
      }
      k = skipAdverbs(tokens, k + 1);
    } else {
      return -1;
    }
    return k < tokens.size()
            && tokens.get(k).is(Kind.WORD)
            && PASSIVE.containsKey(tokens.get(k).lower())
        ? k
        : -1;
  }

  private static int skipAdverbs(List<Token> tokens, int k) {
    while (k < tokens.size()
        && tokens.get(k).is(Kind.WORD)
        && ADVERBS.contains(tokens.get(k).lower())) {
      k++;
    }
    return k;
  }

  private static boolean wordAt(List<Token> tokens, int k, String word) {
    return k < tokens.size() && tokens.get(k).isWord(word);
  }

  /**
   * Whether the subject of a passive starts after token {@code k}: a clause's boundary ("…, the
   * template 'X' shall be sent" — but not the comma of a list, "'A', 'B' and 'C' shall be
   * applied"), an opening word ("Thereafter, …", "and the contact is to be …").
   */
  private static boolean opensSubject(List<Token> tokens, int k) {
    Token t = tokens.get(k);
    Token next = tokens.get(k + 1);
    if (t.is(Kind.COMMA)) {
      return !next.is(Kind.QUOTED);
    }
    if (Rewrites.opensClause(t) || t.is(Kind.EOF)) {
      return true;
    }
    return t.is(Kind.WORD)
        && (CLAUSE_OPENERS.contains(t.lower())
            || t.isWord("and") && !next.is(Kind.QUOTED)
            || t.isWord("if")
            || t.isWord("otherwise"));
  }

  private static boolean opens(Token t) {
    return t.isWord("then") || t.isWord("and") || t.isWord("if") || t.isWord("otherwise");
  }

  private static boolean ends(Token t) {
    return t.is(Kind.END) || t.is(Kind.SEMICOLON) || t.is(Kind.EOF);
  }

  /** The wished clause read as orders, or {@code null} when it names nothing done. */
  private static List<Token> orders(List<Token> wish) {
    List<Integer> done = new ArrayList<>();
    for (int k = 1; k < wish.size(); k++) {
      Token t = wish.get(k);
      Token before = wish.get(k - 1);
      if (t.is(Kind.WORD) && DONE.containsKey(t.lower()) && !before.isWord("be")) {
        done.add(k);
      }
    }
    if (done.isEmpty()) {
      return null;
    }
    List<Token> out = new ArrayList<>();
    int from = 0;
    for (int n = 0; n < done.size(); n++) {
      int p = done.get(n);
      // the next wish starts at the first "and" after this participle, or at the next participle
      // when none comes first ("… created titled 'X' assigned to …"); the last runs to the end
      int to = p + 1;
      if (n + 1 == done.size()) {
        to = wish.size();
      } else {
        while (to < done.get(n + 1) && !wish.get(to).isWord("and")) {
          to++;
        }
      }
      if (wish.get(from).isWord("and")) {
        out.add(wish.get(from++));
      }
      Token participle = wish.get(p);
      int at = wish.get(from).start();
      out.add(Token.word(participle.text(), DONE.get(participle.lower()), at, at));
      out.addAll(wish.subList(from, p));
      out.addAll(wish.subList(p + 1, to));
      from = to;
    }
    return out;
  }
}
