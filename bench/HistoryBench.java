import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * History, search, export, dashboard and retention figures of a Switchboard server on PostgreSQL
 * with many stored runs (issue 10, "Measured"). JDK classes plus the PostgreSQL driver; launched
 * by {@code bench/history.sh}, which starts the server in a throwaway database first.
 *
 * <pre>
 *   java -cp postgresql.jar bench/HistoryBench.java --base http://127.0.0.1:PORT \
 *     --jdbc 'jdbc:postgresql://127.0.0.1:5432/DB?currentSchema=S' --out history.md
 * </pre>
 */
public class HistoryBench {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
  static final Duration PURGE_TIMEOUT = Duration.ofMinutes(20);
  static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(30);

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    new HistoryBench(o).run();
  }

  /** {@code --key value} pairs; an unknown key, a missing value or a bad number exits with 2. */
  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("executions", "1000000");
    o.put("old", "500000");
    o.put("agents", "20");
    o.put("export", "100000");
    o.put("samples", "100");
    o.put("search-samples", "10");
    o.put("purge-triggers", "100");
    o.put("password", "bench-pass-123");
    o.put("vacuum", "false");
    for (int i = 0; i < args.length; i++) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (key == null || !(o.containsKey(key) || key.equals("base") || key.equals("jdbc")
          || key.equals("out"))) {
        fail("unknown option " + args[i]);
      }
      if (i + 1 >= args.length) {
        fail("--" + key + " needs a value");
      }
      o.put(key, args[++i]);
    }
    if (!o.get("vacuum").matches("true|false")) {
      fail("--vacuum must be true or false");
    }
    for (String required : List.of("base", "jdbc", "out")) {
      if (!o.containsKey(required)) {
        fail("--" + required + " is required");
      }
    }
    for (String n : List.of("executions", "old", "agents", "export", "samples", "search-samples",
        "purge-triggers")) {
      positive(o, n);
    }
    if (positive(o, "old") >= positive(o, "executions")) {
      fail("--old must be less than --executions");
    }
    if (positive(o, "export") > positive(o, "executions") - positive(o, "old")) {
      fail("--export must be at most --executions minus --old (the runs of the last 30 days)");
    }
    if (!URI.create(o.get("base")).getHost().equals("127.0.0.1")) {
      fail("--base must be on 127.0.0.1");
    }
    return o;
  }

  static int positive(Map<String, String> o, String key) {
    try {
      int n = Integer.parseInt(o.get(key));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail("--" + key + " must be a positive whole number, not '" + o.get(key) + "'");
    return 0;
  }

  static void fail(String message) {
    System.err.println("HistoryBench: " + message);
    System.exit(2);
  }

  private final Map<String, String> o;
  private final String base;
  private final HttpClient http;
  private final StringBuilder report = new StringBuilder();
  private String token;
  private String workspace;
  private final List<String> agents = new ArrayList<>();

  HistoryBench(Map<String, String> o) {
    this.o = o;
    this.base = o.get("base");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4, r -> {
              Thread t = new Thread(r, "http");
              t.setDaemon(true);
              return t;
            }))
            .build();
  }

  void run() throws Exception {
    int n = positive(o, "executions");
    int old = positive(o, "old");
    login();
    createAgents(positive(o, "agents"));
    try (Connection db = DriverManager.getConnection(o.get("jdbc"), "postgres", "")) {
      db.setAutoCommit(true);
      preload(db, n, old);
      line("# Switchboard history benchmark, "
          + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
              .format(Instant.now().atOffset(ZoneOffset.UTC)));
      line("");
      line("PostgreSQL with " + n + " runs stored (" + old + " of them 31–60 days old, the rest"
          + " over the last 30 days), " + agents.size() + " agents in one workspace, then "
          + (o.get("vacuum").equals("true") ? "VACUUM ANALYZE" : "ANALYZE (no vacuum)") + "; 2 cores"
          + " shared by client, server, PostgreSQL and other engineers' builds."
          + " Milliseconds unless said otherwise; load = 1-minute load average before → after.");
      line("");
      line("| Measure | n | p50 | p90 | p99 | max | goal | load |");
      line("|---|--:|--:|--:|--:|--:|--:|--|");
      int samples = positive(o, "samples");
      // Searches get fewer samples: an address is an index lookup (run/SearchTerms), but a part of
      // one reads the newest 10,000 runs' steps.
      int searches = positive(o, "search-samples");
      String ws = "/api/workspaces/" + workspace;
      timed("workspace history, last 30 days, page 1", samples, 5, 200,
          i -> ws + "/executions?range=30d");
      timed("agent history, last 30 days, page 1", samples, 5, 200,
          i -> ws + "/agents/" + agent(i) + "/executions?range=30d");
      timed("workspace history, last 30 days, page 20", samples, 5, 200,
          i -> ws + "/executions?range=30d&page=20");
      timed("agent dashboard, 30d", samples, 5, 300,
          i -> ws + "/agents/" + agent(i) + "/dashboard?dateRange=30d");
      timed("agent dashboard, all", samples, 5, 300,
          i -> ws + "/agents/" + agent(i) + "/dashboard?dateRange=all");
      timed("workspace dashboard", samples, 5, 300, i -> ws + "/dashboard");
      timed("agent search by email, last 30 days", searches, 1, 200,
          i -> ws + "/agents/" + agent(i) + "/executions?range=30d&search=" + query(email(i * 7919)));
      timed("workspace search by email, last 30 days", searches, 1, 200,
          i -> ws + "/executions?range=30d&search=" + query(email(i * 7919)));
      timed("workspace search by part of an address, last 30 days", searches, 1, 200,
          i -> ws + "/executions?range=30d&search=" + query("@acme" + (i % 7) + ".example"));
      line("");
      export(db, positive(o, "export"));
      line("");
      purge(db, old);
    }
    Files.writeString(Path.of(o.get("out")), report, StandardCharsets.UTF_8);
    log("written to " + o.get("out"));
  }

  // ---------------------------------------------------------------------------------------------
  // Set-up

  private void login() throws Exception {
    HttpResponse<String> r =
        send("POST", "/api/auth/login",
            "{\"email\":\"admin@localhost\",\"password\":\"" + o.get("password") + "\"}", false);
    token = field(expect(r, 200), "token");
    workspace = field(expect(send("GET", "/api/workspaces", null, true), 200), "id");
  }

  private void createAgents(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      String body =
          """
          {"name":"History agent %d","kind":"workflow","status":"live",\
          "restrictions":{"maxExecutionsPerMinute":1000000,"maxExecutionsPerDay":1000000},\
          "plan":{"steps":[{"type":"remember","params":{"key":"k","value":"v"}}]}}\
          """
              .formatted(i + 1);
      HttpResponse<String> r = send("POST", "/api/workspaces/" + workspace + "/agents", body, true);
      agents.add(field(expect(r, 200, 201), "id"));
    }
  }

  private String agent(int i) {
    return agents.get(i % agents.size());
  }

  private static String query(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The address the preload puts into run g's send_email step (one run in three). */
  static String email(int g) {
    int k = Math.floorMod(g, 30000) / 3 * 3;
    return "lead" + k + "@acme" + (k % 7) + ".example.com";
  }

  /**
   * Inserts {@code n} finished runs as the server would have left them: a third sent an email
   * (steps with params and results, summary counters), a twentieth failed with an error, some were
   * canceled; already folded into daily_totals, which gets the matching rows.
   */
  private void preload(Connection db, int n, int old) throws SQLException {
    long t0 = System.nanoTime();
    try (Statement s = db.createStatement()) {
      int chunk = 100_000;
      for (int from = 1; from <= n; from += chunk) {
        int to = Math.min(n, from + chunk - 1);
        s.executeUpdate(
            """
            insert into executions (id, workspace_id, agent_id, agent_name, trigger_type,
              triggered_by, status, created_at, started_at, finished_at, steps, summary,
              processed_count, error, totals_folded, step_cursor)
            select gen_random_uuid(), a.workspace_id, a.id, a.name,
              (array['manual','scheduled','event','webhook'])[1 + g %% 4],
              case g %% 4 when 0 then 'admin@localhost' when 1 then 'schedule'
                when 2 then 'event: contact_created' else 'webhook' end,
              r.status, t.at, t.at + interval '3 milliseconds',
              t.at + interval '3 milliseconds' + (200 + g %% 45000) * interval '1 millisecond',
              case when g %% 3 = 0 then
                '[{"index":0,"type":"send_email","status":"' || r.status || '","warnings":[],'
                || '"params":{"template":"welcome","to":"{{contact.email}}"},'
                || '"result":{"sent":[{"to":"lead' || (g %% 30000) || '@acme' || ((g %% 30000) %% 7)
                || '.example.com","subject":"Welcome to Acme"}],"failed":0}}]'
              else
                '[{"index":0,"type":"search_contacts","status":"' || r.status || '","warnings":[],'
                || '"params":{"filters":[{"field":"tags","operator":"contains","value":"lead"}]},'
                || '"result":{"found":1,"contactIds":["' || gen_random_uuid() || '"]}}]'
              end,
              case when g %% 3 = 0 then '{"contactsProcessed":1,"emailsSent":1}'
                else '{"contactsProcessed":1}' end,
              1,
              case when r.status = 'failed' then
                '{"message":"Email template ''welcome'' not found","step":0}' end,
              true, 1
            from generate_series(%d, %d) g
              join (select id, workspace_id, name, row_number() over (order by id) - 1 k
                    from agents where workspace_id = '%s') a on a.k = g %% %d,
              lateral (select case when g %% 20 = 0 then 'failed' when g %% 50 = 7 then 'canceled'
                       else 'completed' end as status) r,
              lateral (select case when g <= %d
                then now() - interval '31 days' - g * (interval '29 days' / %d)
                else now() - interval '1 minute' - (g - %d) * (interval '29 days 22 hours' / %d)
                end as at) t\
            """
                .formatted(from, to, workspace, agents.size(), old, old, old, n - old));
        log("preloaded " + to + " of " + n + " runs");
      }
      // The search terms the server writes as a run leaves running (run/SearchTerms): each address
      // emailed and the template's name.
      s.executeUpdate(
          """
          insert into execution_search_terms (execution_id, workspace_id, term, created_at)
          select id, workspace_id, t.term, created_at from executions,
            lateral (values (substring(steps from '"to":"([^"]+@[^"]+)"')), ('welcome')) t(term)
          where steps like '%"send_email"%'\
          """);
      log("search terms written");
      s.executeUpdate(
          """
          insert into daily_totals (workspace_id, agent_id, run_day, total, completed, failed,
            canceled, timed, duration_ms, under_30s, contacts, emails, tasks, invitations)
          select workspace_id, agent_id, cast(created_at at time zone 'UTC' as date), count(*),
            count(*) filter (where status = 'completed'), count(*) filter (where status = 'failed'),
            count(*) filter (where status = 'canceled'), count(*),
            sum(cast(extract(epoch from finished_at - started_at) * 1000 as bigint)),
            count(*) filter (where finished_at - started_at < interval '30 seconds'),
            sum(processed_count), count(*) filter (where summary like '%emailsSent%'), 0, 0
          from executions group by 1, 2, 3\
          """);
      // The development cluster runs without autovacuum; a production one would have vacuumed
      // after these inserts, which lets counts be index-only scans.
      s.execute(o.get("vacuum").equals("true") ? "vacuum analyze" : "analyze");
    }
    log("preload done in %.0f s".formatted((System.nanoTime() - t0) / 1e9));
  }

  // ---------------------------------------------------------------------------------------------
  // Measures

  interface PathFor {
    String path(int i);
  }

  /** {@code samples} GETs one after another (after {@code warmups}), each expecting 200. */
  private void timed(String what, int samples, int warmups, int goal, PathFor path)
      throws Exception {
    String load = loadavg();
    for (int i = 0; i < warmups; i++) {
      expect(send("GET", path.path(samples + i), null, true), 200);
    }
    double[] ms = new double[samples];
    for (int i = 0; i < samples; i++) {
      long t0 = System.nanoTime();
      expect(send("GET", path.path(i), null, true), 200);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    row(what, ms, "< " + goal, load + " → " + loadavg());
  }

  private void row(String what, double[] ms, String goal, String load) {
    double[] s = ms.clone();
    Arrays.sort(s);
    line("| %s | %d | %s | %s | %s | %s | %s | %s |"
        .formatted(what, s.length, fmt(pct(s, 50)), fmt(pct(s, 90)), fmt(pct(s, 99)),
            fmt(s[s.length - 1]), goal, load));
    log(what + ": p50 " + fmt(pct(s, 50)) + " ms, p99 " + fmt(pct(s, 99)) + " ms");
  }

  /**
   * Exports the newest {@code rows} runs as CSV (from = the created_at of the rows-th newest run),
   * reading the stream as it comes, while a second thread samples the server's heap.
   */
  private void export(Connection db, int rows) throws Exception {
    String from;
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(
            "select created_at from executions order by created_at desc offset " + (rows - 1)
                + " limit 1")) {
      rs.next();
      from = rs.getObject(1, java.time.OffsetDateTime.class).toInstant().toString();
    }
    String load = loadavg();
    long heapBefore = heap();
    AtomicLong heapMax = new AtomicLong(heapBefore);
    AtomicBoolean exporting = new AtomicBoolean(true);
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      while (exporting.get()) {
        try {
          heapMax.accumulateAndGet(heap(), Math::max);
          Thread.sleep(100);
        } catch (Exception e) {
          return;
        }
      }
    });
    long t0 = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/workspaces/" + workspace
                + "/executions/export?format=csv&from=" + from))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .build();
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long firstByte = 0;
    long lines = 0;
    long bytes = 0;
    try (InputStream in = r.body()) {
      byte[] buf = new byte[1 << 16];
      int k;
      while ((k = in.read(buf)) > 0) {
        if (firstByte == 0) {
          firstByte = System.nanoTime();
        }
        bytes += k;
        for (int i = 0; i < k; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    exporting.set(false);
    sampler.join(5000);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("export answered " + r.statusCode());
    }
    line("| Export | rows | time | first byte | size | server heap used before → max during | goal | load |");
    line("|---|--:|--:|--:|--:|--:|--:|--|");
    line("| workspace CSV, newest %d runs | %d | %.2f s | %.0f ms | %.1f MB | %d → %d MB | < 10 s | %s |"
        .formatted(rows, lines - 1, seconds, (firstByte - t0) / 1e6, bytes / 1e6,
            heapBefore >> 20, heapMax.get() >> 20, load + " → " + loadavg()));
    log("export: " + (lines - 1) + " rows in " + fmt(seconds * 1000) + " ms, heap max "
        + (heapMax.get() >> 20) + " MB");
  }

  /**
   * Makes the daily retention purge due again (its job row's done_at cleared) and waits for the
   * server's housekeeping to take it (checked every minute), then times it; meanwhile triggers
   * runs one at a time and times trigger → running. The same triggers before it, for comparison.
   */
  private void purge(Connection db, int old) throws Exception {
    int triggers = positive(o, "purge-triggers");
    line("| Measure | n | p50 | p90 | p99 | max | goal | load |");
    line("|---|--:|--:|--:|--:|--:|--:|--|");
    String load = loadavg();
    double[][] idle = triggerLatency(triggers, null);
    String idleEnd = loadavg();
    row("manual trigger → running, client (POST → GET polled), before the purge", idle[0],
        "< 50 (p99)", load + " → " + idleEnd);
    row("manual trigger → running, server (startedAt − createdAt), before the purge", idle[1],
        "< 50 (p99)", load + " → " + idleEnd);
    try (Statement s = db.createStatement()) {
      s.executeUpdate("update housekeeping_jobs set done_at = null where name = 'retention'");
    }
    log("retention made due; waiting for housekeeping (checks every minute)");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!purgeRunning(db)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the retention purge did not start within 3 minutes");
      }
      Thread.sleep(50);
    }
    long t0 = System.nanoTime();
    String purgeLoad = loadavg();
    AtomicBoolean purging = new AtomicBoolean(true);
    List<double[]> during = new ArrayList<>();
    Thread triggerer = Thread.ofPlatform().daemon().start(() -> {
      try {
        while (purging.get()) {
          double[][] one = triggerLatency(1, purging);
          if (one[0].length == 1) {
            synchronized (during) {
              during.add(new double[] {one[0][0], one[1][0]});
            }
          }
        }
      } catch (Exception e) {
        log("trigger during the purge failed: " + e);
      }
    });
    long purgeDeadline = System.nanoTime() + PURGE_TIMEOUT.toNanos();
    while (purgeRunning(db)) {
      if (System.nanoTime() > purgeDeadline) {
        purging.set(false);
        throw new IllegalStateException("the retention purge did not end within 20 minutes");
      }
      Thread.sleep(200);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    purging.set(false);
    triggerer.join(RUNNING_TIMEOUT.toMillis());
    long left;
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(
            "select count(*) from executions where created_at < now() - interval '30 days'")) {
      rs.next();
      left = rs.getLong(1);
    }
    List<double[]> d;
    synchronized (during) {
      d = List.copyOf(during);
    }
    if (!d.isEmpty()) {
      String after = loadavg();
      row("manual trigger → running, client, during the purge",
          d.stream().mapToDouble(x -> x[0]).toArray(), "< 50 (p99)", purgeLoad + " → " + after);
      row("manual trigger → running, server, during the purge",
          d.stream().mapToDouble(x -> x[1]).toArray(), "< 50 (p99)", purgeLoad + " → " + after);
    }
    line("");
    line("Retention purge of %d runs older than 30 days: **%.1f s** (%.0f runs/s), %d left"
        .formatted(old, seconds, (old - left) / seconds, left)
        + " afterwards; load " + purgeLoad + " → " + loadavg() + ".");
    log("purge: " + fmt(seconds) + " s, " + left + " old runs left");
  }

  private static boolean purgeRunning(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(
            "select lease_owner is not null from housekeeping_jobs where name = 'retention'")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * Triggers {@code n} runs one after another, round-robin over the agents; for each, the time from
   * sending the POST until a GET of the run (polled every 2 ms) says it is running or done, and the
   * server's own stamps ({@code startedAt − createdAt}); client and server figures, in that order.
   */
  private double[][] triggerLatency(int n, AtomicBoolean stillWanted) throws Exception {
    double[] ms = new double[n];
    double[] server = new double[n];
    int k = 0;
    for (; k < n && (stillWanted == null || stillWanted.get()); k++) {
      String agent = agent((int) (System.nanoTime() / 1000 % agents.size()));
      long t0 = System.nanoTime();
      HttpResponse<String> r = send("POST", "/api/workspaces/" + workspace + "/agents/" + agent
          + "/trigger", "{}", true);
      if (r.statusCode() == 409) {
        k--;
        Thread.sleep(5);
        continue;
      }
      String id = field(expect(r, 202), "executionId");
      long deadline = t0 + RUNNING_TIMEOUT.toNanos();
      while (true) {
        String e = expect(send("GET", "/api/workspaces/" + workspace + "/executions/" + id, null,
            true), 200);
        String status = field(e, "status");
        if (!status.equals("queued")) {
          server[k] = Duration.between(Instant.parse(field(e, "createdAt")),
              Instant.parse(field(e, "startedAt"))).toNanos() / 1e6;
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("run " + id + " still queued after 30 s");
        }
        Thread.sleep(2);
      }
      ms[k] = (System.nanoTime() - t0) / 1e6;
      // Let the run end before the agent is picked again.
      Thread.sleep(20);
    }
    return new double[][] {Arrays.copyOf(ms, k), Arrays.copyOf(server, k)};
  }

  /** The server's used heap in bytes, from /actuator/prometheus. */
  private long heap() throws Exception {
    String metrics = expect(send("GET", "/actuator/prometheus", null, true), 200);
    Matcher m =
        Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.Ee+]+)$")
            .matcher(metrics);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return (long) total;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private HttpResponse<String> send(String method, String path, String body, boolean auth)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    if (auth) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String expect(HttpResponse<String> r, int... statuses) {
    for (int s : statuses) {
      if (r.statusCode() == s) {
        return r.body();
      }
    }
    String body = r.body();
    throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered "
        + r.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
  }

  /** The first string value of {@code "name"} in a JSON text (enough for these answers). */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no \"" + name + "\" in " + json.substring(0,
          Math.min(300, json.length())));
    }
    return m.group(1);
  }

  static double pct(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String loadavg() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private void line(String s) {
    report.append(s).append('\n');
    System.out.println(s);
  }

  static void log(String s) {
    System.err.println("[HistoryBench " + DateTimeFormatter.ofPattern("HH:mm:ss")
        .format(Instant.now().atOffset(ZoneOffset.UTC)) + "] " + s);
  }
}
