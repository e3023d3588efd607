package dev.switchboard.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.TriggerDefinition.Schedule;
import dev.switchboard.agent.TriggerDefinition.Schedule.Frequency;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DueSlotsTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Schedule EVERY_TEN_MINUTES =
      new Schedule(
          UUID.randomUUID(), Frequency.CRON, null, null, null, "*/10 * * * *", ZoneId.of("UTC"));

  @Test
  void nothing_is_due_before_the_next_slot() {
    DueSlots due = DueSlots.of(EVERY_TEN_MINUTES, at("10:00:00"), at("10:09:59"), HOUR);

    assertThat(due.isEmpty()).isTrue();
  }

  @Test
  void the_one_due_slot_fires() {
    DueSlots due = DueSlots.of(EVERY_TEN_MINUTES, at("10:00:00"), at("10:10:00"), HOUR);

    assertThat(due.fire()).isEqualTo(at("10:10:00"));
    assertThat(due.coalesced()).isEmpty();
    assertThat(due.missed()).isEmpty();
  }

  @Test
  void slots_within_the_catch_up_window_coalesce_and_older_ones_are_missed() {
    DueSlots due = DueSlots.of(EVERY_TEN_MINUTES, at("08:00:00"), at("09:35:00"), HOUR);

    assertThat(due.missed()).containsExactly(at("08:10:00"), at("08:20:00"), at("08:30:00"));
    assertThat(due.coalesced())
        .containsExactly(
            at("08:40:00"), at("08:50:00"), at("09:00:00"), at("09:10:00"), at("09:20:00"));
    assertThat(due.fire()).isEqualTo(at("09:30:00"));
  }

  @Test
  void a_long_outage_records_a_bounded_number_of_missed_slots() {
    Schedule everySecond =
        new Schedule(
            UUID.randomUUID(), Frequency.CRON, null, null, null, "* * * * * *", ZoneId.of("UTC"));

    DueSlots due =
        DueSlots.of(everySecond, at("00:00:00"), at("00:00:00").plus(Duration.ofHours(5)), HOUR);

    assertThat(due.missed()).hasSize(DueSlots.MAX_RECORDED);
    assertThat(due.coalesced()).hasSize(DueSlots.MAX_RECORDED);
    assertThat(due.fire()).isEqualTo(at("05:00:00"));
  }

  private static Instant at(String time) {
    return Instant.parse("2026-06-01T" + time + "Z");
  }
}
