package dev.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.SwitchboardTestBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The editor's preview of a schedule: the fire times GET would give it, or the 400 naming the
 * field.
 */
@Tag("db")
class TriggerPreviewTest extends SwitchboardTestBase {

  @Test
  void a_schedule_previews_its_next_five_fire_times_in_its_zone() {
    JsonNode data =
        preview(
                Map.of(
                    "type", "schedule",
                    "frequency", "weekly",
                    "time", "08:00",
                    "dayOfWeek", "MONDAY",
                    "timezone", "Europe/Berlin"))
            .expect(200)
            .data();

    List<OffsetDateTime> runs = new ArrayList<>();
    data.get("nextRuns").forEach(n -> runs.add(OffsetDateTime.parse(n.asString())));
    assertThat(runs).hasSize(5);
    assertThat(data.get("nextRunAt").asString()).isEqualTo(data.get("nextRuns").get(0).asString());
    assertThat(runs.getFirst().toInstant()).isAfter(clock.instant());
    for (int i = 0; i < runs.size(); i++) {
      assertThat(runs.get(i).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
      assertThat(runs.get(i).getHour()).isEqualTo(8);
      if (i > 0) {
        assertThat(runs.get(i).toInstant()).isAfter(runs.get(i - 1).toInstant());
      }
    }
  }

  @Test
  void a_bad_schedule_is_refused_naming_the_field() {
    assertRefused(
        Map.of("type", "schedule", "frequency", "cron", "cron", "61 * * * *"), "trigger.cron");
    assertRefused(
        Map.of("type", "schedule", "frequency", "daily", "time", "25:00"), "trigger.time");
    assertRefused(
        Map.of("type", "schedule", "frequency", "daily", "time", "09:00", "timezone", "Mars/X"),
        "trigger.timezone");
    assertRefused(Map.of("type", "webhook"), "trigger.type");
    assertRefused(null, "trigger");
  }

  @Test
  void viewers_cannot_preview() {
    String email = "preview-viewer-" + System.nanoTime() + "@test.local";
    owner.addMember(ws, email, "viewer-pass-1", "viewer");
    var viewer = dev.switchboard.support.Api.login(port, email, "viewer-pass-1");
    assertThat(
            viewer
                .post(
                    "/api/workspaces/" + ws + "/triggers/preview",
                    Map.of(
                        "trigger",
                        Map.of("type", "schedule", "frequency", "cron", "cron", "* * * * *")))
                .status())
        .isEqualTo(403);
  }

  private void assertRefused(Map<String, Object> trigger, String field) {
    var r = preview(trigger);
    assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo(field);
  }

  private dev.switchboard.support.Api.Response preview(Map<String, Object> trigger) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("trigger", trigger);
    return owner.post("/api/workspaces/" + ws + "/triggers/preview", body);
  }
}
