package dev.switchboard.instruction.internal;

import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.PlanJson;
import dev.switchboard.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code wait}: "wait 5 days", "hold off for 3 days", "after two weeks,", "2 days later". */
final class WaitClause implements Clause.Single {

  private static final List<Phrase> VERBS =
      Phrase.all(
          "(wait|hold off|hold on|hold|pause|sleep|delay|hang on|hang tight|sit tight|stop|rest) [for|by|another"
              + "|an additional|about|around|roughly|approximately]",
          "give (it|them|him|her|things) [another|an additional]",
          "let",
          "(after|in) [another|an additional]",
          "take [a|an] [quick|short]");
  private static final Phrase PAUSE_NOUN = Phrase.of("(pause|break|breather|wait)");
  private static final Phrase AFTER_DURATION =
      Phrase.of("[more|longer|first|pass|go by|have passed|has passed|elapse|to pass]");
  private static final Phrase LATER = Phrase.of("(later|afterwards|after that|from now)");

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
    String duration = read(c);
    if (duration == null) {
      throw c.failureForClause("How long should it wait? ", start);
    }
    Duration d = Duration.parse(duration);
    if (d.compareTo(PlanJson.MAX_WAIT) > 0) {
      throw c.failure(
          "Waits are limited to 90 days: '" + c.text(start, c.mark()) + "'", start, c.mark());
    }
    return new Step.Action(ActionType.WAIT, Map.of("duration", duration));
  }

  /** The duration said here, or {@code null}; "2 days later" needs its "later". */
  private static String read(Cursor c) {
    int mark = c.mark();
    int verb = c.acceptFirst(VERBS);
    String duration = Durations.read(c);
    if (duration == null) {
      c.reset(mark);
      return null;
    }
    if (verb < 0 && !c.accept(LATER)) {
      c.reset(mark);
      return null;
    }
    if (verb == 4 && !c.accept(PAUSE_NOUN)) {
      c.reset(mark);
      return null;
    }
    if (verb == 2 && !c.accept(AFTER_DURATION)) {
      c.reset(mark);
      return null;
    }
    c.accept(AFTER_DURATION);
    c.accept(LATER);
    return duration;
  }
}
