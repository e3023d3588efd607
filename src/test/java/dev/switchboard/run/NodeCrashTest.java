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
  private final Map<Process, Integer> ports = new HashMap<>();

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

  /**
   * A command's processes outlive a node killed with SIGKILL. The next node on the machine kills
   * their process group before it can take the run over, so the command never runs twice at once.
   */
  @Test
  void a_killed_nodes_command_is_killed_before_its_run_is_taken_over() throws Exception {
    Path dataDir = Files.createTempDirectory("switchboard-orphans-");
    String schema = "sb_orphans_" + UUID.randomUUID().toString().substring(0, 8);
    Process first = start(dataDir, schema, freePort());
    Api api = Api.login(portOf(first), "admin@localhost", PASSWORD);
    String ws = api.firstWorkspace();
    String agent =
        aCommandAgent("sh", "-c", "sleep 600 & echo $!; echo $$; wait").live().createIn(api, ws);
    String run = Runs.trigger(api, ws, agent);
    List<Long> pids =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> stdoutPids(api, ws, run), p -> p.size() == 2);

    first.destroyForcibly();
    first.waitFor();
    assertThat(pids).allMatch(NodeCrashTest::running);
    Process second = start(dataDir, schema, freePort());

    assertThat(pids).noneMatch(NodeCrashTest::running);
    Api next = Api.login(portOf(second), "admin@localhost", PASSWORD);
    List<Long> all =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> stdoutPids(next, ws, run), p -> p.size() >= 4);
    second.destroyForcibly();
    second.waitFor();
    // The second node's attempt is an orphan now too, with no third node to clean it up.
    all.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    assertThat(all.subList(2, 4)).doesNotContainAnyElementsOf(pids);
  }

  private static List<Long> stdoutPids(Api api, String ws, String run) {
    List<Long> pids = new ArrayList<>();
    api.get("/api/workspaces/" + ws + "/executions/" + run + "/logs?after=0")
        .data()
        .get("lines")
        .forEach(l -> {
          if (l.get("stream").asString().equals("stdout")) {
            pids.add(Long.parseLong(l.get("line").asString().strip()));
          }
        });
    return pids;
  }

  /** Alive and not a zombie: a killed orphan may wait here for a parent that never reaps it. */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  private int portOf(Process node) {
    return ports.get(node);
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
    ports.put(node, port);
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
