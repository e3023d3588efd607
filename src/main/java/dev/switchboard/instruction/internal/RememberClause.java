package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code remember}: "store 'Q3 webinar' in memory as @memory.campaign", "remember
 *
 * @search.results[0].title as @memory.newsHook", "set @memory.stage to 'warm'".
 */
final class RememberClause implements Clause.Single {

  private static final Phrase VERB =
      Phrase.of("(remember|store|save|keep|note|record|memorize|memorise|stash|write down|put)");
  private static final Phrase IN_MEMORY = Phrase.of("[in|to|into] [the] memory");
  private static final List<Phrase> AS =
      Phrase.all(
          "[in|to|into] [the] memory (as|under|at|in|called|named)",
          "(as|under|with|in) [the] memory key",
          "(with the key|under the key|with key|under key|as the key|as key|→ key|-> key|as|under"
              + "|into|in|to|→|->|⇒"
              + "|called|named|like)"
              + " [memory]");
  private static final Phrase SET = Phrase.of("(set|assign|make)");
  private static final Phrase KEY_FIRST = Phrase.of("[:] [,] key");
  private static final Phrase VALUE_LABEL = Phrase.of("[,] value");
  private static final Phrase FOR_LATER =
      Phrase.of(
          "[for later|for the future|for later use|for the record] [the value|the text|value]");
  private static final Phrase TO = Phrase.of("(to|=|as|equal to|:)");
  private static final Phrase KEY_WORD = Phrase.of("[the] key");
  private static final Phrase KEY_EQUALS = Phrase.of("(=|→|->|⇒)");
  private static final Phrase KEY_VALUE =
      Phrase.of("(=|:|with [the] value|and [the] value|[the] value|→|->|⇒) [:|=]");

  /**
   * "store the renewal date '2025-09-30' as @memory.renewal": the value's name before it says
   * nothing more.
   */
  private static final Phrase NAMED_VALUE = Phrase.of("(the|their|its|our)");

  @Override
  public boolean starts(Cursor c) {
    int mark = c.mark();
    try {
      return read(c) != null;
    } finally {
      c.reset(mark);
    }
  }

  @Override
  public Step.Action parseOne(Cursor c) {
    int start = c.mark();
    Step.Action action = read(c);
    if (action == null) {
      throw c.failureForClause("I can't tell what to remember in ", start);
    }
    return action;
  }

  private static void skipValueName(Cursor c) {
    int mark = c.mark();
    if (c.accept(NAMED_VALUE)) {
      for (int words = 0; words < 3 && c.at(Kind.WORD); words++) {
        c.next();
      }
      if (c.at(Kind.QUOTED)
          && c.peek(1).isWord("as")
          && c.peek(2).is(Kind.VARIABLE)
          && c.peek(2).lower().startsWith("@memory.")) {
        return; // only before "as @memory.…": "put the tag 'Client' in place" stores nothing
      }
    }
    c.reset(mark);
  }

  private static Step.Action read(Cursor c) {
    int mark = c.mark();
    String key = null;
    Object value = null;
    if (c.accept(SET) && atMemoryVariable(c)) {
      key = key(c);
      value = c.accept(TO) ? Values.literal(c) : null;
    } else {
      c.reset(mark);
      boolean keyFirst = c.accept(VERB) && c.accept(KEY_FIRST);
      if (keyFirst) {
        key = key(c); // "Remember: / key: webinarDate / value: 14 March"
        value = c.accept(VALUE_LABEL) ? Values.literal(c) : null;
      }
      c.reset(keyFirst ? c.mark() : mark);
      Memory named = keyFirst ? null : keyThenValue(c);
      if (named != null) {
        key = named.key();
        value = named.value();
      } else if (!keyFirst && c.accept(VERB)) {
        c.accept(FOR_LATER);
        skipValueName(c);
        value = Values.literal(c);
        if (value == null && c.at(Kind.PATH)) {
          value = "@" + c.next().text();
        }
        c.accept(IN_MEMORY);
        key = c.acceptFirst(AS) >= 0 ? key(c) : null;
      }
    }
    if (key == null || value == null) {
      c.reset(mark);
      return null;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("key", key);
    params.put("value", value);
    Args.readAll(c, params, (cursor, p) -> false);
    return new Step.Action(ActionType.REMEMBER, params);
  }

  /**
   * "remember listing = '412 Oak St'", "keep in the memory the key 'kampanya' with value 'Ramazan
   * 2024'": the key named first, then its value; {@code null} with the cursor unmoved otherwise.
   */
  private static Memory keyThenValue(Cursor c) {
    int mark = c.mark();
    if (c.accept(VERB)) {
      c.accept(IN_MEMORY);
      boolean keyWord = c.accept(KEY_WORD);
      String key = key(c);
      Object value =
          key != null && (keyWord ? c.accept(KEY_VALUE) : c.accept(KEY_EQUALS))
              ? Values.literal(c)
              : null;
      if (value != null) {
        return new Memory(key, value);
      }
    }
    c.reset(mark);
    return null;
  }

  /** A key and the value kept under it. */
  private record Memory(String key, Object value) {}

  private static boolean atMemoryVariable(Cursor c) {
    return c.at(Kind.VARIABLE) && c.peek().lower().startsWith("@memory.");
  }

  /** {@code @memory.newsHook}, 'newsHook' or newsHook, as the bare key. */
  private static String key(Cursor c) {
    Token t = c.peek();
    String key =
        switch (t.kind()) {
          case VARIABLE -> t.text().startsWith("@memory.") ? t.text().substring(8) : null;
          case QUOTED -> t.text().trim();
          case WORD ->
              Fields.isIdentifierLike(t.text()) || t.text().matches("[a-z][a-z0-9]*")
                  ? t.text()
                  : null;
          default -> null;
        };
    if (key != null && !key.isEmpty()) {
      c.next();
      return key;
    }
    return null;
  }
}
