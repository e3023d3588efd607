package dev.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.TriggerDefinition.Schedule;
import dev.switchboard.agent.TriggerDefinition.Schedule.Frequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Fire times of schedules, from fixed instants: presets, cron, short months and DST. */
class ScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void daily_fires_at_the_local_time_of_its_zone() {
    Schedule daily = preset(Frequency.DAILY, "09:00", null, null, BERLIN);

    assertThat(times(daily, "2026-01-10T10:00:00Z", 2, BERLIN))
        .containsExactly("2026-01-11T09:00+01:00", "2026-01-12T09:00+01:00");
  }

  @Test
  void weekly_fires_on_its_day() {
    Schedule weekly = preset(Frequency.WEEKLY, "08:00", DayOfWeek.MONDAY, null, BERLIN);

    // 2026-06-03 is a Wednesday.
    assertThat(times(weekly, "2026-06-03T00:00:00Z", 2, BERLIN))
        .containsExactly("2026-06-08T08:00+02:00", "2026-06-15T08:00+02:00");
  }

  @Test
  void day_31_fires_on_the_last_day_of_shorter_months() {
    Schedule monthly = preset(Frequency.MONTHLY, "07:30", null, 31, ZoneId.of("UTC"));

    assertThat(times(monthly, "2027-01-15T00:00:00Z", 5, ZoneId.of("UTC")))
        .containsExactly(
            "2027-01-31T07:30Z",
            "2027-02-28T07:30Z",
            "2027-03-31T07:30Z",
            "2027-04-30T07:30Z",
            "2027-05-31T07:30Z");
  }

  @Test
  void day_30_fires_on_february_29_in_a_leap_year() {
    Schedule monthly = preset(Frequency.MONTHLY, "07:30", null, 30, ZoneId.of("UTC"));

    assertThat(times(monthly, "2028-02-01T00:00:00Z", 2, ZoneId.of("UTC")))
        .containsExactly("2028-02-29T07:30Z", "2028-03-30T07:30Z");
  }

  @Test
  void a_time_in_the_spring_gap_fires_at_the_first_instant_after_it_in_berlin() {
    Schedule daily = preset(Frequency.DAILY, "02:30", null, null, BERLIN);

    assertThat(times(daily, "2026-03-28T12:00:00Z", 3, BERLIN))
        .containsExactly(
            "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00", "2026-03-31T02:30+02:00");
  }

  @Test
  void a_time_in_the_spring_gap_fires_at_the_first_instant_after_it_in_new_york() {
    Schedule daily = preset(Frequency.DAILY, "02:30", null, null, NEW_YORK);

    assertThat(times(daily, "2026-03-07T12:00:00Z", 3, NEW_YORK))
        .containsExactly(
            "2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00", "2026-03-10T02:30-04:00");
  }

  @Test
  void a_time_that_occurs_twice_in_autumn_fires_once_in_berlin() {
    Schedule daily = preset(Frequency.DAILY, "02:30", null, null, BERLIN);

    assertThat(times(daily, "2026-10-24T12:00:00Z", 2, BERLIN))
        .containsExactly("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
  }

  @Test
  void a_time_that_occurs_twice_in_autumn_fires_once_in_new_york() {
    Schedule daily = preset(Frequency.DAILY, "01:30", null, null, NEW_YORK);

    assertThat(times(daily, "2026-10-31T12:00:00Z", 2, NEW_YORK))
        .containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
  }

  @Test
  void an_hourly_cron_fires_once_in_the_repeated_hour_and_once_for_the_missing_one() {
    Schedule hourly = cron("30 * * * *", NEW_YORK);

    assertThat(times(hourly, "2026-11-01T04:00:00Z", 3, NEW_YORK))
        .containsExactly(
            "2026-11-01T00:30-04:00", "2026-11-01T01:30-04:00", "2026-11-01T02:30-05:00");
    assertThat(times(cron("0 30 * * * *", BERLIN), "2026-03-29T00:00:00Z", 3, BERLIN))
        .containsExactly(
            "2026-03-29T01:30+01:00", "2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00");
  }

  @Test
  void a_six_field_cron_fires_every_second() {
    Schedule everySecond = cron("* * * * * *", ZoneId.of("UTC"));

    assertThat(everySecond.nextRuns(Instant.parse("2026-05-01T10:00:00Z"), 3))
        .containsExactly(
            Instant.parse("2026-05-01T10:00:01Z"),
            Instant.parse("2026-05-01T10:00:02Z"),
            Instant.parse("2026-05-01T10:00:03Z"));
  }

  private static Schedule preset(
      Frequency frequency, String time, DayOfWeek day, Integer dayOfMonth, ZoneId zone) {
    return new Schedule(
        UUID.randomUUID(), frequency, LocalTime.parse(time), day, dayOfMonth, null, zone);
  }

  private static Schedule cron(String cron, ZoneId zone) {
    return new Schedule(UUID.randomUUID(), Frequency.CRON, null, null, null, cron, zone);
  }

  private static List<String> times(Schedule schedule, String from, int count, ZoneId zone) {
    return schedule.nextRuns(Instant.parse(from), count).stream()
        .map(at -> OffsetDateTime.ofInstant(at, zone).toString())
        .toList();
  }
}
