package dev.switchboard.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Triggering runs and waiting for them, with timeouts. */
public final class Runs {

  private Runs() {}

  public static String trigger(Api api, String ws, String agentId) {
    return api.post("/api/workspaces/" + ws + "/agents/" + agentId + "/trigger", null)
        .expect(202)
        .data()
        .get("executionId")
        .asString();
  }

  public static JsonNode get(Api api, String ws, String executionId) {
    return api.get("/api/workspaces/" + ws + "/executions/" + executionId).expect(200).data();
  }

  /** Waits until the run reaches one of {@code statuses} and returns it. */
  public static JsonNode awaitStatus(Api api, String ws, String executionId, String... statuses) {
    Set<String> wanted = Set.of(statuses);
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> get(api, ws, executionId), run -> wanted.contains(run.get("status").asString()));
  }
}
