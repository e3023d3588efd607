package dev.switchboard.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: {@code anAgent().live().withPlan(...)} builds the body of POST /agents. */
public final class AgentBuilder {

  private final Map<String, Object> body = new LinkedHashMap<>();

  private AgentBuilder(String kind) {
    body.put("name", kind + " agent " + System.nanoTime());
    body.put("kind", kind);
  }

  public static AgentBuilder anAgent() {
    return new AgentBuilder("workflow");
  }

  public static AgentBuilder aCommandAgent(String... argv) {
    AgentBuilder b = new AgentBuilder("command");
    b.body.put("command", List.of(argv));
    return b;
  }

  public AgentBuilder named(String name) {
    body.put("name", name);
    return this;
  }

  public AgentBuilder live() {
    body.put("status", "live");
    return this;
  }

  public AgentBuilder draft() {
    body.put("status", "draft");
    return this;
  }

  public AgentBuilder adminsOnly() {
    body.put("runPermission", "admins");
    return this;
  }

  public AgentBuilder withGoal(String goal) {
    body.put("goal", goal);
    return this;
  }

  public AgentBuilder withTimeout(int seconds) {
    body.put("timeoutSeconds", seconds);
    return this;
  }

  public AgentBuilder withLimits(int perMinute, int perDay) {
    body.put(
        "restrictions", Map.of("maxExecutionsPerMinute", perMinute, "maxExecutionsPerDay", perDay));
    return this;
  }

  @SafeVarargs
  public final AgentBuilder withSteps(Map<String, Object>... steps) {
    body.put("plan", Map.of("steps", List.of(steps)));
    return this;
  }

  @SafeVarargs
  public final AgentBuilder withTriggers(Map<String, Object>... triggers) {
    body.put("triggers", List.of(triggers));
    return this;
  }

  public Map<String, Object> body() {
    return body;
  }

  /** Creates the agent through the API and returns its id. */
  public String createIn(Api api, String ws) {
    return api.post("/api/workspaces/" + ws + "/agents", body)
        .expect(201)
        .data()
        .get("id")
        .asString();
  }
}
