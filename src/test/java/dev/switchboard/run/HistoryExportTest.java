package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.support.TestDatabase;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The export is the list: the same rows for the same filters, all pages, as CSV or JSON. */
@Tag("db")
class HistoryExportTest extends SwitchboardTestBase {

  private static final String HEADER =
      "executionId,agentName,date,status,triggerType,durationMs,contactsProcessed,"
          + "actionsPerformed,error";

  private String agent;
  private String workspace;

  private void runs(int count) {
    runs(
        count,
        600,
        i -> i == 1 ? "=HYPERLINK(\"x\"), sum" : "Exporter",
        "Email server refused, \\\"twice\\\"\\nthen gave up");
  }

  /**
   * Stores {@code count} finished runs of a new agent, {@code apartSeconds} apart, every fourth
   * failed with {@code error} (JSON-escaped) as its message.
   */
  private void runs(int count, long apartSeconds, IntFunction<String> name, String error) {
    workspace = owner.createWorkspace("Export " + System.nanoTime());
    agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, workspace);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean failed = i % 4 == 0;
      var at = clock.instant().minusSeconds(apartSeconds * i).atOffset(ZoneOffset.UTC);
      rows.add(
          new Object[] {
            UUID.randomUUID(),
            UUID.fromString(workspace),
            UUID.fromString(agent),
            name.apply(i),
            i % 2 == 0 ? "user: ann@acme.test" : "user: bob@acme.test",
            failed ? "failed" : "completed",
            at,
            at,
            at.plusNanos(1_500_000_000L),
            i % 5,
            "{\"emailsSent\": 2, \"tagsAdded\": 1, \"contactsProcessed\": " + (i % 5) + "}",
            failed ? "{\"message\": \"" + error + "\"}" : null
          });
    }
    jdbc.batchUpdate(
        """
        insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
        status, created_at, started_at, finished_at, processed_count, summary, error)
        values (?, ?, ?, ?, 'manual', ?, ?, ?, ?, ?, ?, ?, ?)\
        """,
        rows);
  }

  private List<String> listIds(String query) {
    List<String> ids = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode data =
          owner
              .get(
                  "/api/workspaces/"
                      + workspace
                      + "/agents/"
                      + agent
                      + "/executions?page="
                      + page
                      + query)
              .expect(200)
              .data();
      data.get("items").forEach(r -> ids.add(r.get("executionId").asString()));
      if (page >= data.get("pages").asInt()) {
        return ids;
      }
    }
  }

  private static List<String> csvIds(String csv) {
    List<String> ids = new ArrayList<>();
    for (String line : csv.split("\r\n")) {
      if (line.matches("(?s)[0-9a-f]{8}-.*")) {
        ids.add(line.substring(0, 36));
      }
    }
    return ids;
  }

  private Api.Response export(String scope, String query) {
    return owner.get("/api/workspaces/" + workspace + scope + "/executions/export?" + query);
  }

  @Test
  void the_csv_has_exactly_the_lists_rows_for_every_filter_and_all_pages() {
    runs(130);
    String agentScope = "/agents/" + agent;

    for (String query :
        List.of(
            "",
            "&status=failed",
            "&status=completed&search=bob@acme",
            "&range=24h",
            "&from=" + clock.instant().minusSeconds(600L * 40) + "&search=ann",
            "&search=nothing-matches")) {
      Api.Response csv = export(agentScope, "format=csv" + query).expect(200);
      assertThat(csv.body()).startsWith(HEADER + "\r\n");
      assertThat(csvIds(csv.body())).as(query).containsExactlyElementsOf(listIds(query));
      Api.Response json = export("", "format=json" + query).expect(200);
      List<String> jsonIds = new ArrayList<>();
      json.json().forEach(r -> jsonIds.add(r.get("executionId").asString()));
      assertThat(jsonIds).as(query).containsExactlyElementsOf(listIds(query));
    }
    assertThat(listIds("")).hasSize(130);
  }

  @Test
  void cells_are_quoted_as_rfc_4180_and_formulas_are_defused() {
    runs(2);

    String csv = export("/agents/" + agent, "").expect(200).body();
    JsonNode json = export("", "format=json").expect(200).json();

    assertThat(csv).contains(",\"'=HYPERLINK(\"\"x\"\"), sum\",");
    assertThat(csv).contains(",\"Email server refused, \"\"twice\"\"\nthen gave up\"\r\n");
    assertThat(csv).contains(",Exporter,");
    assertThat(csv).contains(",failed,manual,1500,0,3,");
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("agentName").asString()).isEqualTo("Exporter");
    assertThat(json.get(0).get("error").asString())
        .isEqualTo("Email server refused, \"twice\"\nthen gave up");
    assertThat(json.get(1).get("error").isNull()).isTrue();
    assertThat(json.get(1).get("durationMs").asLong()).isEqualTo(1500);
    assertThat(json.get(1).get("actionsPerformed").asLong()).isEqualTo(3);
  }

  @Test
  void a_large_export_streams_without_the_heap_growing_with_it() throws Exception {
    int count = 80_000;
    // A second apart: all within a day, so no retention purge takes rows away meanwhile.
    runs(count, 1, i -> "Exporter " + "x".repeat(170), "Mail server said: " + "no. ".repeat(400));
    try {
      exportsInConstantMemory(count);
    } finally {
      // So many rows would slow the housekeeping of every later test on the shared database.
      deleteRuns(UUID.fromString(agent));
    }
  }

  /**
   * Deletes the agent's runs, again when the delete waits too long: the daily totals fold locks
   * batches of these same finished runs meanwhile, and a delete once timed out behind it on H2,
   * leaving 80,000 rows to slow every later test.
   */
  private void deleteRuns(UUID agentId) {
    for (int attempt = 1; ; attempt++) {
      try {
        jdbc.update("delete from executions where agent_id = ?", agentId);
        return;
      } catch (org.springframework.dao.QueryTimeoutException busy) {
        if (attempt == 5) {
          throw busy;
        }
      }
    }
  }

  private void exportsInConstantMemory(int count) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://127.0.0.1:"
                        + port
                        + "/api/workspaces/"
                        + workspace
                        + "/executions/export?format=csv"))
            .header("Authorization", "Bearer " + owner.token())
            .build();
    long before = heapAfterGc();

    var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    long bytes = 0;
    long rows = 0;
    long halfway = 0;
    try (InputStream body = response.body()) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = body.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            rows++;
          }
        }
        bytes += n;
        if (halfway == 0 && rows > count / 2) {
          // The server is still writing the second half: what it holds now is what it holds
          // while streaming.
          halfway = heapAfterGc();
        }
      }
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(rows).as("header and every row").isEqualTo(count + 1);
    assertThat(bytes)
        .as("an export far larger than what the heap may grow by")
        .isGreaterThan(40L << 20);
    // H2 runs in this heap and keeps up to MAX_MEMORY_ROWS rows of a result in memory (some 28 MB
    // here): its bound is the export's size, which a buffered export (the text, and its rows)
    // would exceed. PostgreSQL streams the rows to the server: its bound is fixed.
    boolean postgres = TestDatabase.postgres();
    assertThat(halfway - before)
        .as("heap growth halfway through a %d MB export", bytes >> 20)
        .isLessThan(postgres ? 16L << 20 : bytes);
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void a_real_run_is_exported_and_bad_filters_or_strangers_are_refused() {
    workspace = ws;
    agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    String run = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, run, "completed");

    Api.Response csv = export("/agents/" + agent, "format=csv");

    assertThat(csv.expect(200).body()).contains(run + ",").contains(",completed,manual,");
    assertThat(export("", "format=xml").expect(400).error().get("field").asString())
        .isEqualTo("format");
    assertThat(export("", "status=bogus").expect(400).error().get("field").asString())
        .isEqualTo("status");
    String elsewhere = owner.createWorkspace("Stranger " + System.nanoTime());
    String suffix = String.valueOf(System.nanoTime());
    owner.addMember(elsewhere, "x" + suffix + "@test.local", "stranger-pass-123", "admin");
    Api stranger = Api.login(port, "x" + suffix + "@test.local", "stranger-pass-123");
    assertThat(stranger.get("/api/workspaces/" + ws + "/executions/export").status())
        .isEqualTo(404);
    assertThat(
            stranger
                .get("/api/workspaces/" + ws + "/agents/" + agent + "/executions/export")
                .status())
        .isEqualTo(404);
  }
}
