package dev.switchboard.ops;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Metrics, API docs and Swagger UI: only for owners and admins, over real HTTP. */
@Tag("db")
class OperatorSurfaceTest extends SwitchboardTestBase {

  private static final String[] SURFACE = {
    "/actuator/prometheus", "/v3/api-docs", "/swagger-ui/index.html"
  };

  @Test
  void anonymous_callers_get_401_with_the_error_envelope() {
    Api anonymous = Api.anonymous(port);
    for (String path : SURFACE) {
      Api.Response r = anonymous.get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.error().get("code").asString()).isEqualTo("UNAUTHORIZED");
    }
  }

  @Test
  void members_who_manage_no_workspace_get_403_and_owners_get_the_pages() {
    String email = "member-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, email, "member-pass-123", "member");
    Api member = Api.login(port, email, "member-pass-123");
    for (String path : SURFACE) {
      Api.Response refused = member.get(path);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.error().get("code").asString()).isEqualTo("FORBIDDEN");
      assertThat(owner.get(path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void the_pages_footer_links_docs_and_metrics_for_owners_only() {
    String email = "viewer-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, email, "viewer-pass-123", "viewer");
    Api viewer = Api.login(port, email, "viewer-pass-123");
    String agents = "/w/" + ws + "/agents";

    assertThat(owner.page(agents).expect(200).body())
        .contains("href=\"/swagger-ui\"")
        .contains("href=\"/actuator/prometheus\"");
    assertThat(viewer.page(agents).expect(200).body()).doesNotContain("/swagger-ui");
  }

  @Test
  void health_stays_open_and_exact() {
    Api.Response r = Api.anonymous(port).get("/actuator/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void swagger_ui_redirects_to_its_index() {
    Api.Response r = owner.get("/swagger-ui");
    assertThat(r.status()).isBetween(301, 308);
  }

  @Test
  void a_run_moves_the_run_counters_the_timers_and_the_log_line_count() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    Scrape before = scrape();

    Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "completed");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          Scrape after = scrape();
          for (String event : new String[] {"queued", "started", "completed"}) {
            assertThat(after.runs(event) - before.runs(event)).as(event).isGreaterThanOrEqualTo(1);
          }
          assertThat(
                  after.sum("switchboard_runs_queue_wait_seconds_count", "trigger=\"manual\"")
                      - before.sum(
                          "switchboard_runs_queue_wait_seconds_count", "trigger=\"manual\""))
              .isGreaterThanOrEqualTo(1);
          assertThat(
                  after.sum("switchboard_runs_duration_seconds_count", "trigger=\"manual\"")
                      - before.sum("switchboard_runs_duration_seconds_count", "trigger=\"manual\""))
              .isGreaterThanOrEqualTo(1);
          assertThat(after.sum("switchboard_runs_duration_seconds_bucket", "trigger=\"manual\""))
              .isPositive();
          assertThat(
                  after.sum("switchboard_runs_log_lines_total")
                      - before.sum("switchboard_runs_log_lines_total"))
              .isGreaterThanOrEqualTo(1);
        });
  }

  @Test
  void a_crm_change_times_its_outbox_delivery() {
    Scrape before = scrape();

    owner
        .post(
            "/api/workspaces/" + ws + "/contacts",
            Map.of("email", "lag-" + UUID.randomUUID() + "@test.local"))
        .expect(201);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(
                    scrape().sum("switchboard_outbox_lag_seconds_count")
                        - before.sum("switchboard_outbox_lag_seconds_count"))
                .isGreaterThanOrEqualTo(1));
  }

  @Test
  void the_queue_and_websocket_gauges_are_published() {
    Scrape now = scrape();
    assertThat(now.has("switchboard_queue_depth")).isTrue();
    assertThat(now.has("switchboard_queue_oldest_age_seconds")).isTrue();
    assertThat(now.has("switchboard_websocket_sessions")).isTrue();
    assertThat(now.sum("switchboard_queue_depth")).isGreaterThanOrEqualTo(0);
    assertThat(now.has("logback_events_total")).isTrue();
    assertThat(now.has("hikaricp_connections")).isTrue();
    assertThat(now.has("http_server_requests_seconds_count")).isTrue();
  }

  @Test
  void each_housekeeping_task_is_timed_turn_by_turn() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          Scrape now = scrape();
          for (String task : new String[] {"due waits", "expired leases", "daily totals"}) {
            assertThat(now.sum("switchboard_housekeeping_seconds_count", "task=\"" + task + "\""))
                .as(task)
                .isGreaterThanOrEqualTo(1);
          }
          assertThat(now.has("switchboard_housekeeping_seconds_max")).isTrue();
        });
  }

  private Scrape scrape() {
    return new Scrape(owner.get("/actuator/prometheus").expect(200).body());
  }

  /** One Prometheus text exposition. */
  record Scrape(String text) {

    double runs(String event) {
      return sum("switchboard_runs_total", "event=\"" + event + "\"", "trigger=\"manual\"");
    }

    boolean has(String metric) {
      return text.lines().anyMatch(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "));
    }

    /**
     * The sum of the samples of {@code metric} whose labels include every one of {@code labels}.
     */
    double sum(String metric, String... labels) {
      return text.lines()
          .filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
          .filter(l -> {
            for (String label : labels) {
              if (!l.contains(label)) {
                return false;
              }
            }
            return true;
          })
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    }
  }
}
