package dev.switchboard.instruction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One labelled case of an instruction corpus (see {@code shared/corpus/README.md}): the text and
 * either the expected plan or the expected rejection.
 */
record LabelledCase(String id, String instructions, Object expectedPlan) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Whether the parser must reject the text with UNPARSEABLE_INSTRUCTIONS. */
  boolean expectsRejection() {
    return expectedPlan == null;
  }

  /** Reads a JSONL corpus file; blank lines are skipped. */
  @SuppressWarnings("unchecked")
  static List<LabelledCase> load(Path file) throws IOException {
    List<LabelledCase> cases = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> row = JSON.readValue(line, Map.class);
      Object error = row.get("error");
      if (error != null && !ParseResult.ERROR_CODE.equals(error)) {
        throw new IllegalArgumentException(row.get("id") + ": unknown error " + error);
      }
      cases.add(
          new LabelledCase(
              (String) row.get("id"), (String) row.get("instructions"), row.get("plan")));
    }
    return cases;
  }

  static String toJson(Object tree) {
    return JSON.writeValueAsString(tree);
  }
}
