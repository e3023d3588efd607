package dev.switchboard.instruction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the built-in parser per instruction over labelled corpora and prints the median and p99
 * parse time. It warms the JIT up first, then parses every instruction many times and ranks all the
 * single parse times.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.mainClass=dev.switchboard.instruction.ParserSpeed \
 *     -Dexec.classpathScope=test \
 *     -Dexec.args="../shared/corpus/instructions.jsonl src/test/resources/instruction/extra.jsonl"
 * </pre>
 */
public final class ParserSpeed {

  private static final int WARM_UP_ROUNDS = 300;
  private static final int MEASURED_ROUNDS = 200;

  private ParserSpeed() {}

  public static void main(String[] args) throws IOException {
    List<String> texts = new ArrayList<>();
    for (String file : args) {
      LabelledCase.load(Path.of(file)).forEach(c -> texts.add(c.instructions()));
    }
    if (texts.isEmpty()) {
      System.err.println("usage: ParserSpeed corpus.jsonl [more.jsonl ...]");
      System.exit(2);
    }
    InstructionParser parser = new BuiltInParser();
    int sink = 0;
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (String text : texts) {
        sink += parser.parse(text).hashCode() & 1;
      }
    }
    long[] nanos = new long[MEASURED_ROUNDS * texts.size()];
    int n = 0;
    for (int round = 0; round < MEASURED_ROUNDS; round++) {
      for (String text : texts) {
        long start = System.nanoTime();
        sink += parser.parse(text).hashCode() & 1;
        nanos[n++] = System.nanoTime() - start;
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "parse time per instruction over %d instructions x %d rounds: median %.3f ms, p99 %.3f ms,"
            + " max %.3f ms (checksum %d)%n",
        texts.size(),
        MEASURED_ROUNDS,
        millis(nanos[nanos.length / 2]),
        millis(nanos[(int) Math.ceil(nanos.length * 0.99) - 1]),
        millis(nanos[nanos.length - 1]),
        sink);
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
