package dev.switchboard.agent;

import dev.switchboard.plan.PlanJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** An agent as the API shows it. */
public final class AgentView {

  private AgentView() {}

  public static Map<String, Object> of(Agent a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", a.id());
    out.put("workspaceId", a.workspaceId());
    out.put("name", a.name());
    out.put("goal", a.goal());
    out.put("kind", a.kind().wireName());
    out.put("status", a.status().wireName());
    if (a.kind() == AgentKind.WORKFLOW) {
      out.put("instructions", a.instructions());
      out.put("plan", a.plan() == null ? null : PlanJson.write(a.plan()));
      out.put("planVersion", a.planVersion());
    } else {
      out.put("command", a.command());
      out.put("workingDirectory", a.workingDirectory());
      out.put(
          "timeoutSeconds",
          a.timeoutSeconds() == null ? Agent.DEFAULT_TIMEOUT_SECONDS : a.timeoutSeconds());
    }
    out.put("runPermission", a.adminsOnly() ? "admins" : "members");
    out.put(
        "restrictions",
        Map.of(
            "maxExecutionsPerMinute", a.restrictions().maxExecutionsPerMinute(),
            "maxExecutionsPerDay", a.restrictions().maxExecutionsPerDay(),
            "maxEmailsPerDay", a.restrictions().maxEmailsPerDay()));
    out.put("createdAt", a.createdAt());
    out.put("updatedAt", a.updatedAt());
    return out;
  }
}
