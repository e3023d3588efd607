import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Switchboard's benchmark client: trigger → running latency and no-op run throughput against a
 * running server on 127.0.0.1. JDK classes only (plus the PostgreSQL driver on the class path for
 * the database counters); launched by {@code bench/run.sh} as a single-file source program.
 *
 * <pre>
 *   java bench/TriggerBench.java measure --base http://127.0.0.1:PORT --label H2 --out h2.properties
 *   java -cp postgresql.jar bench/TriggerBench.java measure ... --throughput 10000 --pg-db test
 *   java bench/TriggerBench.java report --in h2.properties --in pg.properties --out latest.md
 * </pre>
 */
public class TriggerBench {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final long SETTLE_MS = 11_000;
  static final Set<String> TERMINAL =
      Set.of("execution:completed", "execution:failed", "execution:canceled");

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: TriggerBench measure|report [options]");
    }
    Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
    switch (args[0]) {
      case "measure" -> new TriggerBench(o).measure();
      case "report" -> Report.write(o);
      case "triggers" -> new TriggerBench(o).triggers();
      case "drain-prepare" -> new TriggerBench(o).drainPrepare();
      case "drain-queue" -> Drain.queue(o);
      case "drain-wait" -> Drain.await(o);
      case "drain-count" -> Drain.count(o);
      case "quiet-queue" -> Quiet.queue(o);
      case "quiet-measure" -> new TriggerBench(o).quietMeasure();
      case "load" -> new TriggerBench(o).load();
      case "compare" -> Compare.write(o);
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Options

  record Options(Map<String, List<String>> values) {
    static Options parse(String[] args) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument " + args[i]);
        }
        String key = args[i].substring(2);
        String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
      return new Options(values);
    }

    String get(String key, String fallback) {
      List<String> v = values.get(key);
      return v == null ? fallback : v.getLast();
    }

    String require(String key) {
      String v = get(key, null);
      if (v == null) {
        throw new IllegalArgumentException("--" + key + " is required");
      }
      return v;
    }

    int integer(String key, int fallback) {
      return Integer.parseInt(get(key, String.valueOf(fallback)));
    }

    List<String> all(String key) {
      return values.getOrDefault(key, List.of());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Measurement

  private final Options o;
  private final String base;
  private final HttpClient http;
  private final Properties results = new Properties();
  private final Live live = new Live();
  private String token;
  private String workspace;

  TriggerBench(Options o) {
    this.o = o;
    this.base = o.require("base");
    URI uri = URI.create(base);
    if (!"127.0.0.1".equals(uri.getHost())) {
      throw new IllegalArgumentException("the benchmark only targets 127.0.0.1, not " + base);
    }
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4, daemon("http")))
            .build();
  }

  void measure() throws Exception {
    String label = o.require("label");
    results.setProperty("label", label);
    results.setProperty("workers", o.get("workers", "8"));
    results.setProperty("loadavg.start", loadavg());
    login();
    live.connect();
    PgStats pg = PgStats.open(o);
    int triggers = o.integer("triggers", 1000);
    if (triggers > 0) {
      latency(triggers, o.integer("warmup", 100), o.integer("agents", 50), pg);
    }
    int runs = o.integer("throughput", 0);
    if (runs > 0) {
      throughput(runs, o.integer("throughput-agents", 200), pg);
    }
    live.close();
    if (pg != null) {
      pg.close();
    }
    results.setProperty("loadavg.end", loadavg());
    Path out = Path.of(o.require("out"));
    try (var w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      results.store(w, "TriggerBench " + label);
    }
    log("results written to " + out);
  }

  private void login() throws Exception {
    String body =
        "{\"email\":\"admin@localhost\",\"password\":\""
            + o.get("password", "bench-pass-123")
            + "\"}";
    Map<String, Object> r = data(send("POST", "/api/auth/login", body, false), 200);
    token = (String) r.get("token");
    List<?> workspaces = data(send("GET", "/api/workspaces", null, true), 200);
    workspace = (String) ((Map<?, ?>) workspaces.getFirst()).get("id");
  }

  private List<String> createAgents(String prefix, int count) throws Exception {
    return createAgents(prefix, count, "");
  }

  /**
   * {@code count} live one-step agents, created by 4 clients at once; {@code triggers} is empty or
   * a JSON list of triggers for each.
   */
  private List<String> createAgents(String prefix, int count, String triggers) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String[] ids = new String[count];
    ExecutorService clients = Executors.newFixedThreadPool(4, daemon("create"));
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int k = i;
        done.add(
            clients.submit(() -> {
              String body =
                  """
                  {"name":"%s-%d-%s","kind":"workflow","status":"live",\
                  "restrictions":{"maxExecutionsPerMinute":1000000,"maxExecutionsPerDay":1000000},\
                  "plan":{"steps":[{"type":"remember","params":{"key":"k","value":"v"}}]}%s}\
                  """
                      .formatted(prefix, k, suffix, triggers.isEmpty() ? "" : ",\"triggers\":" + triggers);
              Map<String, Object> agent =
                  data(send("POST", "/api/workspaces/" + workspace + "/agents", body, true), 200, 201);
              ids[k] = (String) agent.get("id");
              return null;
            }));
      }
      for (var f : done) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    return List.of(ids);
  }

  /**
   * One trigger at a time, round-robin over {@code agentCount} agents; the next trigger is sent once
   * the previous run is running (its {@code execution:started} arrived), and an agent is triggered
   * again only after its last run ended.
   */
  private void latency(int n, int warmup, int agentCount, PgStats pg) throws Exception {
    List<String> agents = createAgents("bench-lat", agentCount);
    int preload = o.integer("preload", 0);
    if (preload > 0) {
      if (pg == null) {
        throw new IllegalArgumentException("--preload needs PostgreSQL (--pg-stats-url)");
      }
      pg.preload(o.require("pg-schema"), preload, "bench-lat-");
      results.setProperty("preloaded", String.valueOf(preload));
    }
    log("latency: " + warmup + " warm-up + " + n + " triggers over " + agentCount + " agents");
    CompletableFuture<?>[] lastRun = new CompletableFuture<?>[agentCount];
    long[] clientStart = new long[n];
    long[] clientResponse = new long[n];
    String[] ids = new String[n];
    long began = System.nanoTime();
    for (int i = 0; i < warmup + n; i++) {
      int a = i % agentCount;
      if (lastRun[a] != null) {
        lastRun[a].get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      long t0 = System.nanoTime();
      HttpResponse<String> r = trigger(agents.get(a));
      long t1 = System.nanoTime();
      String id = (String) this.<Map<String, Object>>data(r, 202).get("executionId");
      long started = live.started(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      lastRun[a] = live.ended(id);
      if (i >= warmup) {
        int k = i - warmup;
        ids[k] = id;
        clientStart[k] = started - t0;
        clientResponse[k] = t1 - t0;
      }
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    for (CompletableFuture<?> f : lastRun) {
      if (f != null) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    }
    // Server stamps, read after the timed loop so the reads do not disturb it.
    double[] server = new double[n];
    int completed = 0;
    for (int k = 0; k < n; k++) {
      Map<String, Object> e =
          data(send("GET", "/api/workspaces/" + workspace + "/executions/" + ids[k], null, true), 200);
      Instant created = Instant.parse((String) e.get("createdAt"));
      Instant startedAt = Instant.parse((String) e.get("startedAt"));
      server[k] = Duration.between(created, startedAt).toNanos() / 1e6;
      if ("completed".equals(e.get("status"))) {
        completed++;
      }
    }
    results.setProperty("latency.n", String.valueOf(n));
    results.setProperty("latency.warmup", String.valueOf(warmup));
    results.setProperty("latency.agents", String.valueOf(agentCount));
    results.setProperty("latency.completed", String.valueOf(completed));
    results.setProperty("latency.seconds", fmt(seconds));
    put("latency.server", server);
    put("latency.client", millis(clientStart));
    put("latency.response", millis(clientResponse));
    log(
        "latency: server p50 %s ms p99 %s ms; client p50 %s ms p99 %s ms; %d/%d completed"
            .formatted(
                fmt(Stats.pct(server, 50)),
                fmt(Stats.pct(server, 99)),
                fmt(Stats.pct(millis(clientStart), 50)),
                fmt(Stats.pct(millis(clientStart), 99)),
                completed,
                n));
  }

  /**
   * Keeps every agent busy: each agent is triggered again as soon as the WebSocket says its run
   * ended, until {@code runs} runs were triggered; wall time is from the first trigger to the last
   * run's end event.
   */
  private void throughput(int runs, int agentCount, PgStats pg) throws Exception {
    List<String> agents = createAgents("bench-tp", agentCount);
    long[] idle = null;
    long[] notifies = null;
    if (pg != null) {
      pg.watch();
      // A PostgreSQL backend may hold its counters up to 10 s before flushing them
      // (PGSTAT_IDLE_INTERVAL), so settle first, then measure the idle rate (heartbeats, polls).
      Thread.sleep(SETTLE_MS);
      long[] s0 = pg.counters();
      long i0 = System.nanoTime();
      Thread.sleep(o.integer("idle-seconds", 10) * 1000L);
      long[] s1 = pg.counters();
      double idleSeconds = (System.nanoTime() - i0) / 1e9;
      idle = new long[] {s1[0], s1[1]};
      notifies = new long[] {pg.notifies(PgStats.WAKE), pg.notifies(PgStats.EVENTS)};
      results.setProperty(
          "throughput.idleCommitsPerSecond", fmt((s1[0] - s0[0]) / idleSeconds));
      results.setProperty("throughput.idleXidsPerSecond", fmt((s1[1] - s0[1]) / idleSeconds));
    }
    log("throughput: " + runs + " runs over " + agentCount + " agents");
    ExecutorService triggerers = Executors.newFixedThreadPool(8, daemon("trigger"));
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger notCompleted = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long[] endTimes = new long[runs];
    long[] responseTimes = new long[runs];
    CountDownLatch finished = new CountDownLatch(1);
    AtomicLong lastEnd = new AtomicLong();

    class Loop {
      void next(String agent) {
        int k = issued.getAndIncrement();
        if (k >= runs) {
          return;
        }
        triggerers.execute(() -> fire(agent, k, 0));
      }

      void fire(String agent, int k, int attempt) {
        try {
          long t0 = System.nanoTime();
          HttpResponse<String> r = trigger(agent);
          responseTimes[k] = System.nanoTime() - t0;
          if (r.statusCode() == 409 && attempt < 100) {
            conflicts.incrementAndGet();
            Thread.sleep(10);
            fire(agent, k, attempt + 1);
            return;
          }
          String id = (String) TriggerBench.this.<Map<String, Object>>data(r, 202).get("executionId");
          live.ended(id)
              .thenAccept(end -> {
                if (!"execution:completed".equals(end.event())) {
                  notCompleted.incrementAndGet();
                }
                int c = done.incrementAndGet();
                endTimes[c - 1] = end.nanos();
                if (c == runs) {
                  lastEnd.set(end.nanos());
                  finished.countDown();
                }
                next(agent);
              });
        } catch (Exception e) {
          errors.incrementAndGet();
          log("trigger failed: " + e);
          finished.countDown();
        }
      }
    }
    Loop loop = new Loop();
    Cpu cpu = new Cpu(o.get("server-pid", null), pg == null ? List.of() : pg.serverBackends());
    long start = System.nanoTime();
    for (String agent : agents) {
      loop.next(agent);
    }
    long timeout = o.integer("throughput-timeout", 300);
    if (!finished.await(timeout, TimeUnit.SECONDS) || errors.get() > 0) {
      throw new TimeoutException(
          "throughput: only " + done.get() + " of " + runs + " runs ended ("
              + errors.get() + " trigger errors)");
    }
    double seconds = (lastEnd.get() - start) / 1e9;
    cpu.stop(runs, results);
    log("throughput: CPU ms/run: server %s, postgres %s, client %s"
        .formatted(
            results.getProperty("cpu.serverMsPerRun"),
            results.getProperty("cpu.postgresMsPerRun"),
            results.getProperty("cpu.clientMsPerRun")));
    triggerers.shutdown();
    results.setProperty("throughput.runs", String.valueOf(runs));
    results.setProperty("throughput.agents", String.valueOf(agentCount));
    results.setProperty("throughput.seconds", fmt(seconds));
    results.setProperty("throughput.runsPerSecond", fmt(runs / seconds));
    results.setProperty("throughput.conflicts", String.valueOf(conflicts.get()));
    results.setProperty("throughput.notCompleted", String.valueOf(notCompleted.get()));
    put("throughput.response", millis(responseTimes));
    // Runs per second over each tenth of the run, to show whether the rate holds up.
    Arrays.sort(endTimes);
    List<String> tenths = new ArrayList<>();
    long from = start;
    for (int t = 1; t <= 10; t++) {
      int upTo = runs * t / 10;
      int count = upTo - runs * (t - 1) / 10;
      long to = endTimes[upTo - 1];
      tenths.add(fmt(count / ((to - from) / 1e9)));
      from = to;
    }
    results.setProperty("throughput.tenths", String.join(" ", tenths));
    log("throughput: %d runs in %s s = %s runs/s (per tenth: %s)"
        .formatted(runs, fmt(seconds), fmt(runs / seconds), String.join(" ", tenths)));
    if (pg != null) {
      long afterStart = System.nanoTime();
      Thread.sleep(SETTLE_MS);
      long[] s2 = pg.counters();
      double settle = (System.nanoTime() - afterStart) / 1e9;
      long commits = s2[0] - idle[0];
      long xids = s2[1] - idle[1];
      double idleRate = Double.parseDouble(results.getProperty("throughput.idleCommitsPerSecond"));
      double idleXidRate = Double.parseDouble(results.getProperty("throughput.idleXidsPerSecond"));
      double window = seconds + settle;
      results.setProperty("throughput.commits", String.valueOf(commits));
      results.setProperty("throughput.commitsPerRun", fmt((double) commits / runs));
      results.setProperty(
          "throughput.commitsPerRunNetOfIdle", fmt((commits - idleRate * window) / runs));
      results.setProperty("throughput.xids", String.valueOf(xids));
      results.setProperty("throughput.xidsPerRun", fmt((double) xids / runs));
      results.setProperty(
          "throughput.xidsPerRunNetOfIdle", fmt((xids - idleXidRate * window) / runs));
      results.setProperty(
          "throughput.notifyWakePerRun",
          fmt((double) (pg.notifies(PgStats.WAKE) - notifies[0]) / runs));
      results.setProperty(
          "throughput.notifyEventsPerRun",
          fmt((double) (pg.notifies(PgStats.EVENTS) - notifies[1]) / runs));
      Set<String> others = Set.copyOf(pg.others());
      results.setProperty("throughput.otherBackends", String.valueOf(others.size()));
      results.setProperty("throughput.otherApplications", String.join(",", others));
      pg.serverSide(o.get("pg-schema", null), "bench-tp-", results);
      double claims =
          Double.parseDouble(results.getProperty("throughput.claimTransactions", "NaN")) / runs;
      results.setProperty("throughput.claimsPerRun", fmt(claims));
      results.setProperty(
          "throughput.writesPerRun",
          fmt(2 + claims
              + (double) (pg.notifies(PgStats.WAKE) - notifies[0]
                  + pg.notifies(PgStats.EVENTS) - notifies[1]) / runs));
      log(("throughput: %s commits/run (%s net of idle), %s xids/run (claims %s, NOTIFY wake %s,"
              + " NOTIFY events %s per run); other clients of the database: %s")
          .formatted(
              results.getProperty("throughput.commitsPerRun"),
              results.getProperty("throughput.commitsPerRunNetOfIdle"),
              results.getProperty("throughput.xidsPerRun"),
              results.getProperty("throughput.claimsPerRun"),
              results.getProperty("throughput.notifyWakePerRun"),
              results.getProperty("throughput.notifyEventsPerRun"),
              others.isEmpty() ? "none" : others));
    }
  }

  /**
   * CPU time used by the server, its PostgreSQL backends and this client over the throughput run:
   * on a shared machine, CPU per run moves much less with other load than runs per second do.
   */
  static final class Cpu {
    private final List<Long> serverPids = new ArrayList<>();
    private final List<Long> pgPids;
    private final long[] start;

    Cpu(String serverPid, List<Long> pgPids) {
      if (serverPid != null) {
        serverPids.add(Long.parseLong(serverPid));
      }
      this.pgPids = pgPids;
      this.start = sample();
    }

    private long[] sample() {
      return new long[] {
        ticks(serverPids), ticks(pgPids), ProcessHandle.current().info().totalCpuDuration()
            .map(Duration::toMillis).orElse(-1L)
      };
    }

    void stop(int runs, Properties out) {
      long[] end = sample();
      if (!serverPids.isEmpty()) {
        out.setProperty("cpu.serverMsPerRun", fmt((end[0] - start[0]) * 10.0 / runs));
      }
      if (!pgPids.isEmpty()) {
        out.setProperty("cpu.postgresMsPerRun", fmt((end[1] - start[1]) * 10.0 / runs));
      }
      out.setProperty("cpu.clientMsPerRun", fmt((double) (end[2] - start[2]) / runs));
    }

    /** utime + stime in clock ticks (1/100 s) of the processes still alive. */
    static long ticks(List<Long> pids) {
      long sum = 0;
      for (long pid : pids) {
        try {
          String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
          // gone or not readable: counts as nothing
        }
      }
      return sum;
    }
  }

  private HttpResponse<String> trigger(String agent) throws IOException, InterruptedException {
    return send("POST", "/api/workspaces/" + workspace + "/agents/" + agent + "/trigger", "{}", true);
  }

  private HttpResponse<String> send(String method, String path, String body, boolean auth)
      throws IOException, InterruptedException {
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
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private <T> T data(HttpResponse<String> r, int... expected) {
    for (int e : expected) {
      if (r.statusCode() == e) {
        return (T) ((Map<String, Object>) Json.parse(r.body())).get("data");
      }
    }
    throw new IllegalStateException(
        r.request().method() + " " + r.request().uri().getPath() + " answered " + r.statusCode()
            + ": " + r.body());
  }

  private void put(String key, double[] values) {
    results.setProperty(key + ".n", String.valueOf(values.length));
    for (int p : new int[] {50, 90, 99}) {
      results.setProperty(key + ".p" + p, fmt(Stats.pct(values, p)));
    }
    results.setProperty(key + ".max", fmt(Arrays.stream(values).max().orElse(Double.NaN)));
  }

  // ---------------------------------------------------------------------------------------------
  // WebSocket: execution:started and end events on the workspace topic

  /** An end event: which one and when it arrived (System.nanoTime()). */
  record End(String event, long nanos) {}

  final class Live implements WebSocket.Listener {
    private final Map<String, CompletableFuture<Long>> started = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<End>> ended = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final Map<String, java.util.concurrent.atomic.LongAdder> events =
        new ConcurrentHashMap<>();
    private WebSocket socket;

    /** Event messages received so far, by event name. */
    Map<String, Long> received() {
      Map<String, Long> out = new java.util.TreeMap<>();
      events.forEach((k, v) -> out.put(k, v.sum()));
      return out;
    }

    void connect() throws Exception {
      URI uri = URI.create(base.replaceFirst("^http", "ws") + "/ws?token=" + token);
      for (int attempt = 1; ; attempt++) {
        try {
          socket =
              http.newWebSocketBuilder()
                  .connectTimeout(Duration.ofSeconds(5))
                  .buildAsync(uri, this)
                  .get(WAIT.toSeconds(), TimeUnit.SECONDS);
          break;
        } catch (java.util.concurrent.ExecutionException e) {
          // A handshake answered "Connection: upgrade, close" once on a busy machine: try again.
          if (attempt == 3) {
            throw e;
          }
          log("WebSocket handshake failed (" + e.getCause() + "); trying again");
          sleep(1_000);
        }
      }
      socket.sendText(
          "{\"type\":\"subscribe\",\"topic\":\"workspace:" + workspace + "\"}", true);
      subscribed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    CompletableFuture<Long> started(String id) {
      return started.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    CompletableFuture<End> ended(String id) {
      return ended.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
      long now = System.nanoTime();
      partial.append(text);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        try {
          handle(message, now);
        } catch (RuntimeException e) {
          log("unreadable WebSocket message: " + e + ": " + message);
        }
      }
      ws.request(1);
      return null;
    }

    private void handle(String message, long now) {
      String event = Json.stringField(message, "event");
      if (event != null) {
        events.computeIfAbsent(event, k -> new java.util.concurrent.atomic.LongAdder()).increment();
      }
      if (event == null) {
        String type = Json.stringField(message, "type");
        if ("snapshot".equals(type)) {
          subscribed.complete(null);
        } else if ("error".equals(type)) {
          log("WebSocket error: " + message);
          subscribed.completeExceptionally(new IllegalStateException(message));
        }
        return;
      }
      boolean start = event.equals("execution:started");
      boolean end = TERMINAL.contains(event);
      if (!start && !end) {
        return;
      }
      String id = Json.stringField(message, "executionId");
      if (start) {
        started(id).complete(now);
      } else {
        started(id).complete(now); // a run canceled while queued never starts
        ended(id).complete(new End(event, now));
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      if (status != WebSocket.NORMAL_CLOSURE) {
        log("WebSocket closed by the server: " + status + " " + reason);
        failAll(new IllegalStateException("WebSocket closed: " + status + " " + reason));
      }
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      log("WebSocket error: " + error);
      failAll(error);
    }

    private void failAll(Throwable error) {
      subscribed.completeExceptionally(error);
      started.values().forEach(f -> f.completeExceptionally(error));
      ended.values().forEach(f -> f.completeExceptionally(error));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // PostgreSQL counters, read over a connection to the "postgres" database so that reading them
  // does not count as a commit of the measured database.

  static final class PgStats implements AutoCloseable {
    static final String WAKE = "switchboard_wake";
    static final String EVENTS = "switchboard_events";

    private final Connection monitor;
    private final String statsUrl;
    private final String db;
    private final String application;
    private final Set<String> others = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> notifications = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread watcher;
    private Thread listener;

    private PgStats(Connection monitor, String statsUrl, String db, String application) {
      this.monitor = monitor;
      this.statsUrl = statsUrl;
      this.db = db;
      this.application = application;
    }

    static PgStats open(Options o) throws SQLException {
      String url = o.get("pg-stats-url", null);
      if (url == null) {
        return null;
      }
      if (!url.startsWith("jdbc:postgresql://127.0.0.1:")) {
        throw new IllegalArgumentException("--pg-stats-url must point at 127.0.0.1");
      }
      Connection c = connect(url);
      c.setAutoCommit(true);
      return new PgStats(c, url, o.get("pg-db", "test"), o.get("pg-application", "switchboard-bench"));
    }

    /**
     * A connection; tried again for up to 60 s while PostgreSQL has none left (SQL state 53300: the
     * machine's PostgreSQL is shared with other people's test suites).
     */
    static Connection connect(String url) throws SQLException {
      for (int attempt = 1; ; attempt++) {
        try {
          return DriverManager.getConnection(url, "postgres", "");
        } catch (SQLException e) {
          if (!"53300".equals(e.getSQLState()) || attempt == 30) {
            throw e;
          }
          try {
            sleep(2_000);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }

    /** A connection to the measured database (its own work there is kept out of the window). */
    Connection measured() throws SQLException {
      return connect(statsUrl.replaceFirst("/postgres(\\?|$)", "/" + db + "$1"));
    }

    /** {xact_commit of the database, next transaction id of the cluster}. */
    synchronized long[] counters() throws SQLException {
      try (PreparedStatement s =
          monitor.prepareStatement(
              "select xact_commit, pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
                  + " from pg_stat_database where datname = ?")) {
        s.setString(1, db);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2)};
        }
      }
    }

    /** NOTIFYs the server sent so far, per channel (it sends them even with no other node). */
    long notifies(String channel) {
      return notifications.computeIfAbsent(channel, k -> new AtomicLong()).get();
    }

    /** Inserts {@code n} finished runs spread over the last 30 days, for the given agents. */
    void preload(String schema, int n, String agentPrefix) throws SQLException {
      try (Connection c = measured();
          var s = c.createStatement()) {
        s.execute("set search_path = " + schema);
        int rows =
            s.executeUpdate(
                """
                insert into executions (id, workspace_id, agent_id, agent_name, trigger_type,
                  triggered_by, status, created_at, started_at, finished_at)
                select gen_random_uuid(), a.ws, a.ids[1 + g %% cardinality(a.ids)], 'preloaded',
                  'manual', 'bench-preload', 'completed', t.at, t.at, t.at + interval '20 milliseconds'
                from (select array_agg(id) ids, min(workspace_id::text)::uuid ws from agents
                      where name like '%s%%') a,
                  generate_series(1, %d) g,
                  lateral (select now() - interval '1 minute' - g * (interval '30 days' / %d) as at) t\
                """
                    .formatted(agentPrefix, n, n));
        s.execute("analyze executions");
        log("preloaded " + rows + " finished runs over the last 30 days");
      }
    }

    /** Notes other clients of the measured database and counts the server's NOTIFYs. */
    void watch() throws SQLException, ReflectiveOperationException {
      Connection listening = measured();
      listening.setAutoCommit(true);
      try (var s = listening.createStatement()) {
        s.execute("LISTEN " + WAKE);
        s.execute("LISTEN " + EVENTS);
      }
      // Through reflection, so that the H2 run compiles without the driver on the class path.
      Class<?> pgConnection = Class.forName("org.postgresql.PGConnection");
      Object pg = listening.unwrap(pgConnection);
      var poll = pgConnection.getMethod("getNotifications", int.class);
      listener =
          Thread.ofPlatform()
              .daemon()
              .name("pg-listen")
              .start(() -> {
                try (listening) {
                  while (running) {
                    Object[] received = (Object[]) poll.invoke(pg, 200);
                    for (Object n : received == null ? new Object[0] : received) {
                      String channel = (String) n.getClass().getMethod("getName").invoke(n);
                      notifications
                          .computeIfAbsent(channel, k -> new AtomicLong())
                          .incrementAndGet();
                    }
                  }
                } catch (ReflectiveOperationException | SQLException e) {
                  log("pg-listen: " + e);
                }
              });
      watcher =
          Thread.ofPlatform()
              .daemon()
              .name("pg-watch")
              .start(() -> {
                while (running) {
                  try {
                    synchronized (this) {
                      try (PreparedStatement s =
                          monitor.prepareStatement(
                              "select pid, coalesce(application_name, '') from pg_stat_activity"
                                  + " where datname = ? and backend_type = 'client backend'"
                                  + " and coalesce(application_name, '') not like ?"
                                  + " and application_name <> 'switchboard-bus'"
                                  + " and pid <> pg_backend_pid()")) {
                        s.setString(1, db);
                        s.setString(2, application + "%");
                        try (ResultSet rs = s.executeQuery()) {
                          while (rs.next()) {
                            others.add(rs.getInt(1) + ":" + rs.getString(2).replace(',', ' '));
                          }
                        }
                      }
                    }
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  } catch (SQLException e) {
                    log("pg-watch: " + e.getMessage());
                  }
                }
              });
    }

    /** Process ids of the server's connections (PostgreSQL runs on this machine). */
    synchronized List<Long> serverBackends() throws SQLException {
      List<Long> pids = new ArrayList<>();
      try (PreparedStatement s =
          monitor.prepareStatement(
              "select pid from pg_stat_activity where datname = ?"
                  + " and application_name in (?, 'switchboard-bus')")) {
        s.setString(1, db);
        s.setString(2, application);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            pids.add(rs.getLong(1));
          }
        }
      }
      return pids;
    }

    /** Other clients of the measured database seen while watching. */
    Set<String> others() {
      return others;
    }

    /** Queue wait, run time and claim transactions of the measured runs, read from the rows. */
    void serverSide(String schema, String agentPrefix, Properties out) throws SQLException {
      if (schema == null || !schema.matches("[a-z0-9_]+")) {
        return;
      }
      try (Connection c = measured();
          var s = c.createStatement()) {
        s.execute("set search_path = " + schema);
        try (ResultSet rs =
            s.executeQuery(
                """
                select count(*) filter (where e.status = 'completed'),
                  percentile_cont(0.5) within group (order by extract(epoch from e.started_at - e.created_at)),
                  percentile_cont(0.99) within group (order by extract(epoch from e.started_at - e.created_at)),
                  percentile_cont(0.5) within group (order by extract(epoch from e.finished_at - e.started_at)),
                  percentile_cont(0.99) within group (order by extract(epoch from e.finished_at - e.started_at)),
                  (select count(distinct t.at) from execution_transitions t
                     join executions x on x.id = t.execution_id join agents y on y.id = x.agent_id
                     where y.name like '%1$s%%' and t.from_status = 'queued' and t.to_status = 'running')
                from executions e join agents a on a.id = e.agent_id
                where a.name like '%1$s%%'\
                """
                    .formatted(agentPrefix))) {
          rs.next();
          out.setProperty("throughput.completedRows", String.valueOf(rs.getLong(1)));
          out.setProperty("throughput.queueWait.p50", fmt(rs.getDouble(2) * 1000));
          out.setProperty("throughput.queueWait.p99", fmt(rs.getDouble(3) * 1000));
          out.setProperty("throughput.runTime.p50", fmt(rs.getDouble(4) * 1000));
          out.setProperty("throughput.runTime.p99", fmt(rs.getDouble(5) * 1000));
          out.setProperty("throughput.claimTransactions", String.valueOf(rs.getLong(6)));
        }
        // Scans since the server started (agent creation and the latency phase included).
        List<String> scans = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                """
                select relname, 'seq scan', seq_scan, seq_tup_read from pg_stat_user_tables
                where schemaname = current_schema() and seq_scan > 0
                union all
                select indexrelname, relname, idx_scan, idx_tup_read from pg_stat_user_indexes
                where schemaname = current_schema() and idx_scan > 0
                order by 4 desc limit 12\
                """)) {
          while (rs.next()) {
            scans.add(
                "%s (%s): %d scans, %d tuples read"
                    .formatted(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
          }
        }
        out.setProperty("throughput.scans", String.join("; ", scans));
        log("scans: " + String.join("\n  ", scans));
      }
    }

    @Override
    public void close() throws Exception {
      running = false;
      if (watcher != null) {
        watcher.interrupt();
        watcher.join(5000);
        listener.join(5000);
      }
      monitor.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The Markdown report

  static final class Report {
    static void write(Options o) throws IOException {
      List<Properties> runs = new ArrayList<>();
      for (String in : o.all("in")) {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(Path.of(in), StandardCharsets.UTF_8)) {
          p.load(r);
        }
        runs.add(p);
      }
      StringBuilder md = new StringBuilder();
      md.append("## Switchboard benchmark, ")
          .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
              .format(Instant.now().atOffset(ZoneOffset.UTC)))
          .append("\n\n");
      md.append("Machine: ")
          .append(cpuModel())
          .append(", ")
          .append(Runtime.getRuntime().availableProcessors())
          .append(" cores shared by client, server and PostgreSQL; JDK ")
          .append(System.getProperty("java.version"))
          .append("; commit ")
          .append(o.get("commit", "?"))
          .append("; SWITCHBOARD_WORKERS=")
          .append(o.get("workers", "8"))
          .append(".\n\n");
      List<Properties> latency =
          runs.stream().filter(p -> p.getProperty("latency.n") != null).toList();
      if (!latency.isEmpty()) {
        Properties first = latency.getFirst();
        md.append("### Manual trigger → running (target p50 < 10 ms, p99 < 50 ms)\n\n")
            .append(first.getProperty("latency.n"))
            .append(" triggers per database, one at a time, round-robin over ")
            .append(first.getProperty("latency.agents"))
            .append(" agents; ")
            .append(first.getProperty("latency.warmup"))
            .append(" warm-up triggers discarded. Milliseconds.")
            .append(
                latency.stream().anyMatch(p -> p.getProperty("preloaded") != null)
                    ? " PostgreSQL preloaded with "
                        + latency.stream()
                            .map(p -> p.getProperty("preloaded"))
                            .filter(v -> v != null)
                            .findFirst()
                            .orElse("")
                        + " finished runs (last 30 days) before the triggers."
                    : "")
            .append("\n\n")
            .append("| Database | Measure | n | p50 | p90 | p99 | max |\n")
            .append("|---|---|--:|--:|--:|--:|--:|\n");
        for (Properties p : latency) {
          row(md, p, "latency.server", "server: `startedAt − createdAt`");
          row(md, p, "latency.client", "client: POST /trigger sent → WS `execution:started`");
          row(md, p, "latency.response", "client: POST /trigger round trip (202)");
        }
        md.append("\n");
      }
      for (Properties p : runs) {
        if (p.getProperty("throughput.runs") == null) {
          continue;
        }
        md.append("### No-op runs on ")
            .append(p.getProperty("label"))
            .append("\n\n")
            .append("| Runs | Agents | Wall time | Runs/s | Commits/run | net of idle | Writes/run |\n")
            .append("|--:|--:|--:|--:|--:|--:|--:|\n")
            .append("| %s | %s | %s s | **%s** | **%s** | %s | **%s** |\n\n"
                .formatted(
                    p.getProperty("throughput.runs"),
                    p.getProperty("throughput.agents"),
                    p.getProperty("throughput.seconds"),
                    p.getProperty("throughput.runsPerSecond"),
                    p.getProperty("throughput.commitsPerRun", "–"),
                    p.getProperty("throughput.commitsPerRunNetOfIdle", "–"),
                    p.getProperty("throughput.writesPerRun", "–")));
        md.append("- Runs/s per tenth of the run: ")
            .append(p.getProperty("throughput.tenths"))
            .append("\n");
        md.append("- Under load, server side (rows): queue wait `startedAt − createdAt` p50 ")
            .append(p.getProperty("throughput.queueWait.p50", "–"))
            .append(" ms, p99 ")
            .append(p.getProperty("throughput.queueWait.p99", "–"))
            .append(" ms; run time `finishedAt − startedAt` p50 ")
            .append(p.getProperty("throughput.runTime.p50", "–"))
            .append(" ms, p99 ")
            .append(p.getProperty("throughput.runTime.p99", "–"))
            .append(" ms; POST /trigger round trip p50 ")
            .append(p.getProperty("throughput.response.p50"))
            .append(" ms, p99 ")
            .append(p.getProperty("throughput.response.p99"))
            .append(" ms.\n");
        md.append("- Write transactions per run, counted: 1 admission insert + 1 final write + ")
            .append(p.getProperty("throughput.claimsPerRun", "–"))
            .append(" claim + ")
            .append(p.getProperty("throughput.notifyWakePerRun", "–"))
            .append(" NOTIFY wake + ")
            .append(p.getProperty("throughput.notifyEventsPerRun", "–"))
            .append(" NOTIFY events = **")
            .append(p.getProperty("throughput.writesPerRun", "–"))
            .append("** (not counted: log flushes, lease renewals — rare). Transaction ids consumed")
            .append(" cluster-wide: ")
            .append(p.getProperty("throughput.xidsPerRun", "–"))
            .append(" per run, which includes other databases' writes.\n");
        md.append("- CPU per run: server ")
            .append(p.getProperty("cpu.serverMsPerRun", "–"))
            .append(" ms, its PostgreSQL backends ")
            .append(p.getProperty("cpu.postgresMsPerRun", "–"))
            .append(" ms, this client ")
            .append(p.getProperty("cpu.clientMsPerRun", "–"))
            .append(" ms (less sensitive to other load on the machine than runs/s).\n");
        md.append("- Busiest scans of the server's schema (whole server life, `pg_stat_user_*`): ")
            .append(p.getProperty("throughput.scans", "–"))
            .append(".\n");
        md.append("- Completed rows: ")
            .append(p.getProperty("throughput.completedRows", "–"))
            .append("; runs that did not complete: ")
            .append(p.getProperty("throughput.notCompleted"))
            .append("; 409 retries: ")
            .append(p.getProperty("throughput.conflicts"))
            .append(".\n");
        md.append("- Idle server (before the run): ")
            .append(p.getProperty("throughput.idleCommitsPerSecond", "–"))
            .append(" commits/s, ")
            .append(p.getProperty("throughput.idleXidsPerSecond", "–"))
            .append(" xids/s (cluster-wide). Other clients of the database during the run: ")
            .append(
                "0".equals(p.getProperty("throughput.otherBackends"))
                    ? "none"
                    : p.getProperty("throughput.otherBackends")
                        + " (" + p.getProperty("throughput.otherApplications")
                        + ") — commit counts are polluted, rerun")
            .append(".\n\n");
      }
      md.append("Load average (1/5/15 min) at start → end: ");
      for (Properties p : runs) {
        md.append(p.getProperty("label"))
            .append(" ")
            .append(p.getProperty("loadavg.start"))
            .append(" → ")
            .append(p.getProperty("loadavg.end"))
            .append("; ");
      }
      md.setLength(md.length() - 2);
      md.append(".\n\n");
      md.append(
          "Commits/run = Δ `pg_stat_database.xact_commit` / runs: every committed transaction of"
              + " the database, read-only autocommit SELECTs included, from the trigger requests"
              + " (auth, admission), the workers, the NOTIFYs and the heartbeats. \"Net of idle\""
              + " subtracts the idle server's rate over the window. Writes/run = transactions"
              + " that wrote, counted from the rows (claims) and by LISTENing (NOTIFYs).\n");
      String text = md.toString();
      Path out = Path.of(o.require("out"));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, text, StandardCharsets.UTF_8);
      System.out.print(text);
    }

    private static void row(StringBuilder md, Properties p, String key, String what) {
      md.append("| %s | %s | %s | %s | %s | %s | %s |\n"
          .formatted(
              p.getProperty("label"),
              what,
              p.getProperty(key + ".n"),
              p.getProperty(key + ".p50"),
              p.getProperty(key + ".p90"),
              p.getProperty(key + ".p99"),
              p.getProperty(key + ".max")));
    }

    private static String cpuModel() {
      try {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).strip())
            .findFirst()
            .orElse("unknown CPU");
      } catch (IOException e) {
        return "unknown CPU";
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  static final class Stats {
    /** Nearest-rank percentile. */
    static double pct(double[] values, double p) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
  }

  /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
  static String loadavg() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static double[] millis(long[] nanos) {
    return Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  static void log(String message) {
    System.err.println("[bench " + Instant.now().toString().substring(11, 23) + "] " + message);
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return Thread.ofPlatform().daemon().name(name + "-", 1).factory();
  }

  /** Just enough JSON for the API's answers. */
  // ---------------------------------------------------------------------------------------------
  // Triggers: schedule slots due in one second, CRM events → queued runs, commits per run

  /**
   * 500 schedule slots due in the same second (early fires, lateness slot → the run's row), 1,000
   * contact creations → queued runs (outbox row → the run's row), and the commits a scheduled run
   * costs next to a manual run's. PostgreSQL only; every figure from stored rows.
   */
  void triggers() throws Exception {
    results.setProperty("loadavg.start", loadavg());
    login();
    try (PgStats pg = PgStats.open(o);
        Connection db = pg.measured()) {
      db.createStatement().execute("set search_path = " + o.require("pg-schema"));
      scheduleSlots(o.integer("slots", 500), pg, db);
      contactEvents(o.integer("contacts", 1000), db);
    }
    results.setProperty("loadavg.end", loadavg());
    Path out = Path.of(o.require("out"));
    try (var w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      results.store(w, "TriggerBench triggers");
    }
  }

  private void scheduleSlots(int n, PgStats pg, Connection db) throws Exception {
    // Far enough ahead for creating the agents (at the rate 20 probe agents were created, with
    // half again as margin) and settling the counters (16 s) before the slot.
    long probeStart = System.nanoTime();
    createAgents("bench-probe", 20);
    double perAgent = (System.nanoTime() - probeStart) / 1e9 / 20;
    Instant slot =
        Instant.now()
            .plusSeconds(20 + (long) Math.ceil(n * perAgent * 1.5))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    var at = slot.atZone(ZoneOffset.UTC);
    String cron = "%d %d %d * * *".formatted(at.getSecond(), at.getMinute(), at.getHour());
    log("creating " + n + " agents with the schedule '" + cron + "' (UTC), due at " + slot);
    String prefix = "bench-slot";
    createAgents(
        prefix, n, "[{\"type\":\"schedule\",\"frequency\":\"cron\",\"cron\":\"" + cron + "\"}]");
    // Idle rate over 5 s after the agents' own commits settled; then the window opens.
    sleep(SETTLE_MS);
    long[] idle0 = pg.counters();
    sleep(5_000);
    long[] c0 = pg.counters();
    double idlePerSecond = (c0[0] - idle0[0]) / 5.0;
    if (!Instant.now().isBefore(slot.minusMillis(500))) {
      throw new IllegalStateException(
          "the slot came before the counters were read (agents were created slower than probed)");
    }
    long opened = System.nanoTime();
    int own = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int finished = 0;
    while (finished < n) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(finished + " of " + n + " scheduled runs ended in 120 s");
      }
      sleep(500);
      own++;
      finished =
          countOf(
              db,
              "select count(*) from schedule_slots s join executions e on e.id = s.execution_id"
                  + " where e.status in ('completed', 'failed', 'canceled', 'skipped')"
                  + " and s.agent_id in (select id from agents where name like '" + prefix + "-%')");
    }
    sleep(SETTLE_MS);
    long[] c1 = pg.counters();
    double window = (System.nanoTime() - opened) / 1e9 + 5; // + the time before the slot, roughly
    List<double[]> rows = new ArrayList<>();
    own++;
    try (var rs =
        db.createStatement()
            .executeQuery(
                """
                select extract(epoch from (e.created_at - s.slot_at)) * 1000,
                  extract(epoch from (e.started_at - s.slot_at)) * 1000, s.outcome
                from schedule_slots s join executions e on e.id = s.execution_id
                join agents a on a.id = s.agent_id where a.name like '%s-%%'\
                """
                    .formatted(prefix))) {
      while (rs.next()) {
        rows.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
      }
    }
    double[] queued = rows.stream().mapToDouble(r -> r[0]).sorted().toArray();
    double[] started = rows.stream().mapToDouble(r -> r[1]).sorted().toArray();
    results.setProperty("slots.n", String.valueOf(rows.size()));
    results.setProperty(
        "slots.early", String.valueOf(Arrays.stream(queued).filter(v -> v < 0).count()));
    putPercentiles("slots.queued", queued);
    putPercentiles("slots.started", started);
    double commits = c1[0] - c0[0] - own - idlePerSecond * window;
    results.setProperty("slots.commits_per_run", fmt(commits / n));
    results.setProperty("slots.writes_per_run", fmt((double) (c1[1] - c0[1]) / n));
    results.setProperty("idle.commits_per_s", fmt(idlePerSecond));
    log("schedule: " + rows.size() + " slots, p99 lateness " + fmt(Stats.pct(queued, 99)) + " ms");
    manualCommits(n, pg, db, idlePerSecond);
  }

  /** The same count of manual runs on agents of their own, one trigger at a time per client. */
  private void manualCommits(int n, PgStats pg, Connection db, double idlePerSecond)
      throws Exception {
    String prefix = "bench-manual";
    List<String> agents = createAgents(prefix, n);
    sleep(SETTLE_MS);
    long[] c0 = pg.counters();
    long opened = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(4, daemon("manual"));
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (String agent : agents) {
        done.add(clients.submit(() -> data(trigger(agent), 200, 201, 202)));
      }
      for (var f : done) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    int own = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int finished = 0;
    while (finished < n) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(finished + " of " + n + " manual runs ended in 120 s");
      }
      sleep(500);
      own++;
      finished =
          countOf(
              db,
              "select count(*) from executions e join agents a on a.id = e.agent_id"
                  + " where e.status in ('completed', 'failed', 'canceled')"
                  + " and a.name like '" + prefix + "-%'");
    }
    sleep(SETTLE_MS);
    long[] c1 = pg.counters();
    double window = (System.nanoTime() - opened) / 1e9;
    double commits = c1[0] - c0[0] - own - idlePerSecond * window;
    results.setProperty("manual.n", String.valueOf(n));
    results.setProperty("manual.commits_per_run", fmt(commits / n));
    results.setProperty("manual.writes_per_run", fmt((double) (c1[1] - c0[1]) / n));
  }

  /** {@code n} contacts created over HTTP by 4 clients; one agent has a contact.created trigger. */
  private void contactEvents(int n, Connection db) throws Exception {
    String prefix = "bench-event";
    createAgents(prefix, 1, "[{\"type\":\"event\",\"event\":\"contact.created\"}]");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    ExecutorService clients = Executors.newFixedThreadPool(4, daemon("contacts"));
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String body =
            "{\"firstName\":\"Bench\",\"lastName\":\"%d\",\"email\":\"bench-%d-%s@example.com\"}"
                .formatted(i, i, suffix);
        done.add(
            clients.submit(() ->
                data(
                    send("POST", "/api/workspaces/" + workspace + "/contacts", body, true),
                    200,
                    201)));
      }
      for (var f : done) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    String join =
        """
        from event_outcomes o join outbox_events b on b.id = o.event_id
        join executions e on e.id = o.execution_id
        join agents a on a.id = o.agent_id where a.name like '%s-%%'\
        """
            .formatted(prefix);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int queued = 0;
    while (queued < n) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(queued + " of " + n + " event runs queued in 120 s");
      }
      sleep(250);
      queued = countOf(db, "select count(*) " + join);
    }
    List<Double> lag = new ArrayList<>();
    try (var rs =
        db.createStatement()
            .executeQuery(
                "select extract(epoch from (e.created_at - b.created_at)) * 1000 " + join)) {
      while (rs.next()) {
        lag.add(rs.getDouble(1));
      }
    }
    double[] sorted = lag.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    results.setProperty("events.n", String.valueOf(sorted.length));
    putPercentiles("events.queued", sorted);
    log("events: " + sorted.length + " runs, p95 " + fmt(Stats.pct(sorted, 95)) + " ms");
  }

  private void putPercentiles(String key, double[] sorted) {
    results.setProperty(key + ".p50", fmt(Stats.pct(sorted, 50)));
    results.setProperty(key + ".p95", fmt(Stats.pct(sorted, 95)));
    results.setProperty(key + ".p99", fmt(Stats.pct(sorted, 99)));
    results.setProperty(key + ".max", fmt(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
  }

  static int countOf(Connection db, String sql) throws SQLException {
    try (var rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static void sleep(long millis) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(millis);
  }

  // ---------------------------------------------------------------------------------------------
  // Load: HTTP triggers offered at a fixed rate (open loop), completed runs/s and latency under it

  /**
   * Offers {@code --load-rate} manual triggers per second over {@code --load-agents} agents from
   * this process, on a fixed timetable that does not wait for answers (open loop), for {@code
   * --load-warmup} seconds and then {@code --load-seconds} measured seconds. A trigger goes to an
   * agent whose last run ended (a manual trigger of a busy agent is refused, 409); when none is
   * idle the slot is counted as not offered. Measured over the window: runs whose end event arrived
   * (completed runs/s), trigger → running from the timetable's send time to {@code
   * execution:started} on the WebSocket (so a late send counts against us), commits per completed
   * run (Δ {@code xact_commit}) and CPU per completed run of the server and its backends.
   */
  void load() throws Exception {
    double rate = Double.parseDouble(o.require("load-rate"));
    int seconds = o.integer("load-seconds", 30);
    int warmup = o.integer("load-warmup", 10);
    int agentCount = o.integer("load-agents", 2000);
    results.setProperty("load.rate", fmt(rate));
    results.setProperty("load.seconds", String.valueOf(seconds));
    results.setProperty("load.warmup", String.valueOf(warmup));
    results.setProperty("load.agents", String.valueOf(agentCount));
    results.setProperty("loadavg.start", loadavg());
    login();
    long createStart = System.nanoTime();
    List<String> agents = createAgents("bench-load", agentCount);
    log("load: %d agents created in %s s".formatted(agentCount,
        fmt((System.nanoTime() - createStart) / 1e9)));
    PgStats pg = PgStats.open(o);
    String analyze = o.get("load-analyze", "");
    if (pg != null && !analyze.isEmpty()) {
      // The development cluster runs without autovacuum: without statistics the planner guesses.
      // Only the tables named: an analyzed empty executions table would be planned as empty.
      try (Connection db = pg.measured();
          var s = db.createStatement()) {
        s.execute("set search_path = " + o.require("pg-schema"));
        s.execute("analyze " + analyze);
      }
      log("load: analyzed " + analyze);
    }
    live.connect();
    java.util.concurrent.ConcurrentLinkedQueue<String> idle =
        new java.util.concurrent.ConcurrentLinkedQueue<>(agents);
    long period = (long) (1e9 / rate);
    long t0 = System.nanoTime() + 200_000_000L;
    long windowFrom = t0 + warmup * 1_000_000_000L;
    long windowTo = windowFrom + seconds * 1_000_000_000L;
    AtomicInteger sentInWindow = new AtomicInteger();
    AtomicInteger notOffered = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger endedInWindow = new AtomicInteger();
    AtomicInteger failedInWindow = new AtomicInteger();
    AtomicInteger outstanding = new AtomicInteger();
    Map<String, Long> windowRuns = new ConcurrentHashMap<>(); // run id → its timetable send time
    List<CompletableFuture<?>> windowEnds = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.Queue<Long> responses = new java.util.concurrent.ConcurrentLinkedQueue<>();
    Cpu[] cpu = new Cpu[1];
    long[][] commits = new long[2][];
    @SuppressWarnings("unchecked")
    Map<String, Long>[] messages = new Map[2];
    List<CompletableFuture<?>> windowPosts =
        java.util.Collections.synchronizedList(new ArrayList<>());
    long sendingStopped;
    log("load: %s triggers/s over %d agents, %d s warm-up + %d s measured"
        .formatted(fmt(rate), agentCount, warmup, seconds));
    for (long k = 0; ; k++) {
      long at = t0 + k * period;
      if (at >= windowTo) {
        sendingStopped = System.nanoTime();
        break;
      }
      long wait = at - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      if (cpu[0] == null && at >= windowFrom) {
        messages[0] = live.received();
        commits[0] = pg == null ? null : pg.counters();
        cpu[0] = new Cpu(o.get("server-pid", null), pg == null ? List.of() : pg.serverBackends());
      }
      boolean measured = at >= windowFrom;
      String agent = idle.poll();
      if (agent == null) {
        if (measured) {
          notOffered.incrementAndGet();
        }
        continue;
      }
      if (measured) {
        sentInWindow.incrementAndGet();
      }
      outstanding.incrementAndGet();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(base + "/api/workspaces/" + workspace + "/agents/" + agent + "/trigger"))
              .timeout(WAIT)
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      CompletableFuture<?> post = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .whenComplete((r, error) -> {
            long answered = System.nanoTime();
            if (measured) {
              responses.add(answered - at);
            }
            if (error != null || r.statusCode() != 202) {
              (error == null && r.statusCode() == 409 ? refused : errors).incrementAndGet();
              if (errors.get() <= 5 && error != null) {
                log("load: trigger failed: " + error);
              } else if (errors.get() <= 5 && r.statusCode() != 409) {
                log("load: trigger answered " + r.statusCode() + ": " + r.body());
              }
              outstanding.decrementAndGet();
              idle.add(agent);
              return;
            }
            String id = Json.stringField(r.body(), "executionId");
            if (measured) {
              windowRuns.put(id, at);
            }
            CompletableFuture<End> end = live.ended(id);
            if (measured) {
              windowEnds.add(end);
            }
            end.whenComplete((e, endError) -> {
              outstanding.decrementAndGet();
              if (e != null && e.nanos() >= windowFrom && e.nanos() < windowTo) {
                endedInWindow.incrementAndGet();
                if (!"execution:completed".equals(e.event())) {
                  failedInWindow.incrementAndGet();
                }
              }
              idle.add(agent);
            });
          });
      if (measured) {
        windowPosts.add(post);
      }
    }
    // The window's figures are read at its end, before the backlog is waited for.
    long lateBy = Math.max(0, windowTo - System.nanoTime());
    if (lateBy > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(lateBy);
    }
    if (cpu[0] == null) {
      throw new IllegalStateException("the measured window never opened");
    }
    int completed = endedInWindow.get();
    int backlog = outstanding.get();
    cpu[0].stop(Math.max(1, completed), results);
    commits[1] = pg == null ? null : pg.counters();
    messages[1] = live.received();
    messages[1].forEach((event, n) ->
        results.setProperty(
            "load.ws." + event.replace("execution:", "") + "PerRun",
            fmt((n - messages[0].getOrDefault(event, 0L)) / (double) Math.max(1, completed))));
    results.setProperty("load.sendLagMs", fmt((sendingStopped - windowTo) / 1e6));
    // Then every run triggered in the window must end (bounded), for its latency.
    long deadline = System.nanoTime() + Duration.ofSeconds(o.integer("load-drain-timeout", 120)).toNanos();
    int notEnded = 0;
    for (CompletableFuture<?> f : List.copyOf(windowPosts)) {
      try {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        // counted as an error or as a run that never started
      }
    }
    for (CompletableFuture<?> f : List.copyOf(windowEnds)) {
      long left = deadline - System.nanoTime();
      try {
        f.get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        notEnded++;
      }
    }
    double[] toRunning =
        windowRuns.entrySet().stream()
            .mapToDouble(e -> {
              CompletableFuture<Long> started = live.started(e.getKey());
              return started.isDone() && !started.isCompletedExceptionally()
                  ? (started.join() - e.getValue()) / 1e6
                  : Double.POSITIVE_INFINITY;
            })
            .toArray();
    results.setProperty("load.sent", String.valueOf(sentInWindow.get()));
    results.setProperty("load.sentPerSecond", fmt(sentInWindow.get() / (double) seconds));
    results.setProperty("load.notOffered", String.valueOf(notOffered.get()));
    results.setProperty("load.refused409", String.valueOf(refused.get()));
    results.setProperty("load.errors", String.valueOf(errors.get()));
    results.setProperty("load.completed", String.valueOf(completed));
    results.setProperty("load.failed", String.valueOf(failedInWindow.get()));
    results.setProperty("load.completedPerSecond", fmt(completed / (double) seconds));
    results.setProperty("load.backlogAtEnd", String.valueOf(backlog));
    results.setProperty("load.notEnded", String.valueOf(notEnded));
    if (toRunning.length > 0) {
      put("load.toRunning", toRunning);
    }
    double[] answered = responses.stream().mapToDouble(n -> n / 1e6).toArray();
    if (answered.length > 0) {
      put("load.response", answered);
    }
    if (pg != null) {
      long delta = commits[1][0] - commits[0][0];
      results.setProperty("load.commits", String.valueOf(delta));
      results.setProperty("load.commitsPerRun", fmt((double) delta / Math.max(1, completed)));
      serverStamps(pg, windowRuns.keySet());
      pg.close();
    }
    live.close();
    results.setProperty("loadavg.end", loadavg());
    log(("load: offered %s/s, sent %s/s, completed %s runs/s; trigger → running p50 %s ms p99 %s"
            + " ms; %s commits/run; CPU ms/run server %s, PostgreSQL %s; backlog at end %d")
        .formatted(fmt(rate), results.getProperty("load.sentPerSecond"),
            results.getProperty("load.completedPerSecond"),
            results.getProperty("load.toRunning.p50", "–"),
            results.getProperty("load.toRunning.p99", "–"),
            results.getProperty("load.commitsPerRun", "–"),
            results.getProperty("cpu.serverMsPerRun", "–"),
            results.getProperty("cpu.postgresMsPerRun", "–"), backlog));
    Path out = Path.of(o.require("out"));
    try (var w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      results.store(w, "TriggerBench load");
    }
  }

  /** Server-side {@code startedAt − createdAt} of the window's runs, from their rows. */
  private void serverStamps(PgStats pg, Set<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (Connection db = pg.measured();
        var s = db.createStatement()) {
      s.execute("set search_path = " + o.require("pg-schema"));
      try (PreparedStatement q =
          db.prepareStatement(
              """
              select percentile_cont(0.5) within group (order by extract(epoch from started_at - created_at)),
                percentile_cont(0.99) within group (order by extract(epoch from started_at - created_at))
              from executions where id = any (?)\
              """)) {
        q.setArray(1, db.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          results.setProperty("load.server.p50", fmt(rs.getDouble(1) * 1000));
          results.setProperty("load.server.p99", fmt(rs.getDouble(2) * 1000));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Drain: N no-op runs queued while no worker runs, then the workers start (the peers' workload)

  /** With the server up: the agents, and one run each as the template of the queued ones. */
  void drainPrepare() throws Exception {
    login();
    int agents = o.integer("drain-agents", 1000);
    List<String> ids = createAgents("bench-drain", agents);
    for (String id : ids) {
      data(trigger(id), 200, 201, 202);
    }
    try (PgStats pg = PgStats.open(o);
        Connection db = pg.measured()) {
      db.createStatement().execute("set search_path = " + o.require("pg-schema"));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (countOf(db, Drain.DONE_TEMPLATES) < agents) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("the template runs did not end in 120 s");
        }
        sleep(250);
      }
    }
    log(agents + " drain agents ready");
  }

  /**
   * The queue is written while the server is down, as the peers pre-insert their jobs: each run a
   * copy of its agent's first run as admission wrote it (row and {@code queued} transition), the
   * oldest per agent holding the agent's slot.
   */
  static final class Drain {
    static final String DONE_TEMPLATES =
        "select count(*) from executions e join agents a on a.id = e.agent_id"
            + " where a.name like 'bench-drain-%' and e.status = 'completed'";

    static void queue(Options o) throws Exception {
      int n = o.integer("drain", 10000);
      try (PgStats pg = PgStats.open(o);
          Connection db = pg.measured()) {
        var s = db.createStatement();
        s.execute("set search_path = " + o.require("pg-schema"));
        String since;
        try (var rs = s.executeQuery("select now()::text")) {
          rs.next();
          since = rs.getString(1);
        }
        int rows =
            s.executeUpdate(
                """
                insert into executions (id, workspace_id, agent_id, agent_name, trigger_type,
                  triggered_by, trigger_context, prompt, status, head_agent_id, created_at)
                select gen_random_uuid(), t.workspace_id, t.agent_id, t.agent_name, t.trigger_type,
                  t.triggered_by, t.trigger_context, t.prompt, 'queued',
                  case when g <= t.agents then t.agent_id end,
                  now() + g * interval '1 microsecond'
                from generate_series(1, %d) g
                join (select e.*, row_number() over (order by e.agent_id) as k,
                        count(*) over () as agents
                      from executions e join agents a on a.id = e.agent_id
                      where a.name like 'bench-drain-%%' and e.status = 'completed') t
                  on t.k = 1 + (g - 1) %% t.agents\
                """
                    .formatted(n));
        s.executeUpdate(
            """
            insert into execution_transitions (execution_id, from_status, to_status, at, actor, reason)
            select e.id, null, 'queued', e.created_at, tr.actor, tr.reason
            from executions e
            join executions t on t.agent_id = e.agent_id and t.status = 'completed'
            join execution_transitions tr on tr.execution_id = t.id and tr.from_status is null
            where e.status = 'queued'\
            """);
        s.execute("analyze executions");
        sleep(SETTLE_MS);
        long[] c0 = pg.counters();
        Properties p = new Properties();
        p.setProperty("drain.n", String.valueOf(rows));
        p.setProperty("drain.since", since);
        p.setProperty("drain.c0", String.valueOf(c0[0]));
        p.setProperty("drain.x0", String.valueOf(c0[1]));
        store(p, o);
        log(rows + " runs queued with no worker running");
      }
    }

    /** Waits (bounded) until every queued run ended; its own reads are counted. */
    static void await(Options o) throws Exception {
      Properties p = load(o);
      int n = Integer.parseInt(p.getProperty("drain.n"));
      int own = 1; // the connection's start-up transaction
      try (PgStats pg = PgStats.open(o);
          Connection db = pg.measured()) {
        own++;
        db.createStatement().execute("set search_path = " + o.require("pg-schema"));
        long deadline = System.nanoTime() + Duration.ofSeconds(o.integer("timeout", 600)).toNanos();
        int open = n;
        while (open > 0) {
          if (System.nanoTime() > deadline) {
            throw new TimeoutException(open + " of " + n + " runs still open at the time limit");
          }
          sleep(100);
          own++;
          open = countOf(db, "select count(*) from executions where status in ('queued', 'running')");
        }
      }
      p.setProperty("drain.own", String.valueOf(own));
      store(p, o);
    }

    /** After the server stopped (its backends flushed their counters): the figures. */
    static void count(Options o) throws Exception {
      Properties p = load(o);
      int n = Integer.parseInt(p.getProperty("drain.n"));
      try (PgStats pg = PgStats.open(o);
          Connection db = pg.measured()) {
        sleep(SETTLE_MS);
        long[] c1 = pg.counters();
        var s = db.createStatement();
        s.execute("set search_path = " + o.require("pg-schema"));
        try (var rs =
            s.executeQuery(
                """
                select count(*) filter (where status = 'completed'),
                  extract(epoch from (max(finished_at) - min(started_at))),
                  count(distinct started_at)
                from executions where created_at > '%s'::timestamptz\
                """
                    .formatted(p.getProperty("drain.since")))) {
          rs.next();
          int completed = rs.getInt(1);
          double seconds = rs.getDouble(2);
          long commits =
              c1[0] - Long.parseLong(p.getProperty("drain.c0"))
                  - Long.parseLong(p.getProperty("drain.own"))
                  - 1; // this connection's start-up transaction
          p.setProperty("drain.completed", String.valueOf(completed));
          p.setProperty("drain.seconds", fmt(seconds));
          p.setProperty("drain.runs_per_s", fmt(completed / seconds));
          p.setProperty("drain.claims", String.valueOf(rs.getInt(3)));
          p.setProperty("drain.commits_per_run", fmt((double) commits / n));
          p.setProperty("drain.nodes", String.valueOf(o.integer("nodes", 1)));
          p.setProperty(
              "drain.writes_per_run",
              fmt((double) (c1[1] - Long.parseLong(p.getProperty("drain.x0"))) / n));
        }
      }
      try (PgStats pg = PgStats.open(o);
          Connection db = pg.measured()) {
        var s = db.createStatement();
        s.execute("set search_path = " + o.require("pg-schema"));
        // No run twice: each run started once, on whichever node took it.
        p.setProperty(
            "drain.started_twice",
            String.valueOf(
                countOf(
                    db,
                    """
                    select count(*) from (select t.execution_id from execution_transitions t
                      join executions e on e.id = t.execution_id
                      where e.created_at > '%s'::timestamptz and t.to_status = 'running'
                      group by t.execution_id having count(*) > 1) twice                    """
                        .formatted(p.getProperty("drain.since")))));
      }
      p.setProperty("drain.loadavg", loadavg());
      store(p, o);
      log("drain: " + p.getProperty("drain.runs_per_s") + " runs/s, "
          + p.getProperty("drain.commits_per_run") + " commits per run, "
          + p.getProperty("drain.nodes") + " node(s), "
          + p.getProperty("drain.started_twice") + " runs started twice");
    }

    private static Properties load(Options o) throws IOException {
      Properties p = new Properties();
      try (var r = Files.newBufferedReader(Path.of(o.require("out")), StandardCharsets.UTF_8)) {
        p.load(r);
      }
      return p;
    }

    private static void store(Properties p, Options o) throws IOException {
      try (var w = Files.newBufferedWriter(Path.of(o.require("out")), StandardCharsets.UTF_8)) {
        p.store(w, "TriggerBench drain");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Quiet: what a node costs while nothing can run (issue 12: 100,000 queued runs, idle CPU < 5 %,
  // each housekeeping pass < 50 ms; 100,000 waiting runs change the heap by < 50 MB)

  /**
   * With the server up and nothing due: its CPU over {@code --seconds}, the longest turn of each
   * housekeeping task over that time (from {@code switchboard_housekeeping_seconds_max}), and the
   * heap used after a full collection. {@code --label} names the figures ({@code empty} or
   * {@code loaded}).
   */
  void quietMeasure() throws Exception {
    String label = o.require("label");
    int seconds = o.integer("seconds", 60);
    long pid = Long.parseLong(o.require("server-pid"));
    login();
    // Start-up work (first passes, the first fold of daily totals) is not what is measured, and a
    // timer's max forgets a turn only after 2 minutes: the window starts 75 s after start-up.
    sleep(75_000);
    Map<String, double[]> before = housekeeping(metrics());
    long t0 = Cpu.ticks(List.of(pid));
    long n0 = System.nanoTime();
    sleep(seconds * 1000L);
    long ticks = Cpu.ticks(List.of(pid)) - t0;
    double wall = (System.nanoTime() - n0) / 1e9;
    Map<String, double[]> after = housekeeping(metrics());
    double worstMax = 0;
    double worstMean = 0;
    String worstTask = "none";
    StringBuilder tasks = new StringBuilder();
    for (var e : after.entrySet()) {
      double[] a = e.getValue();
      double[] b = before.getOrDefault(e.getKey(), new double[3]);
      double turns = a[0] - b[0];
      double mean = turns > 0 ? (a[1] - b[1]) / turns * 1000 : 0;
      tasks.append(e.getKey()).append(": ").append((long) turns).append(" turns, mean ")
          .append(fmt(mean)).append(" ms, max ").append(fmt(a[2] * 1000)).append(" ms; ");
      worstMean = Math.max(worstMean, mean);
      if (a[2] >= worstMax) {
        worstMax = a[2];
        worstTask = e.getKey();
      }
    }
    Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
    Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
      throw new IllegalStateException("jcmd GC.run did not succeed on pid " + pid);
    }
    double heap = 0;
    for (String line : metrics().lines().toList()) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    Properties p = Quiet.load(o);
    p.setProperty("quiet." + label + ".cpu_percent", fmt(ticks / wall)); // 100 ticks per s = 100 %
    p.setProperty("quiet." + label + ".housekeeping_max_ms", fmt(worstMax * 1000));
    p.setProperty("quiet." + label + ".housekeeping_mean_ms", fmt(worstMean));
    p.setProperty("quiet." + label + ".housekeeping_task", worstTask);
    p.setProperty("quiet." + label + ".heap_mb", fmt(heap / (1 << 20)));
    if (p.containsKey("quiet.empty.heap_mb") && p.containsKey("quiet.loaded.heap_mb")) {
      p.setProperty("quiet.heap_delta_mb", fmt(
          Double.parseDouble(p.getProperty("quiet.loaded.heap_mb"))
              - Double.parseDouble(p.getProperty("quiet.empty.heap_mb"))));
    }
    Quiet.store(p, o);
    log("quiet (" + label + "): CPU " + fmt(ticks / wall) + " % over " + seconds
        + " s; housekeeping " + tasks + "heap after GC " + fmt(heap / (1 << 20)) + " MB");
  }

  /** Per housekeeping task: turns, seconds in all, longest turn (the timer's count, sum, max). */
  private static Map<String, double[]> housekeeping(String scrape) {
    Map<String, double[]> out = new LinkedHashMap<>();
    String[] series = {"switchboard_housekeeping_seconds_count{", "switchboard_housekeeping_seconds_sum{",
        "switchboard_housekeeping_seconds_max{"};
    for (String line : scrape.lines().toList()) {
      for (int i = 0; i < series.length; i++) {
        if (line.startsWith(series[i])) {
          String task = line.replaceAll(".*task=\"([^\"]*)\".*", "$1");
          out.computeIfAbsent(task, t -> new double[3])[i] =
              Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return out;
  }

  private String metrics() throws IOException, InterruptedException {
    HttpResponse<String> r = send("GET", "/actuator/prometheus", null, true);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/actuator/prometheus answered " + r.statusCode());
    }
    return r.body();
  }

  /** The quiet workload's rows, written while the server is down (as the drain's are). */
  static final class Quiet {
    /**
     * {@code --quiet N} queued runs that may not start for a day (a retry's backoff:
     * {@code not_before}), spread over the drain agents, the oldest per agent holding its slot; and
     * N runs waiting a day in a durable wait.
     */
    static void queue(Options o) throws Exception {
      int n = o.integer("quiet", 100000);
      try (PgStats pg = PgStats.open(o);
          Connection db = pg.measured()) {
        var s = db.createStatement();
        s.execute("set search_path = " + o.require("pg-schema"));
        String templates =
            """
            (select e.*, row_number() over (order by e.agent_id) as k, count(*) over () as agents
             from executions e join agents a on a.id = e.agent_id
             where a.name like 'bench-drain-%%' and e.status = 'completed') t
            """;
        int queued =
            s.executeUpdate(
                """
                insert into executions (id, workspace_id, agent_id, agent_name, trigger_type,
                  triggered_by, trigger_context, prompt, status, head_agent_id, created_at,
                  not_before)
                select gen_random_uuid(), t.workspace_id, t.agent_id, t.agent_name, t.trigger_type,
                  t.triggered_by, t.trigger_context, t.prompt, 'queued',
                  case when g <= t.agents then t.agent_id end,
                  now() + g * interval '1 microsecond', now() + interval '1 day'
                from generate_series(1, %d) g join %s on t.k = 1 + (g - 1) %% t.agents                """
                    .formatted(n, templates));
        int waiting =
            s.executeUpdate(
                """
                insert into executions (id, workspace_id, agent_id, agent_name, trigger_type,
                  triggered_by, trigger_context, prompt, status, created_at, started_at, resume_at)
                select gen_random_uuid(), t.workspace_id, t.agent_id, t.agent_name, t.trigger_type,
                  t.triggered_by, t.trigger_context, t.prompt, 'waiting',
                  now() - interval '1 hour', now() - interval '1 hour', now() + interval '1 day'
                from generate_series(1, %d) g join %s on t.k = 1 + (g - 1) %% t.agents                """
                    .formatted(n, templates));
        s.execute("analyze executions");
        Properties p = load(o);
        p.setProperty("quiet.queued", String.valueOf(queued));
        p.setProperty("quiet.waiting", String.valueOf(waiting));
        store(p, o);
        log(queued + " runs queued for tomorrow and " + waiting + " waiting, no server running");
      }
    }

    static Properties load(Options o) throws IOException {
      Properties p = new Properties();
      Path file = Path.of(o.require("out"));
      if (Files.exists(file)) {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          p.load(r);
        }
      }
      return p;
    }

    static void store(Properties p, Options o) throws IOException {
      try (var w = Files.newBufferedWriter(Path.of(o.require("out")), StandardCharsets.UTF_8)) {
        p.store(w, "TriggerBench quiet");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Compare: our figures next to the peers' of the same invocation

  /**
   * Prints our drain and trigger figures as markdown, each next to the peer's figure from the
   * peers' JSON lines ({@code --peers FILE}) and as a ratio.
   */
  static final class Compare {
    static void write(Options o) throws IOException {
      Properties ours = new Properties();
      for (String in : o.all("in")) {
        try (var r = Files.newBufferedReader(Path.of(in), StandardCharsets.UTF_8)) {
          ours.load(r);
        }
      }
      Map<String, Map<String, Object>> peers = new LinkedHashMap<>();
      String peersFile = o.get("peers", null);
      if (peersFile != null) {
        for (String line : Files.readAllLines(Path.of(peersFile))) {
          if (line.startsWith("{")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> j = (Map<String, Object>) Json.parse(line);
            peers.put(j.get("workload") + "/" + j.get("peer") + "/" + j.get("mode"), j);
          }
        }
      }
      StringBuilder md = new StringBuilder();
      if (o.get("load", null) != null || ours.containsKey("load.rate")) {
        loadTable(md, ours, o.get("load", ours.getProperty("load.rate", "?")));
        if (!ours.containsKey("drain.runs_per_s") && !ours.containsKey("slots.early")
            && !ours.containsKey("quiet.queued")) {
          print(md, o);
          return;
        }
      }
      md.append("| figure | Switchboard | peer | peer figure | ratio (ours / peer) |\n")
          .append("|---|--:|---|--:|--:|\n");
      line(md, ours, "drain.runs_per_s", "drain runs/s (higher is better)", peers,
          "throughput/dbscheduler/tuned", "jobs_per_s");
      line(md, ours, "drain.runs_per_s", "drain runs/s (higher is better)", peers,
          "throughput/jobrunr/tuned", "jobs_per_s");
      line(md, ours, "drain.commits_per_run", "drain commits per run (lower is better)", peers,
          "throughput/dbscheduler/tuned", "commits_per_job");
      line(md, ours, "slots.early", "500 due in one second: early fires", peers,
          "delayed/dbscheduler/tuned", "early_starts");
      line(md, ours, "slots.queued.p50", "500 due in one second: lateness p50 ms", peers,
          "delayed/dbscheduler/tuned", "lateness_p50_ms");
      line(md, ours, "slots.queued.p99", "500 due in one second: lateness p99 ms", peers,
          "delayed/dbscheduler/tuned", "lateness_p99_ms");
      for (String k : List.of("drain.n", "drain.nodes", "drain.started_twice", "drain.seconds",
          "drain.claims", "drain.writes_per_run",
          "slots.started.p50", "slots.started.p99", "slots.commits_per_run",
          "slots.writes_per_run", "manual.commits_per_run", "manual.writes_per_run",
          "events.n", "events.queued.p50", "events.queued.p95", "events.queued.p99",
          "idle.commits_per_s", "quiet.queued", "quiet.waiting", "quiet.empty.cpu_percent",
          "quiet.loaded.cpu_percent", "quiet.empty.housekeeping_max_ms",
          "quiet.loaded.housekeeping_max_ms", "quiet.empty.housekeeping_mean_ms",
          "quiet.loaded.housekeeping_mean_ms", "quiet.loaded.housekeeping_task",
          "quiet.empty.heap_mb", "quiet.loaded.heap_mb", "quiet.heap_delta_mb")) {
        if (ours.containsKey(k)) {
          md.append("| ").append(k).append(" | ").append(ours.getProperty(k)).append(" | | | |\n");
        }
      }
      md.append("\nLoad average: ").append(ours.getProperty("drain.loadavg", ""))
          .append(" (drain end), ").append(ours.getProperty("loadavg.start", ""))
          .append(" → ").append(ours.getProperty("loadavg.end", "")).append(" (triggers)\n");
      print(md, o);
    }

    private static void print(StringBuilder md, Options o) throws IOException {
      System.out.print(md);
      String out = o.get("out", null);
      if (out != null) {
        Files.writeString(Path.of(out), md.toString(), StandardCharsets.UTF_8);
      }
    }

    /**
     * The load workload's table: always its header and one row, with "–" for a figure that was not
     * measured (a failed or cut run still says so in the table, not only in the log).
     */
    static void loadTable(StringBuilder md, Properties p, String offered) {
      md.append("### HTTP triggers under load (offered ").append(offered).append(" runs/s, ")
          .append(p.getProperty("load.agents", "?")).append(" agents, ")
          .append(p.getProperty("load.warmup", "?")).append(" s warm-up + ")
          .append(p.getProperty("load.seconds", "?")).append(" s measured)\n\n")
          .append("| offered/s | sent/s | completed runs/s | trigger → running p50 ms | p99 ms |")
          .append(" server `startedAt − createdAt` p50 / p99 ms | POST p99 ms | commits/run |")
          .append(" server CPU ms/run | PG CPU ms/run | backlog at end | not ended | no idle agent |")
          .append(" 409 | errors |\n")
          .append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
      String[] cells = {
        offered,
        p.getProperty("load.sentPerSecond", "–"),
        p.getProperty("load.completedPerSecond", "–"),
        p.getProperty("load.toRunning.p50", "–"),
        p.getProperty("load.toRunning.p99", "–"),
        p.getProperty("load.server.p50", "–") + " / " + p.getProperty("load.server.p99", "–"),
        p.getProperty("load.response.p99", "–"),
        p.getProperty("load.commitsPerRun", "–"),
        p.getProperty("cpu.serverMsPerRun", "–"),
        p.getProperty("cpu.postgresMsPerRun", "–"),
        p.getProperty("load.backlogAtEnd", "–"),
        p.getProperty("load.notEnded", "–"),
        p.getProperty("load.notOffered", "–"),
        p.getProperty("load.refused409", "–"),
        p.getProperty("load.errors", "–"),
      };
      md.append("| ").append(String.join(" | ", cells)).append(" |\n\n");
      List<String> ws = new ArrayList<>();
      for (String k : new java.util.TreeSet<>(p.stringPropertyNames())) {
        if (k.startsWith("load.ws.")) {
          ws.add(k.substring("load.ws.".length(), k.length() - "PerRun".length()) + " "
              + p.getProperty(k));
        }
      }
      md.append("WebSocket event messages the client received per completed run: ")
          .append(ws.isEmpty() ? "–" : String.join(", ", ws)).append(".\n\n");
      md.append("Load average: ").append(p.getProperty("loadavg.start", "?")).append(" → ")
          .append(p.getProperty("loadavg.end", "?")).append(
              p.containsKey("load.completed") ? "" : "; **the load run did not finish: see the log**")
          .append("\n\n");
    }

    private static void line(StringBuilder md, Properties ours, String key, String what,
        Map<String, Map<String, Object>> peers, String peer, String field) {
      if (!ours.containsKey(key)) {
        return;
      }
      double v = Double.parseDouble(ours.getProperty(key));
      Map<String, Object> p = peers.get(peer);
      Object pv = p == null ? null : p.get(field);
      String ratio =
          pv instanceof Double d && d != 0 ? fmt(v / d) : pv == null ? "peer not run" : "–";
      md.append("| ").append(what).append(" | ").append(fmt(v)).append(" | ")
          .append(peer.substring(peer.indexOf('/') + 1)).append(" | ")
          .append(pv == null ? "" : pv instanceof Double d ? fmt(d) : pv).append(" | ")
          .append(ratio).append(" |\n");
    }
  }

  static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    static Object parse(String text) {
      Json j = new Json(text);
      Object v = j.value();
      j.ws();
      if (j.i != text.length()) {
        throw new IllegalArgumentException("trailing characters in JSON at " + j.i);
      }
      return v;
    }

    /** The first string value of {@code "name":"…"} in a message (names here are unique enough). */
    static String stringField(String text, String name) {
      String key = "\"" + name + "\":\"";
      int at = text.indexOf(key);
      if (at < 0) {
        return null;
      }
      int from = at + key.length();
      return text.substring(from, text.indexOf('"', from));
    }

    private Object value() {
      ws();
      char c = s.charAt(i);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      ws();
      if (s.charAt(i) == '}') {
        i++;
        return m;
      }
      while (true) {
        ws();
        String key = string();
        ws();
        expect(':');
        m.put(key, value());
        ws();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect('}');
          return m;
        }
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      ws();
      if (s.charAt(i) == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value());
        ws();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect(']');
          return l;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
    }

    private Object number() {
      int from = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (from == i) {
        throw new IllegalArgumentException("unexpected character in JSON at " + i);
      }
      return Double.parseDouble(s.substring(from, i));
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, i)) {
        throw new IllegalArgumentException("unexpected literal in JSON at " + i);
      }
      i += word.length();
      return value;
    }

    private void expect(char c) {
      if (s.charAt(i) != c) {
        throw new IllegalArgumentException("expected " + c + " in JSON at " + i);
      }
      i++;
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
