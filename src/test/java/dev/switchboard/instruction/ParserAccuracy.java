package dev.switchboard.instruction;

import dev.switchboard.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a parser on labelled corpora with the corpus scoring rule and prints {@code accuracy: N/M
 * (P %)} per file and overall, then every failure (id, text, expected, got).
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.mainClass=dev.switchboard.instruction.ParserAccuracy \
 *     -Dexec.classpathScope=test \
 *     -Dexec.args="../shared/corpus/instructions.jsonl src/test/resources/instruction/extra.jsonl"
 * </pre>
 */
public final class ParserAccuracy {

  /** How a case went wrong; a wrong plan is worse than a refusal, so they are counted apart. */
  enum Miss {
    /** Readable text refused (422). */
    REFUSED,
    /** Text accepted, but the plan differs from the label. */
    WRONG_PLAN,
    /** Text that must be refused was accepted. */
    WRONGLY_ACCEPTED
  }

  /** One scored case that went wrong. */
  record Failure(LabelledCase labelled, Miss miss, String got) {}

  /** The outcome over a set of cases. */
  record Score(int correct, int total, List<Failure> failures) {

    double percent() {
      return total == 0 ? 0 : 100.0 * correct / total;
    }

    long count(Miss miss) {
      return failures.stream().filter(f -> f.miss() == miss).count();
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "accuracy: %d/%d (%.1f %%); refused valid %d, wrong plans %d, wrongly accepted %d",
          correct,
          total,
          percent(),
          count(Miss.REFUSED),
          count(Miss.WRONG_PLAN),
          count(Miss.WRONGLY_ACCEPTED));
    }
  }

  private ParserAccuracy() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: ParserAccuracy corpus.jsonl [more.jsonl ...]");
      System.exit(2);
    }
    InstructionParser parser = new BuiltInParser();
    List<LabelledCase> all = new ArrayList<>();
    for (String file : args) {
      List<LabelledCase> cases = LabelledCase.load(Path.of(file));
      all.addAll(cases);
      System.out.println(file + ": " + score(parser, cases).line());
    }
    Score overall = score(parser, all);
    System.out.println(overall.line());
    for (Failure failure : overall.failures()) {
      LabelledCase c = failure.labelled();
      System.out.println();
      System.out.println("FAIL " + failure.miss() + " " + c.id() + ": " + c.instructions());
      System.out.println(
          "  expected: "
              + (c.expectsRejection()
                  ? ParseResult.ERROR_CODE
                  : LabelledCase.toJson(c.expectedPlan())));
      System.out.println("  got:      " + failure.got());
    }
  }

  /** Scores the parser on the cases. */
  static Score score(InstructionParser parser, List<LabelledCase> cases) {
    int correct = 0;
    List<Failure> failures = new ArrayList<>();
    for (LabelledCase c : cases) {
      ParseResult result = parser.parse(c.instructions());
      boolean ok =
          switch (result) {
            case ParseResult.Parsed parsed ->
                !c.expectsRejection()
                    && PlanScore.same(c.expectedPlan(), PlanJson.write(parsed.plan()));
            case ParseResult.Unparseable unparseable -> c.expectsRejection();
          };
      if (ok) {
        correct++;
      } else {
        failures.add(new Failure(c, miss(c, result), describe(result)));
      }
    }
    return new Score(correct, cases.size(), failures);
  }

  private static Miss miss(LabelledCase c, ParseResult result) {
    if (result instanceof ParseResult.Unparseable) {
      return Miss.REFUSED;
    }
    return c.expectsRejection() ? Miss.WRONGLY_ACCEPTED : Miss.WRONG_PLAN;
  }

  private static String describe(ParseResult result) {
    return switch (result) {
      case ParseResult.Parsed parsed -> LabelledCase.toJson(PlanJson.write(parsed.plan()));
      case ParseResult.Unparseable unparseable ->
          ParseResult.ERROR_CODE + " " + unparseable.details();
    };
  }
}
