package dev.switchboard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One place changes a run's status: run/RunMoves, which also writes its transition row. */
class RunStatusWritesTest {

  private static final Path MAIN = Path.of("src/main/java");
  private static final Path MOVES = Path.of("src/main/java/dev/switchboard/run/RunMoves.java");

  /**
   * An UPDATE of executions that sets status (before its WHERE, within one string), or an insert of
   * a run or of a transition.
   */
  private static final Pattern STATUS_WRITE =
      Pattern.compile(
          "update\\s+executions\\s+set\\s(?:(?!\\bwhere\\b)[^;\"])*?\\bstatus\\s*="
              + "|insert\\s+into\\s+executions\\b"
              + "|insert\\s+into\\s+execution_transitions\\b");

  @Test
  void only_run_moves_writes_a_runs_status_or_its_transitions() throws IOException {
    List<Path> writers;
    try (Stream<Path> files = Files.walk(MAIN)) {
      writers =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(RunStatusWritesTest::writesStatus)
              .toList();
    }
    assertThat(writers).containsExactly(MOVES);
  }

  @Test
  void the_pattern_sees_a_status_update_spread_over_a_text_block() {
    assertThat(
            STATUS_WRITE
                .matcher("update executions set lease_owner = null,\n  status = 'queued' where")
                .find())
        .isTrue();
    assertThat(
            STATUS_WRITE
                .matcher("update executions set lease_until = ? where status = 'running'")
                .find())
        .isFalse();
  }

  private static boolean writesStatus(Path file) {
    try {
      String text = Files.readString(file).toLowerCase(Locale.ROOT);
      return STATUS_WRITE.matcher(text).find();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
