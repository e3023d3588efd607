package dev.switchboard.trigger;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.AgentBuilder;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Schedules fire through the slot ledger: once per slot, with each outcome recorded. */
@Tag("db")
class ScheduleFiringTest extends SwitchboardTestBase {

  private static final Map<String, Object> HOURLY =
      Map.of("type", "schedule", "frequency", "cron", "cron", "0 * * * *");

  @Autowired ScheduleTicker ticker;

  @Test
  void a_due_slot_starts_one_scheduled_run_and_is_recorded_started() {
    JsonNode agent = create(quickAgent().live().withTriggers(HOURLY));

    moveToNextSlot(agent);
    ticker.tick();
    ticker.tick();

    List<JsonNode> slots = slots(agent);
    assertThat(slots).hasSize(1);
    assertThat(slots.getFirst().get("outcome").asString()).isEqualTo("started");
    JsonNode run =
        Runs.awaitStatus(owner, ws, slots.getFirst().get("executionId").asString(), "completed");
    assertThat(run.get("triggerType").asString()).isEqualTo("scheduled");
  }

  @Test
  void a_paused_agent_gets_a_skipped_run_and_keeps_its_schedule() {
    JsonNode agent = create(quickAgent().live().withTriggers(HOURLY));
    owner.post(agentPath(agent) + "/status", Map.of("status", "paused")).expect(200);

    moveToNextSlot(agent);
    ticker.tick();

    JsonNode slot = slots(agent).getFirst();
    assertThat(slot.get("outcome").asString()).isEqualTo("skipped");
    assertThat(slot.get("reason").asString()).isEqualTo("Skipped: Agent paused");
    JsonNode run = Runs.get(owner, ws, slot.get("executionId").asString());
    assertThat(run.get("status").asString()).isEqualTo("skipped");
    assertThat(owner.get(agentPath(agent)).data().get("triggers").get(0).get("nextRunAt").isNull())
        .isFalse();
  }

  @Test
  void a_draft_agent_gets_a_skipped_run_for_its_slot() {
    JsonNode agent = create(quickAgent().draft().withTriggers(HOURLY));

    moveToNextSlot(agent);
    ticker.tick();

    List<JsonNode> slots = slots(agent);
    assertThat(slots).hasSize(1);
    JsonNode slot = slots.getFirst();
    assertThat(slot.get("outcome").asString()).isEqualTo("skipped");
    assertThat(slot.get("reason").asString()).isEqualTo("Skipped: Agent is a draft");
    assertThat(Runs.get(owner, ws, slot.get("executionId").asString()).get("status").asString())
        .isEqualTo("skipped");
  }

  @Test
  void a_slot_while_a_run_is_active_queues_behind_it_and_tells_the_owners() {
    JsonNode agent = create(aCommandAgent("sleep", "30").live().withTriggers(HOURLY));
    String running = Runs.trigger(owner, ws, agent.get("id").asString());
    Runs.awaitStatus(owner, ws, running, "running");

    moveToNextSlot(agent);
    ticker.tick();

    JsonNode slot = slots(agent).getFirst();
    assertThat(slot.get("outcome").asString()).isEqualTo("queued");
    assertThat(Runs.get(owner, ws, slot.get("executionId").asString()).get("status").asString())
        .isEqualTo("queued");
    assertThat(owner.get("/api/workspaces/" + ws + "/notifications").body())
        .contains(ScheduleFirer.QUEUED_NOTICE);
    owner.post(
        "/api/workspaces/" + ws + "/executions/" + slot.get("executionId").asString() + "/cancel",
        null);
    owner.post("/api/workspaces/" + ws + "/executions/" + running + "/stop", null);
  }

  @Test
  void slots_missed_while_down_coalesce_within_the_catch_up_and_older_ones_are_skipped() {
    JsonNode agent =
        create(
            quickAgent()
                .live()
                .withTriggers(
                    Map.of("type", "schedule", "frequency", "cron", "cron", "*/10 * * * *")));

    clock.advance(Duration.ofMinutes(130));
    ticker.tick();

    List<JsonNode> slots = slots(agent);
    List<JsonNode> fired =
        slots.stream().filter(s -> s.get("outcome").asString().equals("started")).toList();
    List<JsonNode> coalesced =
        slots.stream().filter(s -> s.get("outcome").asString().equals("coalesced")).toList();
    List<JsonNode> missed =
        slots.stream().filter(s -> s.get("outcome").asString().equals("skipped")).toList();
    assertThat(fired).hasSize(1);
    assertThat(coalesced).hasSizeBetween(4, 5);
    assertThat(missed).hasSizeBetween(6, 7);
    assertThat(slots).hasSize(13);
    missed.forEach(s -> assertThat(s.get("reason").asString()).isEqualTo(ScheduleFirer.MISSED));
    String runId = fired.getFirst().get("executionId").asString();
    coalesced.forEach(s -> assertThat(s.get("executionId").asString()).isEqualTo(runId));
    assertThat(Instant.parse(fired.getFirst().get("slotAt").asString()))
        .isAfter(Instant.parse(coalesced.getFirst().get("slotAt").asString()));
    Integer scheduledRuns =
        jdbc.queryForObject(
            "select count(*) from executions where agent_id = ? and trigger_type = 'scheduled'",
            Integer.class,
            UUID.fromString(agent.get("id").asString()));
    assertThat(scheduledRuns).isEqualTo(1);
  }

  @Test
  void three_failed_scheduled_runs_in_a_row_notify_the_owners_once() {
    JsonNode agent = create(aCommandAgent("false").live().withTriggers(HOURLY));
    String name = agent.get("name").asString();
    String notice = "Agent '" + name + "' failed 3 scheduled runs in a row";

    for (int i = 0; i < 4; i++) {
      moveToNextSlot(agent);
      ticker.tick();
      Runs.awaitStatus(owner, ws, slots(agent).getFirst().get("executionId").asString(), "failed");
    }

    String body = owner.get("/api/workspaces/" + ws + "/notifications").body();
    assertThat(body.split(java.util.regex.Pattern.quote(notice), -1)).hasSize(2);
    assertThat(owner.get(agentPath(agent)).data().get("triggers")).hasSize(1);
  }

  @Test
  void a_changed_schedule_counts_from_the_edit_with_no_missed_slots_and_no_run_at_once() {
    JsonNode agent =
        create(
            quickAgent()
                .live()
                .withTriggers(Map.of("type", "schedule", "frequency", "daily", "time", "09:00")));
    moveToNextSlot(agent);
    ticker.tick();
    assertThat(slots(agent)).hasSize(1);

    clock.advance(Duration.ofHours(6)); // 15:00, six hours after the last 09:00 slot
    String triggerId = triggerOf(agent).get("id").asString();
    owner
        .put(
            agentPath(agent),
            Map.of(
                "triggers",
                List.of(
                    Map.of(
                        "id",
                        triggerId,
                        "type",
                        "schedule",
                        "frequency",
                        "cron",
                        "cron",
                        "*/10 * * * *"))))
        .expect(200);
    ticker.tick();

    assertThat(slots(agent)).hasSize(1);
    assertThat(scheduledRuns(agent)).isEqualTo(1);

    moveToNextSlot(agent);
    ticker.tick();

    List<JsonNode> slots = slots(agent);
    assertThat(slots).hasSize(2);
    assertThat(slots.getFirst().get("outcome").asString()).isEqualTo("started");
    assertThat(
            Instant.parse(slots.getFirst().get("slotAt").asString())
                    .atZone(java.time.ZoneOffset.UTC)
                    .getMinute()
                % 10)
        .isZero();
    assertThat(scheduledRuns(agent)).isEqualTo(2);
  }

  @Test
  void saving_an_unchanged_schedule_keeps_its_due_slot() {
    JsonNode agent = create(quickAgent().live().withTriggers(HOURLY));
    moveToNextSlot(agent);
    JsonNode trigger = triggerOf(agent);

    owner
        .put(
            agentPath(agent),
            Map.of(
                "triggers",
                List.of(
                    Map.of(
                        "id",
                        trigger.get("id").asString(),
                        "type",
                        "schedule",
                        "frequency",
                        "cron",
                        "cron",
                        "0 * * * *"))))
        .expect(200);
    ticker.tick();

    List<JsonNode> slots = slots(agent);
    assertThat(slots).hasSize(1);
    assertThat(slots.getFirst().get("outcome").asString()).isEqualTo("started");
  }

  @Test
  void the_daily_budget_blocks_a_scheduled_run_pauses_the_agent_and_notifies_the_owners() {
    JsonNode agent =
        create(
            quickAgent()
                .live()
                .withLimits(10, 1)
                .withTriggers(
                    Map.of("type", "schedule", "frequency", "cron", "cron", "* * * * *")));
    moveToNextSlot(agent);
    ticker.tick();
    Runs.awaitStatus(owner, ws, slots(agent).getFirst().get("executionId").asString(), "completed");

    moveToNextSlot(agent);
    ticker.tick();

    JsonNode blocked = slots(agent).getFirst();
    assertThat(blocked.get("outcome").asString()).isEqualTo("skipped");
    assertThat(blocked.get("reason").asString()).isEqualTo("Agent paused: execution limit reached");
    assertThat(scheduledRuns(agent)).isEqualTo(1);
    assertThat(owner.get(agentPath(agent)).data().get("status").asString()).isEqualTo("paused");
    String link = "/w/" + ws + "/agents/" + agent.get("id").asString();
    List<String> told = new ArrayList<>();
    owner
        .get("/api/workspaces/" + ws + "/notifications")
        .data()
        .get("items")
        .forEach(n -> {
          if (n.get("link").asString().equals(link)) {
            told.add(n.get("message").asString());
          }
        });
    assertThat(told).containsExactly("Agent paused: execution limit reached");
  }

  private JsonNode triggerOf(JsonNode agent) {
    return owner.get(agentPath(agent)).data().get("triggers").get(0);
  }

  private int scheduledRuns(JsonNode agent) {
    return jdbc.queryForObject(
        "select count(*) from executions where agent_id = ? and trigger_type = 'scheduled'",
        Integer.class,
        UUID.fromString(agent.get("id").asString()));
  }

  private static AgentBuilder quickAgent() {
    return anAgent().withSteps(step("remember", Map.of("key", "k", "value", "v")));
  }

  private void moveToNextSlot(JsonNode agent) {
    Instant next =
        Instant.parse(
            java.time.OffsetDateTime.parse(
                    owner
                        .get(agentPath(agent))
                        .data()
                        .get("triggers")
                        .get(0)
                        .get("nextRunAt")
                        .asString())
                .toInstant()
                .toString());
    clock.advance(Duration.between(clock.instant(), next).plusMillis(500));
  }

  private JsonNode create(AgentBuilder builder) {
    return owner.post("/api/workspaces/" + ws + "/agents", builder.body()).expect(201).data();
  }

  private List<JsonNode> slots(JsonNode agent) {
    List<JsonNode> out = new ArrayList<>();
    owner.get(agentPath(agent) + "/schedule-slots").expect(200).data().forEach(out::add);
    return out;
  }

  private String agentPath(JsonNode agent) {
    return "/api/workspaces/" + ws + "/agents/" + agent.get("id").asString();
  }
}
