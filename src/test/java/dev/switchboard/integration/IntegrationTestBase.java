package dev.switchboard.integration;

import dev.switchboard.support.AgentBuilder;
import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A real server with short connector timeouts and backoff, the real CRM (reached through its REST
 * API), and helpers to run actions directly or through the engine. Each test works in a workspace
 * of its own.
 */
@TestPropertySource(
    properties = {
      "switchboard.integrations.retry-base-delay=10ms",
      "switchboard.integrations.search-timeout=5s",
      "switchboard.integrations.http-timeout=5s",
      "switchboard.integrations.connect-timeout=5s",
      "switchboard.integrations.smtp-timeout=5s"
    })
public abstract class IntegrationTestBase extends SwitchboardTestBase {

  /** A fresh workspace the owner owns, so limits and settings of other tests do not leak in. */
  protected String freshWorkspace() {
    return owner.createWorkspace("Integrations " + System.nanoTime());
  }

  protected void connect(String workspace, String kind, Map<String, Object> settings) {
    owner.put("/api/workspaces/" + workspace + "/integrations/" + kind, settings).expect(200);
  }

  /** A live workflow agent with the given steps and optional email limit. */
  protected String agent(
      String workspace, Integer maxEmailsPerDay, List<Map<String, Object>> steps) {
    Map<String, Object> body = new LinkedHashMap<>(AgentBuilder.anAgent().live().body());
    body.put("plan", Map.of("steps", steps));
    if (maxEmailsPerDay != null) {
      body.put("restrictions", Map.of("maxEmailsPerDay", maxEmailsPerDay));
    }
    return owner
        .post("/api/workspaces/" + workspace + "/agents", body)
        .expect(201)
        .data()
        .get("id")
        .asString();
  }

  /** Triggers the agent with {@code context} as the run's bindings and waits for it to end. */
  protected JsonNode runWith(String workspace, String agentId, Map<String, Object> context) {
    String id =
        owner
            .post(
                "/api/workspaces/" + workspace + "/agents/" + agentId + "/trigger",
                Map.of("context", context))
            .expect(202)
            .data()
            .get("executionId")
            .asString();
    return Runs.awaitStatus(owner, workspace, id, "completed", "failed");
  }

  protected List<String> logLines(String workspace, JsonNode run) {
    Api.Response logs =
        owner.get(
            "/api/workspaces/"
                + workspace
                + "/executions/"
                + run.get("executionId").asString()
                + "/logs");
    List<String> lines = new ArrayList<>();
    logs.data().get("lines").forEach(l -> lines.add(l.get("line").asString()));
    return lines;
  }

  protected String agentStatus(String workspace, String agentId) {
    return owner
        .get("/api/workspaces/" + workspace + "/agents/" + agentId)
        .expect(200)
        .data()
        .get("status")
        .asString();
  }

  protected List<String> notifications(String workspace) {
    return jdbc.queryForList(
        "select message from notifications where workspace_id = ? order by created_at",
        String.class,
        UUID.fromString(workspace));
  }

  protected void connectSmtp(String workspace, int port) {
    connect(
        workspace,
        "email",
        Map.of(
            "host",
            "127.0.0.1",
            "port",
            port,
            "username",
            "agent",
            "password",
            "smtp-secret",
            "from",
            "agent@switchboard.test"));
  }

  // --- the CRM, through its API ---

  private String crm(String workspace, String path) {
    return "/api/workspaces/" + workspace + "/" + path;
  }

  /** Creates an email template of the workspace. */
  protected void template(String workspace, String name, String subject, String body) {
    owner
        .post(
            crm(workspace, "email-templates"),
            Map.of("name", name, "subject", subject, "body", body))
        .expect(201);
  }

  /** Creates a company and returns it as the API answers it (the shape of {@code @company}). */
  protected Map<String, Object> company(String workspace, String name) {
    return asMap(owner.post(crm(workspace, "companies"), Map.of("name", name)).expect(201).data());
  }

  /**
   * Creates a contact through the API and returns it as the API answers it: the shape a contact has
   * in the bindings of a run ({@code context.contact}, or an item of search_contacts).
   */
  protected Map<String, Object> contact(String workspace, Map<String, Object> fields) {
    return asMap(owner.post(crm(workspace, "contacts"), fields).expect(201).data());
  }

  protected Map<String, Object> contact(
      String workspace, String first, String last, String email, String linkedinUrl) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("firstName", first);
    fields.put("lastName", last);
    fields.put("email", email);
    if (linkedinUrl != null) {
      fields.put("linkedinUrl", linkedinUrl);
    }
    return contact(workspace, fields);
  }

  /**
   * A contact that is not in the CRM (no id), as a trigger's context may carry one: for what the
   * CRM refuses to store, e.g. a contact without an email address.
   */
  protected static Map<String, Object> bareContact(String first, String last, String email) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("firstName", first);
    c.put("lastName", last);
    if (email != null) {
      c.put("email", email);
    }
    return c;
  }

  protected static String id(Map<String, Object> record) {
    return (String) record.get("id");
  }

  /** The contact as the CRM has it now. */
  protected JsonNode storedContact(String workspace, String contactId) {
    return owner.get(crm(workspace, "contacts/" + contactId)).expect(200).data();
  }

  protected JsonNode storedCompany(String workspace, String companyId) {
    return owner.get(crm(workspace, "companies/" + companyId)).expect(200).data();
  }

  /** The texts of a contact's timeline, newest first. */
  protected List<String> activities(String workspace, String contactId) {
    List<String> texts = new ArrayList<>();
    owner
        .get(crm(workspace, "activities?contactId=" + contactId))
        .expect(200)
        .data()
        .forEach(a -> texts.add(a.get("text").asString()));
    return texts;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(JsonNode node) {
    return Api.JSON.convertValue(node, LinkedHashMap.class);
  }

  /** A local port nothing listens on: bound once, then released. */
  protected static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** One action call, as the interpreter makes it, with a log that records what it says. */
  protected final class DirectCall {
    public final UUID workspace;
    public final UUID agentId;
    public final UUID executionId;
    public final List<String> log = new CopyOnWriteArrayList<>();

    public DirectCall(String workspace, String agentId) {
      this(workspace, agentId, UUID.randomUUID());
    }

    public DirectCall(String workspace, String agentId, UUID executionId) {
      this.workspace = UUID.fromString(workspace);
      this.agentId = UUID.fromString(agentId);
      this.executionId = executionId;
    }

    public ActionResult run(
        ActionHandler handler, int step, Map<String, Object> params, Map<String, Object> item) {
      Map<String, Object> variables = new LinkedHashMap<>(item);
      variables.put("memory", Map.of());
      return handler.execute(
          new ActionCall(
              workspace,
              agentId,
              "Test agent",
              executionId,
              step,
              params,
              item,
              variables,
              new ActionCall.StepLog() {
                @Override
                public void info(String line) {
                  log.add(line);
                }

                @Override
                public void warn(String line) {
                  log.add("Warning: " + line);
                }
              }));
    }
  }
}
