package dev.switchboard.demo;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentRequest;
import dev.switchboard.agent.Agents;
import dev.switchboard.agent.CommandAgentPolicy;
import dev.switchboard.integration.Integrations;
import dev.switchboard.run.Admission;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import dev.switchboard.workspace.WorkspaceCreated;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code SWITCHBOARD_DEMO=true}, fills the first workspace of an empty database with sample
 * agents and a first run, so there is something to click through. Email goes through the outbox
 * provider, so every sample agent's first run succeeds before anyone connects a mail server.
 */
@Component
class DemoWorkspace {

  private static final Logger log = LoggerFactory.getLogger(DemoWorkspace.class);

  private final boolean enabled;
  private final Agents agents;
  private final Integrations integrations;
  private final Admission admission;
  private final WorkspaceAccess access;
  private final CommandAgentPolicy commandPolicy;

  DemoWorkspace(
      @Value("${switchboard.demo}") boolean enabled,
      Agents agents,
      Integrations integrations,
      Admission admission,
      WorkspaceAccess access,
      CommandAgentPolicy commandPolicy) {
    this.enabled = enabled;
    this.agents = agents;
    this.integrations = integrations;
    this.admission = admission;
    this.access = access;
    this.commandPolicy = commandPolicy;
  }

  @EventListener
  void seed(WorkspaceCreated created) {
    if (!enabled || !created.firstStart()) {
      return;
    }
    Membership owner = access.find(created.ownerId(), created.workspaceId()).orElseThrow();
    integrations.useOutbox(owner, "demo@switchboard.localhost");
    agents.create(
        owner,
        workflow(
            "Welcome new leads",
            "live",
            "Greet new leads, wait two minutes, then note the follow-up",
            List.of(
                step("remember", Map.of("key", "greeting", "value", "Hi there, welcome aboard")),
                step("wait", Map.of("duration", "PT2M")),
                step(
                    "remember",
                    Map.of("key", "followUp", "value", "@memory.greeting (followed up)")))));
    Agent outreach =
        agents.create(
            owner,
            workflow(
                "CEO outreach",
                "live",
                "Find contacts where title contains CEO and send email using template 'Outbound v2'",
                List.of(
                    step(
                        "search_contacts",
                        Map.of(
                            "filters",
                            List.of(
                                Map.of("field", "title", "operator", "contains", "value", "CEO")))),
                    step("send_email", Map.of("template", "Outbound v2")))));
    Agent first = outreach;
    List<String> hello = List.of("echo", Agent.PROMPT);
    // The instance may forbid command agents, or this one's program.
    if (commandPolicy.accepts(owner, hello)) {
      first =
          agents.create(
              owner,
              new AgentRequest(
                  "Say hello (command)",
                  "Hello from a command agent",
                  "command",
                  "live",
                  null,
                  null,
                  hello,
                  null,
                  60,
                  null,
                  null,
                  null));
    }
    // The first run is a quick one: the agent that waits stays free for the newcomer's Run Now.
    admission.admit(new TriggerSource.Manual(owner), first, TriggerContext.EMPTY).orThrow();
    log.info(
        "Demo workspace ready: {} sample agents, email kept in the Outbox, and a first run",
        agents.list(created.workspaceId(), false).size());
  }

  private static AgentRequest workflow(
      String name, String status, String goal, List<Map<String, Object>> steps) {
    return new AgentRequest(
        name,
        goal,
        "workflow",
        status,
        null,
        Map.of("steps", steps),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Map<String, Object> step(String type, Map<String, Object> params) {
    return Map.of("type", type, "params", params);
  }
}
