package dev.switchboard.agent;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Triggers set with the agent (POST/PUT), validated naming the field, returned with ids. */
@Tag("db")
class TriggerDefinitionApiTest extends SwitchboardTestBase {

  private static final Map<String, Object> WEEKLY =
      Map.of(
          "type", "schedule",
          "frequency", "weekly",
          "time", "08:00",
          "dayOfWeek", "MONDAY",
          "timezone", "Europe/Berlin");

  @Test
  void triggers_come_back_with_ids_next_runs_and_a_webhook_url() {
    JsonNode agent =
        create(
            anAgent()
                .withTriggers(
                    Map.of(
                        "type",
                        "manual",
                        "filters",
                        List.of(Map.of("field", "createdAt", "operator", ">=", "value", "today"))),
                    WEEKLY,
                    Map.of(
                        "type",
                        "event",
                        "event",
                        "deal.stage_updated",
                        "condition",
                        Map.of("field", "deal.value", "operator", ">", "value", 10000)),
                    Map.of("type", "webhook"))
                .body());

    JsonNode triggers = owner.get(agentPath(agent)).expect(200).data().get("triggers");
    assertThat(triggers).hasSize(4);
    triggers.forEach(t -> assertThat(t.get("id").asString()).isNotBlank());
    JsonNode schedule = triggers.get(1);
    assertThat(schedule.get("nextRuns")).hasSize(5);
    OffsetDateTime first = OffsetDateTime.parse(schedule.get("nextRunAt").asString());
    assertThat(first.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
    assertThat(first.getHour()).isEqualTo(8);
    assertThat(first.getOffset().getTotalSeconds()).isIn(3600, 7200);
    assertThat(first.toInstant()).isAfter(clock.instant());
    assertThat(triggers.get(2).get("condition").get("operator").asString()).isEqualTo(">");
    assertThat(triggers.get(3).get("url").asString()).matches("/api/hooks/[A-Za-z0-9_-]{43}");
  }

  @Test
  void a_put_that_keeps_a_trigger_id_keeps_its_webhook_url() {
    JsonNode agent = create(anAgent().withTriggers(Map.of("type", "webhook")).body());
    JsonNode hook = agent.get("triggers").get(0);

    JsonNode updated =
        owner
            .put(
                agentPath(agent),
                Map.of(
                    "triggers",
                    List.of(WEEKLY, Map.of("type", "webhook", "id", hook.get("id").asString()))))
            .expect(200)
            .data();

    assertThat(updated.get("triggers").get(1).get("id").asString())
        .isEqualTo(hook.get("id").asString());
    assertThat(updated.get("triggers").get(1).get("url").asString())
        .isEqualTo(hook.get("url").asString());
    JsonNode cleared =
        owner.put(agentPath(agent), Map.of("triggers", List.of())).expect(200).data();
    assertThat(cleared.get("triggers")).isEmpty();
  }

  @Test
  void bad_triggers_are_refused_naming_the_field() {
    assertRefused(
        with("cron", Map.of("frequency", "cron", "cron", "61 * * * *")), "triggers[1].cron");
    assertRefused(with("cron", Map.of("frequency", "cron", "cron", "* * *")), "triggers[1].cron");
    assertRefused(
        with("cron", Map.of("frequency", "cron", "cron", "0 0 0 30 2 *")), "triggers[1].cron");
    assertRefused(with("time", Map.of("frequency", "daily", "time", "25:00")), "triggers[1].time");
    assertRefused(with("time", Map.of("frequency", "daily")), "triggers[1].time");
    assertRefused(
        with("day", Map.of("frequency", "weekly", "time", "09:00", "dayOfWeek", "FUNDAY")),
        "triggers[1].dayOfWeek");
    assertRefused(
        with("day", Map.of("frequency", "monthly", "time", "09:00", "dayOfMonth", 32)),
        "triggers[1].dayOfMonth");
    assertRefused(
        with("zone", Map.of("frequency", "daily", "time", "09:00", "timezone", "Mars/Olympus")),
        "triggers[1].timezone");
    assertRefused(with("frequency", Map.of("frequency", "hourly")), "triggers[1].frequency");
    assertRefused(
        List.of(Map.of("type", "webhook"), Map.of("type", "event", "event", "contact.deleted")),
        "triggers[1].event");
    assertRefused(
        List.of(
            Map.of("type", "webhook"),
            Map.of(
                "type",
                "event",
                "event",
                "deal.stage_updated",
                "condition",
                Map.of("field", "deal.value", "operator", "≈", "value", 1))),
        "triggers[1].condition.operator");
    assertRefused(List.of(Map.of("type", "sms")), "triggers[0].type");
    assertRefused(
        List.of(Map.of("type", "webhook", "id", java.util.UUID.randomUUID().toString())),
        "triggers[0].id");
  }

  private static List<Map<String, Object>> with(String what, Map<String, Object> schedule) {
    Map<String, Object> trigger = new java.util.HashMap<>(schedule);
    trigger.put("type", "schedule");
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(Map.of("type", "webhook"));
    out.add(trigger);
    return out;
  }

  private void assertRefused(List<Map<String, Object>> triggers, String field) {
    Map<String, Object> body = new java.util.HashMap<>(anAgent().body());
    body.put("triggers", triggers);
    Api.Response r = owner.post("/api/workspaces/" + ws + "/agents", body);
    assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo(field);
  }

  private JsonNode create(Map<String, Object> body) {
    return owner.post("/api/workspaces/" + ws + "/agents", body).expect(201).data();
  }

  private String agentPath(JsonNode agent) {
    return "/api/workspaces/" + ws + "/agents/" + agent.get("id").asString();
  }
}
