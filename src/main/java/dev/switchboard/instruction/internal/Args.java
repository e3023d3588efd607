package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/** Helpers shared by the clauses for reading parameters. */
final class Args {

  /** Words that say nothing about the action: "to each of them", "instead", "please". */
  private static final List<Phrase> FILLERS =
      Phrase.all(
          "(to|for|on|from|with|at) (each of them|each of those|each one|each contact|each lead"
              + "|all of them|them all|them|him|her|it|everyone|everybody|the contact|this contact"
              + "|contact|the contacts|contacts|the lead|the leads|each|every contact|the person"
              + "|every one of them|the prospect|these contacts|those contacts|the results)",
          "(on|via|through|over) linkedin",
          "for each [one|of them|contact|lead|person|result]",
          "(instead|as well|too|now|right away|immediately|please|again|automatically)",
          "for me",
          "(without|with no) [a|any] (note|message)",
          "in the crm",
          "(→|->|⇒) (contact|the contact|them|him|her|it)");

  private static final Phrase JOINER = Phrase.of("[,|–|—] [and] [also] [then]");

  private Args() {}

  static boolean acceptFiller(Cursor c) {
    if (c.atWord("to")) {
      int mark = c.mark();
      c.next();
      boolean search = SearchObjects.atObject(c);
      c.reset(mark);
      if (search) {
        return false; // "… to everyone with title containing 'X'": a search, not a filler
      }
    }
    return c.acceptFirst(FILLERS) >= 0;
  }

  /**
   * Reads parameters until none follows: each round skips an optional joiner (", and") and asks
   * {@code reader} for one parameter; a round that reads nothing is undone.
   */
  static void readAll(
      Cursor c, Map<String, Object> params, BiPredicate<Cursor, Map<String, Object>> reader) {
    while (true) {
      int mark = c.mark();
      if (c.at(Kind.END)
          && c.peek(1).is(Kind.WORD)
          && c.peek(2).is(Kind.COLON)
          && c.peek(3).is(Kind.QUOTED)) {
        c.next(); // "Send LinkedIn invite. Note: 'Hi'": the next sentence labels a parameter
      }
      boolean joined = c.accept(JOINER);
      if (joined && c.mark() > mark && Steps.startsStep(c) && !startsParamHere(c, params, reader)) {
        c.reset(mark);
        return;
      }
      if (reader.test(c, params) || acceptFiller(c) || inParentheses(c, params, reader)) {
        if (c.mark() > mark) {
          continue;
        }
      }
      c.reset(mark);
      return;
    }
  }

  /** "(top 2 results)": a parameter said in parentheses. */
  private static boolean inParentheses(
      Cursor c, Map<String, Object> params, BiPredicate<Cursor, Map<String, Object>> reader) {
    int mark = c.mark();
    if (c.accept(Kind.LPAREN) && reader.test(c, params) && c.accept(Kind.RPAREN)) {
      return true;
    }
    c.reset(mark);
    return false;
  }

  private static boolean startsParamHere(
      Cursor c, Map<String, Object> params, BiPredicate<Cursor, Map<String, Object>> reader) {
    int mark = c.mark();
    Map<String, Object> scratch = new java.util.LinkedHashMap<>(params);
    boolean reads = reader.test(c, scratch);
    c.reset(mark);
    return reads;
  }

  /**
   * Quoted text, or unquoted words (variables included) up to a stop word, a boundary or a
   * following step; {@code null} when there is nothing.
   */
  static String text(Cursor c, Set<String> stopWords) {
    if (c.at(Kind.QUOTED)) {
      return c.next().text();
    }
    FreeText.Span span = FreeText.read(c, stopWords, x -> false);
    return span.isEmpty() ? null : c.text(span.from(), span.to());
  }
}
