package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kills a real Switchboard process (SIGKILL) in the middle of a run and starts another one on the
 * same database: the run is taken over when its lease runs out and finishes exactly once.
 */
@Tag("db")
class NodeCrashTest {

  private static final String PASSWORD = "crash-pass-123";
  private final List<Process> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(Process::destroyForcibly);
  }

  @Test
  void a_run_survives_kill_minus_9_of_its_node() throws Exception {
    List<String> changes = runThenReplaceNode(Process::destroyForcibly);

    assertThat(changes.get(2)).isEqualTo("queued by lease-reaper");
    assertThat(changes).filteredOn(c -> c.startsWith("completed")).hasSize(1);
  }

  @Test
  void a_graceful_shutdown_hands_the_run_back_to_the_queue() throws Exception {
    List<String> changes = runThenReplaceNode(Process::destroy);

    assertThat(changes.get(2)).startsWith("queued by worker");
    assertThat(changes).filteredOn(c -> c.startsWith("completed")).hasSize(1);
  }

  /** Starts a run on one node, stops that node as told, and lets a second node finish the run. */
  private List<String> runThenReplaceNode(java.util.function.Consumer<Process> stop)
      throws Exception {
    Path dataDir = Files.createTempDirectory("switchboard-crash-");
    String schema = "sb_crash_" + UUID.randomUUID().toString().substring(0, 8);
    int firstPort = freePort();
    Process first = start(dataDir, schema, firstPort);
    Api api = Api.login(firstPort, "admin@localhost", PASSWORD);
    String ws = api.firstWorkspace();
    String agent = aCommandAgent("sleep", "4").live().createIn(api, ws);
    String run = Runs.trigger(api, ws, agent);
    Runs.awaitStatus(api, ws, run, "running");

    stop.accept(first);
    first.waitFor();
    int secondPort = freePort();
    start(dataDir, schema, secondPort);
    Api second = Api.login(secondPort, "admin@localhost", PASSWORD);

    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> Runs.get(second, ws, run),
                r -> r.get("status").asString().equals("completed"));
    assertThat(done.get("attempt").asInt()).isEqualTo(2);
    List<String> changes = new ArrayList<>();
    done.get("transitions")
        .forEach(t -> changes.add(t.get("to").asString() + " by " + t.get("by").asString()));
    return changes;
  }

  private Process start(Path dataDir, String schema, int port) throws IOException {
    List<String> command =
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.switchboard.SwitchboardApplication");
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = new HashMap<>(builder.environment());
    env.put("SERVER_PORT", String.valueOf(port));
    env.put("SWITCHBOARD_DATA_DIR", dataDir.toString());
    env.put("SWITCHBOARD_JOBS_DIR", dataDir + "-jobs");
    env.put("SWITCHBOARD_ADMIN_PASSWORD", PASSWORD);
    env.put("SWITCHBOARD_LEASE", "2s");
    env.put("SWITCHBOARD_POLL_INTERVAL", "200ms");
    env.put("SWITCHBOARD_SHUTDOWN_GRACE", "1s");
    if (TestDatabase.postgres()) {
      TestDatabase.createSchema(schema);
      env.put("SPRING_DATASOURCE_URL", TestDatabase.postgresUrl() + "?currentSchema=" + schema);
      env.put("SPRING_DATASOURCE_USERNAME", "postgres");
      env.put("SPRING_FLYWAY_SCHEMAS", schema);
    }
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(dataDir.resolve("node-" + port + ".log").toFile());
    Process node = builder.start();
    nodes.add(node);
    Api anonymous = Api.anonymous(port);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> anonymous.get("/actuator/health").status() == 200);
    return node;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
