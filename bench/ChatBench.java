import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The chat benchmark, against a running server (see {@code bench/chat.sh}, which starts one with 2
 * workers): chat reply time over 1,000 {@code /help} (HTTP) and 200 {@code /task} (WebSocket);
 * {@code /task} → {@code running} from the {@code chat:update} messages; and how close the
 * {@code estimatedStartAt} of 40 runs queued at capacity came to their real start. JDK classes only.
 *
 * <pre>
 *   java bench/ChatBench.java --base http://127.0.0.1:PORT [--helps 1000] [--tasks 200]
 *       [--eta-runs 40] [--run-seconds 1] [--password bench-pass-123]
 * </pre>
 */
public class ChatBench {

  static final Duration WAIT = Duration.ofSeconds(60);

  final String base;
  final String password;
  final HttpClient http = HttpClient.newHttpClient();
  String token;
  String ws;

  ChatBench(String base, String password) {
    this.base = base;
    this.password = password;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    ChatBench b =
        new ChatBench(
            o.getOrDefault("base", "http://127.0.0.1:8080"),
            o.getOrDefault("password", "bench-pass-123"));
    b.login();
    int helps = Integer.parseInt(o.getOrDefault("helps", "1000"));
    int tasks = Integer.parseInt(o.getOrDefault("tasks", "200"));
    int etaRuns = Integer.parseInt(o.getOrDefault("eta-runs", "40"));
    String seconds = o.getOrDefault("run-seconds", "1");
    b.helps(helps);
    b.tasks(tasks);
    b.eta(etaRuns, seconds);
  }

  // ---------------------------------------------------------------------------------------------

  void helps(int count) throws Exception {
    for (int i = 0; i < 50; i++) {
      chat("/help");
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      chat("/help");
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    print("chat reply, /help over HTTP", ms, "p99 < 300 ms");
  }

  void tasks(int count) throws Exception {
    // Agents of their own, so no task waits behind another task's run of the same agent.
    int agentCount = 20;
    List<String> names = new ArrayList<>();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < agentCount; i++) {
      String name = "chat-bench-" + i + "-" + suffix;
      createCommandAgent(name, "[\"true\"]");
      names.add(name);
    }
    List<Double> reply = new ArrayList<>();
    List<Double> running = new ArrayList<>();
    try (Socket socket = new Socket(base.replaceFirst("^http", "ws") + "/ws?token=" + token)) {
      for (int i = 0; i < count; i++) {
        String id = "bench-" + UUID.randomUUID();
        String text = "/task @" + names.get(i % agentCount) + " Bench task " + i;
        long t0 = System.nanoTime();
        socket.send(
            "{\"type\":\"chat\",\"workspaceId\":\"%s\",\"text\":\"%s\",\"clientMessageId\":\"%s\"}"
                .formatted(ws, text, id));
        Long replied = null;
        Long started = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((replied == null || started == null) && System.nanoTime() < deadline) {
          String m = socket.next(deadline);
          if (m == null || !m.contains(id)) {
            continue;
          }
          long at = System.nanoTime();
          if (m.contains("\"type\":\"chat:reply\"")) {
            replied = at;
            if (!m.contains("\"kind\":\"success\"")) {
              throw new IllegalStateException("task refused: " + m);
            }
          } else if (m.contains("\"type\":\"chat:update\"")
              && started == null
              && (m.contains("\"status\":\"running\"")
                  || m.contains("\"status\":\"review\"")
                  || m.contains("\"status\":\"failed\""))) {
            started = at;
          }
        }
        if (replied == null || started == null) {
          throw new IllegalStateException("task " + i + " got no reply or never ran");
        }
        reply.add((replied - t0) / 1e6);
        running.add((started - t0) / 1e6);
        // The agent's run must be over before its next task, 20 tasks later.
        if (i % agentCount == agentCount - 1) {
          Thread.sleep(200);
        }
      }
    }
    print("chat reply, /task over the WebSocket", reply, "p99 < 300 ms");
    print("/task → running (chat:update)", running, "p95 < 2 s");
  }

  void eta(int count, String seconds) throws Exception {
    List<String> agents = new ArrayList<>();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < count; i++) {
      agents.add(createCommandAgent("eta-" + i + "-" + suffix, "[\"sleep\",\"" + seconds + "\"]"));
    }
    // One earlier run each: the medians the estimates come from.
    List<String> warm = new ArrayList<>();
    for (String agent : agents) {
      warm.add(runOf(start(approvedOrder(agent))));
    }
    for (String run : warm) {
      awaitEnded(run);
    }
    List<String> orders = new ArrayList<>();
    for (String agent : agents) {
      orders.add(approvedOrder(agent));
    }
    List<String> runs = new ArrayList<>();
    List<Instant> triggered = new ArrayList<>();
    List<Instant> estimates = new ArrayList<>();
    int capacity = 0;
    for (String order : orders) {
      Instant at = Instant.now();
      String r = start(order);
      runs.add(runOf(r));
      triggered.add(at);
      String est = str(r, "estimatedStartAt");
      estimates.add(est == null ? null : Instant.parse(est));
      if ("capacity".equals(str(r, "code"))) {
        capacity++;
      }
    }
    int within = 0;
    int known = 0;
    List<Double> errors = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      Instant started = Instant.parse(str(awaitEnded(runs.get(i)), "startedAt"));
      if (estimates.get(i) == null) {
        continue;
      }
      known++;
      double wait = Duration.between(triggered.get(i), started).toMillis();
      double error = Math.abs(Duration.between(estimates.get(i), started).toMillis());
      errors.add(error);
      // ±25 % of the real wait; a run that waited under a second counts when within 250 ms.
      if (error <= Math.max(0.25 * wait, 250)) {
        within++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "queue ETA, %d runs of %s s on 2 workers: %d queued for capacity, %d with an estimate,"
            + " %d within ±25 %% of the real wait (%.0f %%; goal 80 %%); |error| p50 %.0f ms,"
            + " p95 %.0f ms%n",
        count,
        seconds,
        capacity,
        known,
        within,
        known == 0 ? 0.0 : 100.0 * within / known,
        pct(errors, 50),
        pct(errors, 95));
  }

  // ---------------------------------------------------------------------------------------------

  void login() throws Exception {
    String r =
        send("POST", "/api/auth/login", "{\"email\":\"admin@localhost\",\"password\":\"" + password + "\"}", false);
    token = str(r, "token");
    ws = str(send("GET", "/api/workspaces", null, true), "id");
  }

  String chat(String text) throws Exception {
    return send("POST", "/api/workspaces/" + ws + "/chat", "{\"text\":\"" + text + "\"}", true);
  }

  String createCommandAgent(String name, String argv) throws Exception {
    String body =
        ("{\"name\":\"%s\",\"kind\":\"command\",\"status\":\"live\",\"command\":%s,"
                + "\"restrictions\":{\"maxExecutionsPerMinute\":1000000,\"maxExecutionsPerDay\":1000000}}")
            .formatted(name, argv);
    return str(send("POST", "/api/workspaces/" + ws + "/agents", body, true), "id");
  }

  String approvedOrder(String agent) throws Exception {
    String id =
        str(
            send(
                "POST",
                "/api/workspaces/" + ws + "/work-orders",
                "{\"title\":\"ETA bench\",\"agentId\":\"" + agent + "\"}",
                true),
            "id");
    send("POST", "/api/workspaces/" + ws + "/work-orders/" + id + "/approve", null, true);
    return id;
  }

  String start(String order) throws Exception {
    return send("POST", "/api/workspaces/" + ws + "/work-orders/" + order + "/runs", null, true);
  }

  static String runOf(String started) {
    return str(started, "runId");
  }

  String awaitEnded(String run) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos() * 3;
    while (System.nanoTime() < deadline) {
      String e = send("GET", "/api/workspaces/" + ws + "/executions/" + run, null, true);
      String status = str(e, "status");
      if ("completed".equals(status) || "failed".equals(status) || "canceled".equals(status)) {
        return e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("run " + run + " did not end");
  }

  String send(String method, String path, String body, boolean auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(WAIT)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (auth) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  /** The first string (or null) value of a field: enough for the flat answers read here. */
  static String str(String json, String field) {
    var m =
        java.util.regex.Pattern.compile("\"" + field + "\":(null|\"([^\"]*)\")").matcher(json);
    return m.find() ? m.group(2) : null;
  }

  static double pct(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  static void print(String what, List<Double> ms, String goal) {
    System.out.printf(
        Locale.ROOT,
        "%s: n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (goal %s)%n",
        what,
        ms.size(),
        pct(ms, 50),
        pct(ms, 95),
        pct(ms, 99),
        pct(ms, 100),
        goal);
  }

  /** A WebSocket client that queues every text message it gets. */
  static final class Socket implements AutoCloseable, WebSocket.Listener {
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    Socket(String uri) throws Exception {
      socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create(uri), this)
              .get(10, TimeUnit.SECONDS);
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }

    String next(long deadlineNanos) throws InterruptedException {
      return received.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
