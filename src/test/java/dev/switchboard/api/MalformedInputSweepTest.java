package dev.switchboard.api;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every endpoint the application maps (read from Spring, so a new endpoint is covered without
 * editing this test) as an owner, with malformed path segments, query parameters, JSON bodies,
 * forms and uploads, and fails on any 5xx.
 */
@Tag("db")
class MalformedInputSweepTest extends SwitchboardTestBase {

  /** Stands for a lone surrogate, which only survives the trip as a JSON escape. */
  private static final String LONE_SURROGATE = "__lone_surrogate__";

  private static final String HUGE = "x".repeat(100_000);

  /** JSON values put in place of every field of a body, one at a time. */
  private static final List<String> JSON_VALUES =
      List.of(
          "\"a\\u0000b\"",
          "\"" + LONE_SURROGATE + "\"",
          "9223372036854775808",
          "2147483648",
          "-2147483649",
          "1e40",
          "-1e308",
          "1e308",
          "\"" + HUGE + "\"",
          // One past the common column sizes, in case a check and its column disagree.
          "\"" + "x".repeat(101) + "\"",
          "\"" + "x".repeat(201) + "\"",
          "\"" + "x".repeat(301) + "\"",
          "\"" + "x".repeat(1001) + "\"",
          "\"" + "x".repeat(2001) + "\"",
          "true",
          "{\"a\": 1}",
          "[[\"x\"]]",
          "null",
          "\"\"");

  /** Whole bodies in place of the expected one. */
  private static final List<String> WHOLE_BODIES =
      List.of(
          "",
          "{",
          "garbage",
          "[]",
          "[{}]",
          "\"x\"",
          "1e400",
          "{\"a\\u0000\": 1}",
          "{\"" + LONE_SURROGATE + "\": 1}",
          "\"" + HUGE + "\"");

  /** Query parameter and form values, already URL-encoded. */
  private static final List<String> PARAMETER_VALUES =
      List.of(
          "%00",
          "a%00b",
          "%ED%A0%80",
          "%F0%9F",
          "9223372036854775808",
          "2147483647",
          "-2147483649",
          "1e40",
          "-1",
          "NaN",
          "%5B%5D",
          "x".repeat(5_000));

  /** Path segments in place of every path variable, already URL-encoded. */
  private static final List<String> PATH_VALUES =
      List.of(
          "%00",
          "%ED%A0%80",
          "9223372036854775808",
          "-1",
          "00000000-0000-0000-0000-000000000000",
          "x".repeat(3_000));

  /** Files (and non-files) sent to multipart and CSV uploads. */
  private static final List<byte[]> FILES =
      List.of(
          new byte[0],
          "email\n".getBytes(StandardCharsets.UTF_8),
          "email,firstName\na@b.co,A\u0000B\n".getBytes(StandardCharsets.UTF_8),
          new byte[] {
            'e',
            'm',
            'a',
            'i',
            'l',
            '\n',
            'a',
            '@',
            'b',
            '.',
            'c',
            'o',
            ',',
            (byte) 0xED,
            (byte) 0xA0,
            (byte) 0x80,
            '\n'
          },
          new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0, '\n', ',', '"', 0},
          ("email,firstName\nb@b.co," + HUGE + "\n").getBytes(StandardCharsets.UTF_8),
          ("\"" + HUGE).getBytes(StandardCharsets.UTF_8));

  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> failures = new ArrayList<>();
  private int calls;

  @Test
  void no_endpoint_answers_5xx_to_malformed_input() {
    Map<String, String> ids = fixture();
    List<Endpoint> endpoints = endpoints();

    for (Endpoint endpoint : endpoints) {
      sweep(endpoint, ids);
    }

    System.out.printf(
        "Malformed-input sweep (%s): %d endpoints, %d calls, %d answered 5xx%n",
        TestDatabase.postgres() ? "PostgreSQL" : "H2", endpoints.size(), calls, failures.size());
    assertThat(endpoints).hasSizeGreaterThan(80);
    assertThat(calls).isGreaterThan(3_000);
    assertThat(failures).isEmpty();
  }

  /** A workspace of its own with one of everything, so path variables name real rows. */
  private Map<String, String> fixture() {
    String sweep = owner.createWorkspace("Sweep " + System.nanoTime());
    String base = "/api/workspaces/" + sweep;
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("ws", sweep);
    ids.put("kind", "email");
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "a", "value", "b")))
            .createIn(owner, sweep);
    ids.put("agentId", agent);
    JsonNode hook =
        owner
            .post(
                base + "/agents",
                anAgent()
                    .live()
                    .withSteps(step("remember", Map.of("key", "a", "value", "b")))
                    .withTriggers(Map.of("type", "webhook"))
                    .body())
            .expect(201)
            .data();
    ids.put("triggerId", hook.get("triggers").get(0).get("id").asString());
    String url = hook.get("triggers").get(0).get("url").asString();
    ids.put("secret", url.substring(url.lastIndexOf('/') + 1));
    ids.put(
        "id", id(owner.post(base + "/work-orders", Map.of("title", "W", "prompt", "do it")), "id"));
    ids.put(
        "executionId", id(owner.post(base + "/agents/" + agent + "/trigger", null), "executionId"));
    String company = id(owner.post(base + "/companies", Map.of("name", "Acme")), "id");
    ids.put("companyId", company);
    String contact =
        id(
            owner.post(
                base + "/contacts", Map.of("email", "sweep@acme.test", "companyId", company)),
            "id");
    ids.put("contactId", contact);
    ids.put("dealId", id(owner.post(base + "/deals", Map.of("name", "D", "value", 10)), "id"));
    ids.put("tagId", id(owner.post(base + "/tags", Map.of("name", "VIP")), "id"));
    ids.put(
        "templateId",
        id(
            owner.post(base + "/email-templates", Map.of("name", "T", "subject", "S", "body", "B")),
            "id"));
    ids.put(
        "fieldId",
        id(
            owner.post(
                base + "/custom-fields",
                Map.of("entity", "contact", "name", "score", "type", "number")),
            "id"));
    ids.put(
        "formId",
        id(
            owner.post(
                base + "/forms",
                Map.of("name", "F", "fields", List.of(Map.of("name", "email", "required", true)))),
            "id"));
    ids.put("taskId", id(owner.post(base + "/tasks", Map.of("title", "T")), "id"));
    owner.addMember(
        sweep, "sweep-member-" + System.nanoTime() + "@test.local", "pw-123456", "member");
    ids.put(
        "userId", owner.get(base + "/members").expect(200).data().get(1).get("userId").asString());
    Api.Response upload =
        send(
            "POST",
            base + "/contacts/import",
            "text/csv",
            "email\nimported@acme.test\n".getBytes(StandardCharsets.UTF_8));
    ids.put("jobId", Api.JSON.readTree(upload.body()).get("data").get("jobId").asString());
    return ids;
  }

  private static String id(Api.Response created, String field) {
    return created.json().get("data").get(field).asString();
  }

  record Endpoint(
      String method,
      String pattern,
      List<MediaType> consumes,
      List<String> parameters,
      Class<?> bodyType) {

    boolean api() {
      return pattern.startsWith("/api/");
    }

    /** Connection tests first (while settings point at a closed local port), deletes last. */
    int order() {
      if (pattern.endsWith("/test")) {
        return 0;
      }
      return method.equals("DELETE") || pattern.equals("/logout") ? 2 : 1;
    }
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (RequestMappingInfo info, org.springframework.web.method.HandlerMethod handler) -> {
              List<String> parameters = new ArrayList<>();
              Class<?> bodyType = null;
              for (MethodParameter p : handler.getMethodParameters()) {
                RequestParam param = p.getParameterAnnotation(RequestParam.class);
                if (param != null && p.getParameterType() != MultipartFile.class) {
                  String name = param.name().isEmpty() ? param.value() : param.name();
                  parameters.add(name.isEmpty() ? p.getParameterName() : name);
                }
                if (p.hasParameterAnnotation(RequestBody.class)) {
                  bodyType = p.getParameterType();
                }
              }
              List<String> methods =
                  info.getMethodsCondition().getMethods().isEmpty()
                      ? List.of("GET")
                      : info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
              for (String pattern : info.getPatternValues()) {
                // Spring Boot's own error rendering, reached by forward only.
                if (pattern.equals("/error")) {
                  continue;
                }
                for (String method : methods) {
                  out.add(
                      new Endpoint(
                          method,
                          pattern,
                          List.copyOf(info.getConsumesCondition().getConsumableMediaTypes()),
                          parameters,
                          bodyType));
                }
              }
            });
    out.sort(Comparator.comparingInt(Endpoint::order).thenComparing(Endpoint::pattern));
    return out;
  }

  private void sweep(Endpoint endpoint, Map<String, String> ids) {
    String url = fill(endpoint.pattern(), ids, null, null);
    String body =
        endpoint.bodyType() == null
            ? null
            : sampleBody(endpoint).replace("{contactId}", ids.get("contactId"));
    Matcher variables = VARIABLE.matcher(endpoint.pattern());
    while (variables.find()) {
      for (String value : PATH_VALUES) {
        call(endpoint, fill(endpoint.pattern(), ids, variables.group(1), value), body);
      }
    }
    boolean form = !endpoint.api() && endpoint.method().equals("POST");
    for (String parameter : endpoint.parameters()) {
      for (String value : PARAMETER_VALUES) {
        if (form) {
          sendForm(endpoint, url, parameter + "=" + value);
        } else {
          call(endpoint, url + "?" + parameter + "=" + value, body);
        }
      }
    }
    if (isUpload(endpoint)) {
      sweepUpload(endpoint, url);
      return;
    }
    if (body == null) {
      call(endpoint, url, null);
      return;
    }
    for (String whole : WHOLE_BODIES) {
      call(endpoint, url, whole);
    }
    JsonNode sample = Api.JSON.readTree(body);
    for (List<Object> path : paths(sample, new ArrayList<>())) {
      for (String value : JSON_VALUES) {
        call(endpoint, url, replaced(sample, path, value));
      }
    }
  }

  private static boolean isUpload(Endpoint endpoint) {
    return endpoint.consumes().stream()
        .anyMatch(t ->
            t.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)
                || t.isCompatibleWith(MediaType.parseMediaType("text/csv")));
  }

  private void sweepUpload(Endpoint endpoint, String url) {
    for (MediaType type : endpoint.consumes()) {
      boolean multipart = type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA);
      for (byte[] file : FILES) {
        if (multipart) {
          record(
              endpoint,
              url,
              send(endpoint.method(), url, multipartType(), multipart("file", file)));
          record(
              endpoint,
              url,
              send(endpoint.method(), url, multipartType(), multipart("other", file)));
        } else {
          record(endpoint, url, send(endpoint.method(), url, type.toString(), file));
        }
      }
      if (multipart) {
        record(
            endpoint, url, send(endpoint.method(), url, multipartType(), "--b--\r\n".getBytes()));
        record(endpoint, url, send(endpoint.method(), url, "multipart/form-data", new byte[] {1}));
      }
    }
  }

  private static String multipartType() {
    return "multipart/form-data; boundary=b";
  }

  private static byte[] multipart(String part, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--b\r\nContent-Disposition: form-data; name=\""
                + part
                + "\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** A body the endpoint accepts, so each replaced field reaches the code that stores it. */
  private static String sampleBody(Endpoint endpoint) {
    String known = SAMPLES.get(endpoint.method() + " " + endpoint.pattern());
    if (known != null) {
      return known;
    }
    ObjectNode generated = Api.JSON.createObjectNode();
    if (endpoint.bodyType().isRecord()) {
      for (var component : endpoint.bodyType().getRecordComponents()) {
        generated.put(component.getName(), "x");
      }
    }
    return generated.toString();
  }

  private static final Map<String, String> SAMPLES =
      Map.ofEntries(
          Map.entry(
              "POST /api/auth/login", "{\"email\":\"nobody{n}@sweep.test\",\"password\":\"p\"}"),
          Map.entry("POST /api/workspaces", "{\"name\":\"W\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/members",
              "{\"email\":\"m@sweep.test\",\"password\":\"pw-123456\",\"role\":\"member\","
                  + "\"name\":\"M\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/agents",
              "{\"name\":\"C\",\"kind\":\"command\",\"status\":\"draft\",\"goal\":\"g\","
                  + "\"command\":[\"echo\",\"{{prompt}}\"],\"workingDirectory\":\"sub\","
                  + "\"timeoutSeconds\":60,\"runPermission\":\"member\","
                  + "\"restrictions\":{\"maxExecutionsPerMinute\":5,\"maxExecutionsPerDay\":50,"
                  + "\"maxEmailsPerDay\":5}}"),
          Map.entry(
              "PUT /api/workspaces/{ws}/agents/{agentId}",
              "{\"name\":\"A\",\"kind\":\"workflow\",\"goal\":\"g\","
                  + "\"instructions\":\"Remember that a is b.\","
                  + "\"plan\":{\"steps\":[{\"type\":\"remember\",\"params\":{\"key\":\"a\","
                  + "\"value\":\"b\"}}]},\"timeoutSeconds\":60,"
                  + "\"restrictions\":{\"maxExecutionsPerMinute\":5}}"),
          Map.entry("POST /api/workspaces/{ws}/agents/{agentId}/status", "{\"status\":\"live\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/agents/{agentId}/trigger",
              "{\"filters\":[{\"field\":\"city\",\"value\":\"x\"}],\"context\":{\"k\":\"v\"},"
                  + "\"prompt\":\"p\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/agents/{agentId}/execute",
              "{\"filters\":[],\"context\":{\"k\":\"v\"},\"prompt\":\"p\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/instructions/parse",
              "{\"instructions\":\"Remember that a is b.\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/contacts",
              "{\"firstName\":\"F\",\"lastName\":\"L\",\"email\":\"c@sweep.test\",\"title\":\"T\","
                  + "\"phone\":\"1\",\"city\":\"C\",\"status\":\"s\","
                  + "\"linkedinUrl\":\"https://linkedin.test/x\",\"tags\":[\"VIP\"],"
                  + "\"customFields\":{\"score\":3},\"replied\":false}"),
          Map.entry(
              "PUT /api/workspaces/{ws}/contacts/{contactId}",
              "{\"firstName\":\"F\",\"city\":\"C\",\"tags\":[\"VIP\"],"
                  + "\"customFields\":{\"score\":3}}"),
          Map.entry(
              "POST /api/workspaces/{ws}/companies",
              "{\"name\":\"N\",\"domain\":\"n.test\",\"industry\":\"i\",\"size\":\"10\"}"),
          Map.entry(
              "PUT /api/workspaces/{ws}/companies/{companyId}",
              "{\"name\":\"N\",\"domain\":\"n.test\",\"industry\":\"i\",\"size\":\"10\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/deals",
              "{\"name\":\"D\",\"value\":10.5,\"stage\":\"won\"}"),
          Map.entry(
              "PUT /api/workspaces/{ws}/deals/{dealId}",
              "{\"name\":\"D\",\"value\":10.5,\"stage\":\"won\"}"),
          Map.entry("POST /api/workspaces/{ws}/tags", "{\"name\":\"T\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/activities",
              "{\"contactId\":\"{contactId}\",\"type\":\"note\",\"text\":\"t\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/email-templates",
              "{\"name\":\"N\",\"subject\":\"S\",\"body\":\"B\"}"),
          Map.entry(
              "PUT /api/workspaces/{ws}/email-templates/{templateId}",
              "{\"name\":\"N\",\"subject\":\"S\",\"body\":\"B\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/custom-fields",
              "{\"entity\":\"contact\",\"name\":\"tier\",\"type\":\"choice\",\"options\":[\"A\"]}"),
          Map.entry(
              "POST /api/workspaces/{ws}/forms",
              "{\"name\":\"F\",\"fields\":[{\"name\":\"email\",\"label\":\"E\",\"type\":\"text\","
                  + "\"required\":true}]}"),
          Map.entry(
              "PUT /api/workspaces/{ws}/forms/{formId}",
              "{\"name\":\"F\",\"fields\":[{\"name\":\"email\",\"label\":\"E\",\"type\":\"text\","
                  + "\"required\":true}]}"),
          Map.entry(
              "POST /api/workspaces/{ws}/forms/{formId}/submissions",
              "{\"data\":{\"email\":\"s@sweep.test\",\"firstName\":\"S\"}}"),
          Map.entry(
              "POST /api/workspaces/{ws}/tasks",
              "{\"title\":\"T\",\"dueDate\":\"2030-01-01\",\"contactId\":\"{contactId}\","
                  + "\"status\":\"open\"}"),
          Map.entry(
              "PUT /api/workspaces/{ws}/tasks/{taskId}",
              "{\"title\":\"T\",\"dueDate\":\"2030-01-01\",\"status\":\"open\"}"),
          Map.entry(
              "POST /api/workspaces/{ws}/triggers/preview",
              "{\"trigger\":{\"type\":\"schedule\",\"frequency\":\"weekly\","
                  + "\"time\":\"09:00\",\"dayOfWeek\":\"MONDAY\","
                  + "\"timezone\":\"Europe/Berlin\"}}"),
          Map.entry(
              "PUT /api/workspaces/{ws}/integrations/{kind}",
              "{\"host\":\"127.0.0.1\",\"port\":1,\"username\":\"u\",\"password\":\"p\","
                  + "\"from\":\"a@sweep.test\"}"));

  /** Every position in a JSON tree, as property names and indexes from the root. */
  private static List<List<Object>> paths(JsonNode node, List<Object> at) {
    List<List<Object>> out = new ArrayList<>();
    if (node.isObject()) {
      for (String name : node.propertyNames()) {
        List<Object> child = new ArrayList<>(at);
        child.add(name);
        out.add(child);
        out.addAll(paths(node.get(name), child));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        List<Object> child = new ArrayList<>(at);
        child.add(i);
        out.add(child);
        out.addAll(paths(node.get(i), child));
      }
    }
    return out;
  }

  private static String replaced(JsonNode sample, List<Object> path, String value) {
    JsonNode copy = sample.deepCopy();
    JsonNode parent = copy;
    for (Object step : path.subList(0, path.size() - 1)) {
      parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
    }
    JsonNode replacement = Api.JSON.readTree(value);
    Object last = path.getLast();
    if (parent instanceof ObjectNode object) {
      object.set((String) last, replacement);
    } else {
      ((ArrayNode) parent).set((Integer) last, replacement);
    }
    return copy.toString();
  }

  private static String fill(
      String pattern, Map<String, String> ids, String variable, String value) {
    Matcher m = VARIABLE.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement = name.equals(variable) ? value : ids.get(name);
      if (replacement == null) {
        throw new AssertionError("The sweep has no id for {" + name + "} in " + pattern);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void call(Endpoint endpoint, String url, String body) {
    if (body == null) {
      record(endpoint, url, send(endpoint.method(), url, null, null));
      return;
    }
    String json = body.replace(LONE_SURROGATE, "\\ud800x").replace("{n}", Integer.toString(calls));
    record(
        endpoint,
        url,
        send(endpoint.method(), url, "application/json", json.getBytes(StandardCharsets.UTF_8)));
  }

  private void sendForm(Endpoint endpoint, String url, String form) {
    record(
        endpoint,
        url,
        send(
            endpoint.method(),
            url,
            "application/x-www-form-urlencoded",
            form.getBytes(StandardCharsets.UTF_8)));
  }

  private void record(Endpoint endpoint, String url, Api.Response answer) {
    calls++;
    if (answer.status() >= 500) {
      failures.add(
          endpoint.method() + " " + cut(url) + " → " + answer.status() + " " + cut(answer.body()));
    }
  }

  private static String cut(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private Api.Response send(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + owner.token())
            // Sign-in failures count against documentation addresses, never the tests' own, and
            // spread so that the throttle lets the sweep's sign-ins reach the password check.
            .header("X-Forwarded-For", "192.0.2." + (calls % 250 + 1))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Api.Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + cut(path), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
