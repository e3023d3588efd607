package dev.switchboard.security;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.AgentBuilder;
import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every workspace endpoint (read from the handler mapping, so new ones are in) × every kind of
 * caller × ids of the workspace or of another one, plus the pages and the WebSocket topics.
 * Endpoints outside a workspace (sign-in, creating workspaces: instance rights) have their own
 * tests and are listed, not called. What each call should answer follows from its method, its path
 * and the caller's role (see {@link #expected}). Any wrong answer or 5xx fails the test; the counts
 * are printed.
 */
@Tag("db")
class RbacMatrixTest extends SwitchboardTestBase {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Who calls: the four roles of workspace A, nobody, and the owner of workspace B only. */
  enum Who {
    ANONYMOUS,
    VIEWER,
    MEMBER,
    ADMIN,
    OWNER,
    STRANGER
  }

  /**
   * Whose ids a path names under workspace A: A's own, A's of an agent only admins may run, B's, or
   * ids we cannot make (random).
   */
  enum Ids {
    OWN,
    OWN_ADMINS_ONLY,
    FOREIGN,
    UNKNOWN
  }

  /** Owners and admins only: changing agents, members, the workspace, and all of integrations. */
  private static final List<Pattern> MANAGED =
      List.of(
          Pattern.compile(
              "(POST|PUT|PATCH|DELETE) /api/workspaces/\\{ws}/agents(?!/\\{agentId}/trigger$).*"),
          Pattern.compile("(POST|PUT|PATCH|DELETE) /api/workspaces/\\{ws}(/members.*)?"),
          Pattern.compile("\\w+ /api/workspaces/\\{ws}/integrations.*"),
          Pattern.compile("GET /w/\\{ws}/integrations"));

  /**
   * POSTs viewers may make too: a parse preview and their own bell change nothing, and the chat
   * lets them use /status and /help (SPEC "Work orders and chat"; the command checks the role).
   */
  private static final Pattern CHANGE_NOTHING =
      Pattern.compile("POST /api/workspaces/\\{ws}/(instructions/parse|notifications/read|chat)");

  /** Starting and stopping runs follow the agent's run permission. */
  private static final Pattern RUNS =
      Pattern.compile(
          "POST /api/workspaces/\\{ws}/(agents/\\{agentId}/trigger"
              + "|executions/\\{executionId}/(cancel|stop|retry|resume))");

  /** Answers that show a permitted change got past the gate (it may still be refused on merit). */
  private static final Set<Integer> CHANGE_ALLOWED = Set.of(200, 201, 202, 204, 400, 409, 422);

  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private String a;
  private String b;
  private final Map<Who, String> tokens = new EnumMap<>(Who.class);
  private final Map<String, String> sharedA = new LinkedHashMap<>();
  private final Map<String, String> sharedB = new LinkedHashMap<>();
  private final List<String> wrong = new ArrayList<>();
  private final Set<String> unknownVariables = new TreeSet<>();
  private final Set<String> leftOut = new TreeSet<>();
  private int calls;
  private int serverErrors;

  @BeforeEach
  void workspaces() {
    a = owner.createWorkspace("Matrix A " + UUID.randomUUID());
    b = owner.createWorkspace("Matrix B " + UUID.randomUUID());
    for (Who who : List.of(Who.VIEWER, Who.MEMBER, Who.ADMIN, Who.OWNER, Who.STRANGER)) {
      String email = "matrix-" + who.name().toLowerCase() + "-" + UUID.randomUUID() + "@test.local";
      String role = who == Who.STRANGER ? "owner" : who.name().toLowerCase();
      owner.addMember(who == Who.STRANGER ? b : a, email, "matrix-pass-1", role);
      tokens.put(who, Api.login(port, email, "matrix-pass-1").token());
    }
  }

  @Test
  void every_endpoint_page_and_topic_answers_each_caller_as_its_role_allows() throws Exception {
    List<Endpoint> endpoints = endpoints();
    for (Endpoint endpoint : endpoints) {
      for (Who who : Who.values()) {
        for (Ids ids : endpoint.scopes()) {
          call(endpoint, who, ids);
        }
      }
    }
    topics();

    System.out.printf(
        "RBAC matrix: %d endpoints, %d calls, %d wrong answers, %d 5xx; ids made up for %s;"
            + " outside workspace roles (their own tests): %s%n",
        endpoints.size(), calls, wrong.size(), serverErrors, unknownVariables, leftOut);
    assertThat(endpoints).hasSizeGreaterThan(40);
    assertThat(wrong).as("wrong answers").isEmpty();
    assertThat(serverErrors).as("5xx answers").isZero();
  }

  @Test
  void the_rule_reads_as_the_spec_says() {
    Endpoint trigger = new Endpoint("POST", "/api/workspaces/{ws}/agents/{agentId}/trigger", "");
    Endpoint edit = new Endpoint("PUT", "/api/workspaces/{ws}/agents/{agentId}", "");
    Endpoint history = new Endpoint("GET", "/api/workspaces/{ws}/agents/{agentId}/executions", "");
    Endpoint page = new Endpoint("GET", "/w/{ws}/agents/{agentId}", "");

    assertThat(expected(trigger, Who.VIEWER, Ids.OWN)).containsOnly(403);
    assertThat(expected(trigger, Who.MEMBER, Ids.OWN)).contains(202, 409).doesNotContain(403);
    assertThat(expected(trigger, Who.MEMBER, Ids.OWN_ADMINS_ONLY)).containsOnly(403);
    assertThat(expected(history, Who.MEMBER, Ids.OWN_ADMINS_ONLY)).containsOnly(200);
    assertThat(expected(edit, Who.MEMBER, Ids.OWN)).containsOnly(403);
    assertThat(expected(edit, Who.ADMIN, Ids.OWN)).contains(200).doesNotContain(403, 404);
    assertThat(expected(history, Who.VIEWER, Ids.OWN)).containsOnly(200);
    assertThat(expected(history, Who.OWNER, Ids.FOREIGN)).containsOnly(404);
    assertThat(expected(history, Who.STRANGER, Ids.OWN)).containsOnly(404);
    assertThat(expected(trigger, Who.ANONYMOUS, Ids.OWN)).containsOnly(401);
    assertThat(expected(page, Who.ANONYMOUS, Ids.OWN)).containsOnly(302);
    assertThat(expected(page, Who.VIEWER, Ids.FOREIGN)).containsOnly(404);
  }

  // ---- The rule -------------------------------------------------------------------------------

  /** What {@code who} must get from {@code endpoint} naming {@code ids} under workspace A. */
  static Set<Integer> expected(Endpoint endpoint, Who who, Ids ids) {
    if (who == Who.ANONYMOUS) {
      return Set.of(endpoint.page() ? 302 : 401);
    }
    if (!endpoint.path().contains("{ws}")) {
      return Set.of(200);
    }
    if (who == Who.STRANGER) {
      return Set.of(404);
    }
    boolean permitted = permitted(endpoint, who, ids);
    if (ids == Ids.FOREIGN || ids == Ids.UNKNOWN) {
      return permitted || endpoint.read() ? Set.of(404) : Set.of(403, 404);
    }
    if (!permitted) {
      return Set.of(403);
    }
    return endpoint.read() ? Set.of(200) : CHANGE_ALLOWED;
  }

  private static boolean permitted(Endpoint endpoint, Who who, Ids ids) {
    String call = endpoint.method() + " " + endpoint.path();
    boolean adminsRun = ids == Ids.OWN_ADMINS_ONLY && RUNS.matcher(call).matches();
    if (adminsRun || MANAGED.stream().anyMatch(p -> p.matcher(call).matches())) {
      return who == Who.OWNER || who == Who.ADMIN;
    }
    return endpoint.read() || who != Who.VIEWER || CHANGE_NOTHING.matcher(call).matches();
  }

  // ---- The endpoints --------------------------------------------------------------------------

  record Endpoint(String method, String path, String contentType) {

    boolean page() {
      return path.startsWith("/w/");
    }

    boolean read() {
      return method.equals("GET");
    }

    List<String> variables() {
      List<String> names = new ArrayList<>();
      Matcher m = VARIABLE.matcher(path);
      while (m.find()) {
        if (!m.group(1).equals("ws")) {
          names.add(m.group(1));
        }
      }
      return names;
    }

    List<Ids> scopes() {
      List<String> names = variables();
      if (names.contains("agentId") || names.contains("executionId")) {
        return List.of(Ids.OWN, Ids.OWN_ADMINS_ONLY, Ids.FOREIGN);
      }
      return names.isEmpty() || names.equals(List.of("kind"))
          ? List.of(Ids.OWN)
          : List.of(Ids.OWN, Ids.FOREIGN);
    }
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
      String type =
          consumes.isEmpty() || consumes.contains(MediaType.APPLICATION_JSON)
              ? "application/json"
              : consumes.iterator().next().toString();
      for (String path : info.getPathPatternsCondition().getPatternValues()) {
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          String call = method + " " + path;
          if (path.contains("{ws}") || call.equals("GET /api/workspaces")) {
            endpoints.add(new Endpoint(method.name(), path, type));
          } else if (path.startsWith("/api/") || path.startsWith("/w/")) {
            leftOut.add(call);
          }
        }
      }
    }
    endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
    return endpoints;
  }

  // ---- One call -------------------------------------------------------------------------------

  private void call(Endpoint endpoint, Who who, Ids scope) {
    Fixtures ids =
        switch (scope) {
          case OWN ->
              endpoint.read() || who == Who.ANONYMOUS || who == Who.STRANGER
                  ? new Fixtures(a, false, sharedA)
                  : new Fixtures(a, false, new LinkedHashMap<>());
          case OWN_ADMINS_ONLY -> new Fixtures(a, true, new LinkedHashMap<>());
          case FOREIGN -> new Fixtures(b, false, sharedB);
          case UNKNOWN ->
              throw new IllegalArgumentException("no endpoint is called with UNKNOWN ids");
        };
    Ids actualScope = scope;
    StringBuilder path = new StringBuilder();
    Matcher m = VARIABLE.matcher(endpoint.path());
    while (m.find()) {
      String name = m.group(1);
      String id = name.equals("ws") ? a : ids.id(name);
      if (id == null) {
        unknownVariables.add(name);
        id = UUID.randomUUID().toString();
        actualScope = Ids.UNKNOWN;
      }
      m.appendReplacement(path, id);
    }
    m.appendTail(path);
    HttpResponse<String> answer = send(endpoint, path.toString(), tokens.get(who));
    calls++;
    int status = answer.statusCode();
    if (status >= 500) {
      serverErrors++;
    }
    Set<Integer> expected = expected(endpoint, who, actualScope);
    boolean toLogin =
        status != 302 || answer.headers().firstValue("Location").orElse("").endsWith("/login");
    if (!expected.contains(status) || !toLogin) {
      wrong.add(
          "%s %s as %s with %s ids: %d, expected %s %s"
              .formatted(
                  endpoint.method(),
                  endpoint.path(),
                  who,
                  actualScope,
                  status,
                  expected,
                  answer.body().substring(0, Math.min(160, answer.body().length()))));
    }
  }

  private HttpResponse<String> send(Endpoint endpoint, String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (endpoint.read()) {
      request.header("Accept", endpoint.page() ? "text/html" : "application/json").GET();
    } else {
      String boundary = "matrix" + UUID.randomUUID().toString().replace("-", "");
      String csv = "firstName,email\nMat,mat-" + UUID.randomUUID() + "@test.local\n";
      String body =
          switch (endpoint.contentType()) {
            case MediaType.MULTIPART_FORM_DATA_VALUE ->
                "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                        .formatted(boundary)
                    + "Content-Type: text/csv\r\n\r\n"
                    + csv
                    + "\r\n--"
                    + boundary
                    + "--\r\n";
            case "application/json" -> "{}";
            default -> csv;
          };
      String type =
          endpoint.contentType().equals(MediaType.MULTIPART_FORM_DATA_VALUE)
              ? "multipart/form-data; boundary=" + boundary
              : endpoint.contentType();
      request
          .header("Content-Type", type)
          .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(endpoint + " " + path, e);
    }
  }

  // ---- Records to name ------------------------------------------------------------------------

  /**
   * Ids of one workspace, made on first use through the API by the instance owner. A change gets
   * fresh ones, so a permitted delete does not take a record from the calls after it.
   */
  private final class Fixtures {
    private final String ws;
    private final boolean adminsOnly;
    private final Map<String, String> made;

    Fixtures(String ws, boolean adminsOnly, Map<String, String> made) {
      this.ws = ws;
      this.adminsOnly = adminsOnly;
      this.made = made;
    }

    /** The id a path variable stands for, or null when the matrix cannot make one. */
    String id(String variable) {
      if (variable.equals("kind")) {
        return "email";
      }
      Function<Fixtures, String> maker = makers.get(variable);
      if (maker == null) {
        return null;
      }
      if (!made.containsKey(variable)) {
        made.put(variable, maker.apply(this));
      }
      return made.get(variable);
    }

    String create(String what, Map<String, Object> body) {
      return owner
          .post("/api/workspaces/" + ws + "/" + what, body)
          .expect(201)
          .data()
          .get("id")
          .asString();
    }
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private final Map<String, Function<Fixtures, String>> makers = fixtureMakers();

  private Map<String, Function<Fixtures, String>> fixtureMakers() {
    Map<String, Function<Fixtures, String>> makers = new LinkedHashMap<>();
    makers.put(
        "agentId",
        f -> {
          AgentBuilder agent =
              anAgent().live().withSteps(step("remember", Map.of("key", "k", "value", "v")));
          return (f.adminsOnly ? agent.adminsOnly() : agent).createIn(owner, f.ws);
        });
    makers.put("executionId", f -> Runs.trigger(owner, f.ws, f.id("agentId")));
    makers.put(
        "contactId",
        f -> f.create("contacts", Map.of("firstName", "M", "email", unique() + "@test.local")));
    makers.put("companyId", f -> f.create("companies", Map.of("name", "Co " + unique())));
    makers.put("dealId", f -> f.create("deals", Map.of("name", "D", "value", 10, "stage", "Lead")));
    makers.put("tagId", f -> f.create("tags", Map.of("name", "tag-" + unique())));
    makers.put(
        "templateId",
        f ->
            f.create(
                "email-templates", Map.of("name", "T " + unique(), "subject", "S", "body", "B")));
    makers.put(
        "fieldId",
        f ->
            f.create(
                "custom-fields",
                Map.of("entity", "contact", "name", "f" + unique(), "type", "string")));
    makers.put(
        "formId",
        f ->
            f.create(
                "forms",
                Map.of("name", "F " + unique(), "fields", List.of(Map.of("name", "email")))));
    makers.put("taskId", f -> f.create("tasks", Map.of("title", "Task " + unique())));
    makers.put(
        "userId",
        f -> {
          String email = "matrix-removable-" + unique() + "@test.local";
          owner.addMember(f.ws, email, "matrix-pass-1", "viewer");
          for (JsonNode m : owner.get("/api/workspaces/" + f.ws + "/members").data()) {
            if (email.equals(m.get("email").asString())) {
              return m.get("userId").asString();
            }
          }
          throw new IllegalStateException("member not listed: " + email);
        });
    makers.put(
        "jobId",
        f -> {
          String path = "/api/workspaces/" + f.ws + "/contacts/import";
          String job = send(new Endpoint("POST", path, "text/csv"), path, owner.token()).body();
          return Api.JSON.readTree(job).at("/data/jobId").asString();
        });
    return makers;
  }

  // ---- WebSocket topics -----------------------------------------------------------------------

  /** A topic and the workspace whose members may watch it (null: nobody). */
  private record Watch(String topic, String workspace) {}

  private void topics() throws Exception {
    Fixtures ofA = new Fixtures(a, false, sharedA);
    Fixtures ofB = new Fixtures(b, false, sharedB);
    List<Watch> watches =
        List.of(
            new Watch("workspace:" + a, a),
            new Watch("workspace:" + a + ":agent:" + ofA.id("agentId"), a),
            new Watch("execution:" + ofA.id("executionId"), a),
            new Watch("workspace:" + b, b),
            new Watch("workspace:" + b + ":agent:" + ofB.id("agentId"), b),
            new Watch("execution:" + ofB.id("executionId"), b),
            new Watch("workspace:" + a + ":agent:" + ofB.id("agentId"), null),
            new Watch("workspace:" + b + ":agent:" + ofA.id("agentId"), null),
            new Watch("work-order:" + UUID.randomUUID(), null));
    for (Who who : Who.values()) {
      if (who == Who.ANONYMOUS) {
        calls++;
        CompletableFuture<WebSocket> refused = connect(null, new LinkedBlockingQueue<>());
        if (!refused.handle((ws, e) -> e != null).get(10, TimeUnit.SECONDS)) {
          wrong.add("an anonymous WebSocket was accepted");
        }
        continue;
      }
      String own = who == Who.STRANGER ? b : a;
      LinkedBlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
      WebSocket socket = connect(tokens.get(who), replies).get(10, TimeUnit.SECONDS);
      try {
        for (Watch watch : watches) {
          socket
              .sendText(
                  Api.JSON.writeValueAsString(Map.of("type", "subscribe", "topic", watch.topic())),
                  true)
              .get(10, TimeUnit.SECONDS);
          String answer = replyTo(watch.topic(), replies);
          String expected = own.equals(watch.workspace()) ? "subscribed" : "FORBIDDEN";
          calls++;
          if (!expected.equals(answer)) {
            wrong.add(
                "subscribe %s as %s: %s, expected %s".formatted(watch, who, answer, expected));
          }
        }
      } finally {
        socket.abort();
      }
    }
  }

  private CompletableFuture<WebSocket> connect(
      String token, LinkedBlockingQueue<JsonNode> replies) {
    String query = token == null ? "" : "?token=" + token;
    return HTTP.newWebSocketBuilder()
        .buildAsync(
            URI.create("ws://127.0.0.1:" + port + "/ws" + query),
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  replies.add(Api.JSON.readTree(partial.toString()));
                  partial.setLength(0);
                }
                ws.request(1);
                return null;
              }
            });
  }

  /** "subscribed", the error code, or "no answer" for the first reply about the topic. */
  private static String replyTo(String topic, LinkedBlockingQueue<JsonNode> replies)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      JsonNode reply = replies.poll(100, TimeUnit.MILLISECONDS);
      if (reply == null || !topic.equals(reply.path("topic").asString(null))) {
        continue;
      }
      switch (reply.path("type").asString()) {
        case "subscribed" -> {
          return "subscribed";
        }
        case "error" -> {
          return reply.path("code").asString();
        }
        default -> {}
      }
    }
    return "no answer";
  }
}
