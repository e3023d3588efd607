package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class HistoryTest extends SwitchboardTestBase {

  @Test
  void history_pages_50_newest_first_and_filters_by_status_and_range() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    for (int i = 0; i < 60; i++) {
      jdbc.update(
          """
          insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
          status, created_at) values (?, ?, ?, 'History', 'scheduled', 'scheduler', ?, ?)\
          """,
          UUID.randomUUID(),
          UUID.fromString(ws),
          UUID.fromString(agent),
          i % 3 == 0 ? "failed" : "completed",
          clock.instant().minusSeconds(3600L * i).atOffset(ZoneOffset.UTC));
    }
    String base = "/api/workspaces/" + ws + "/agents/" + agent + "/executions";

    JsonNode first = owner.get(base).expect(200).data();
    JsonNode second = owner.get(base + "?page=2").data();
    JsonNode failed = owner.get(base + "?status=failed").data();
    JsonNode lastDay = owner.get(base + "?range=24h").data();

    assertThat(first.get("items")).hasSize(50);
    assertThat(first.get("total").asInt()).isEqualTo(60);
    assertThat(second.get("items")).hasSize(10);
    List<String> created = new ArrayList<>();
    first.get("items").forEach(r -> created.add(r.get("createdAt").asString()));
    assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(failed.get("total").asInt()).isEqualTo(20);
    assertThat(lastDay.get("total").asInt()).isEqualTo(24);
    assertThat(owner.get(base + "?status=bogus").status()).isEqualTo(400);
  }

  @Test
  void a_deleted_agent_keeps_its_history_flagged_with_its_name() {
    String agent =
        anAgent()
            .named("Outbound Campaign")
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    String run = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, run, "completed");

    owner.delete("/api/workspaces/" + ws + "/agents/" + agent).expect(200);

    JsonNode detail = Runs.get(owner, ws, run);
    assertThat(detail.get("agentDeleted").asBoolean()).isTrue();
    assertThat(detail.get("agentName").asString()).isEqualTo("Outbound Campaign");
    assertThat(
            owner.get("/api/workspaces/" + ws + "/agents/" + agent).data().get("status").asString())
        .isEqualTo("archived");
    assertThat(owner.post("/api/workspaces/" + ws + "/agents/" + agent + "/trigger", null).status())
        .isEqualTo(409);
  }

  @Test
  void history_search_takes_percent_underscore_and_backslash_literally() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    for (String by : List.of("50% off", "a_b", "back\\slash", "plain", "QZ")) {
      jdbc.update(
          """
          insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
          status, created_at) values (?, ?, ?, 'History', 'scheduled', ?, 'completed', ?)\
          """,
          UUID.randomUUID(),
          UUID.fromString(ws),
          UUID.fromString(agent),
          by,
          clock.instant().atOffset(ZoneOffset.UTC));
    }
    String base = "/api/workspaces/" + ws + "/agents/" + agent + "/executions?search=";

    assertThat(triggers(owner.get(base + "%25").expect(200).data())).containsExactly("50% off");
    assertThat(triggers(owner.get(base + "_").expect(200).data())).containsExactly("a_b");
    assertThat(triggers(owner.get(base + "%5C").expect(200).data())).containsExactly("back\\slash");
    // not hex, so no run's id can start with it (a search also takes an id prefix)
    assertThat(triggers(owner.get(base + "qz").expect(200).data())).containsExactly("QZ");
  }

  @Test
  void the_total_counts_to_10000_then_says_more_and_the_pages_beyond_still_answer() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i <= Executions.COUNTED; i++) {
      rows.add(
          new Object[] {
            UUID.randomUUID(),
            UUID.fromString(ws),
            UUID.fromString(agent),
            clock.instant().minusSeconds(i).atOffset(ZoneOffset.UTC)
          });
    }
    jdbc.batchUpdate(
        """
        insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
        status, created_at) values (?, ?, ?, 'Many', 'scheduled', 'scheduler', 'completed', ?)\
        """,
        rows);
    String base = "/api/workspaces/" + ws + "/agents/" + agent + "/executions";

    JsonNode first = owner.get(base).expect(200).data();
    JsonNode beyond = owner.get(base + "?page=201").expect(200).data();
    JsonNode exact = owner.get(base + "?search=many").expect(200).data();

    assertThat(first.get("total").asInt()).isEqualTo(Executions.COUNTED);
    assertThat(first.get("totalCapped").asBoolean()).isTrue();
    assertThat(first.get("pages").asInt()).isEqualTo(Executions.COUNTED / HistoryQuery.PAGE_SIZE);
    assertThat(beyond.get("items")).hasSize(1);
    // A substring search reads the newest 10,000 runs, so it counts them exactly.
    assertThat(exact.get("total").asInt()).isEqualTo(HistoryQuery.SUBSTRING_WINDOW);
    assertThat(exact.get("totalCapped").asBoolean()).isFalse();
  }

  @Test
  void a_search_counts_its_rows_on_every_page_also_past_the_last_one() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    for (int i = 0; i < 70; i++) {
      jdbc.update(
          """
          insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
          status, created_at) values (?, ?, ?, 'History', 'scheduled', ?, 'completed', ?)\
          """,
          UUID.randomUUID(),
          UUID.fromString(ws),
          UUID.fromString(agent),
          i < 60 ? "needle " + i : "hay " + i,
          clock.instant().minusSeconds(60L * i).atOffset(ZoneOffset.UTC));
    }
    String base = "/api/workspaces/" + ws + "/executions?search=";

    JsonNode first = owner.get(base + "needle").expect(200).data();
    JsonNode second = owner.get(base + "needle&page=2").expect(200).data();
    JsonNode past = owner.get(base + "needle&page=3").expect(200).data();
    JsonNode none = owner.get(base + "straw").expect(200).data();

    assertThat(first.get("items")).hasSize(50);
    assertThat(second.get("items")).hasSize(10);
    assertThat(past.get("items")).isEmpty();
    for (JsonNode page : List.of(first, second, past)) {
      assertThat(page.get("total").asInt()).isEqualTo(60);
      assertThat(page.get("pages").asInt()).isEqualTo(2);
      assertThat(page.get("totalCapped").asBoolean()).isFalse();
    }
    assertThat(triggers(second)).allMatch(t -> t.startsWith("needle "));
    assertThat(none.get("total").asInt()).isZero();
    assertThat(none.get("items")).isEmpty();
  }

  @Test
  void queued_rows_of_the_list_say_why_they_wait_as_the_run_itself_does() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    UUID head = UUID.randomUUID();
    jdbc.update(
        """
        insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
        status, head_agent_id, created_at, started_at, lease_owner, lease_until)
        values (?, ?, ?, 'Busy', 'manual', 'user', 'running', ?, ?, ?, 'elsewhere', ?)\
        """,
        head,
        UUID.fromString(ws),
        UUID.fromString(agent),
        UUID.fromString(agent),
        clock.instant().minusSeconds(10).atOffset(ZoneOffset.UTC),
        clock.instant().minusSeconds(10).atOffset(ZoneOffset.UTC),
        clock.instant().plusSeconds(3600).atOffset(ZoneOffset.UTC));
    List<String> behind = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      UUID id = UUID.randomUUID();
      behind.add(id.toString());
      jdbc.update(
          """
          insert into executions (id, workspace_id, agent_id, agent_name, trigger_type, triggered_by,
          status, created_at) values (?, ?, ?, 'Busy', 'manual', 'user', 'queued', ?)\
          """,
          id,
          UUID.fromString(ws),
          UUID.fromString(agent),
          clock.instant().minusSeconds(5 - i).atOffset(ZoneOffset.UTC));
    }

    JsonNode items =
        owner.get("/api/workspaces/" + ws + "/agents/" + agent + "/executions").data().get("items");

    assertThat(items).hasSize(3);
    for (JsonNode row : items) {
      String id = row.get("executionId").asString();
      if (id.equals(head.toString())) {
        assertThat(row.has("queuePosition")).isFalse();
        continue;
      }
      JsonNode detail = owner.get("/api/workspaces/" + ws + "/executions/" + id).data();
      assertThat(row.get("queuePosition").asInt()).isEqualTo(behind.indexOf(id) + 1);
      assertThat(row.get("queueReason").get("code").asString()).isEqualTo("agent_busy");
      assertThat(row.get("queueReason").get("message").asString()).contains(head.toString());
      for (String field : List.of("queuePosition", "queueReason", "estimatedStartAt")) {
        assertThat(row.get(field)).as(field).isEqualTo(detail.get(field));
      }
    }
    jdbc.update(
        "update executions set status = 'canceled', head_agent_id = null where id = ?", head);
  }

  private static List<String> triggers(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(r -> out.add(r.get("triggeredBy").asString()));
    return out;
  }
}
