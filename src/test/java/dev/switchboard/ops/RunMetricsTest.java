package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.run.RunEvent;
import dev.switchboard.run.TriggerType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each run event counts on its meter, which is registered once and then kept. */
class RunMetricsTest {

  private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RunMetrics metrics = new RunMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void events_count_per_event_and_trigger_and_time_the_wait_and_the_work() {
    for (int i = 0; i < 3; i++) {
      metrics.on(event("execution:started", TriggerType.MANUAL));
      metrics.on(event("execution:completed", TriggerType.MANUAL));
    }
    metrics.on(event("execution:started", TriggerType.SCHEDULED));
    metrics.on(event("execution:failed", TriggerType.SCHEDULED));
    metrics.on(event("execution:log", TriggerType.SCHEDULED));
    metrics.on(
        new RunEvent(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            null,
            null,
            null,
            null,
            "execution:queued",
            Map.of()));

    assertThat(count("started", "manual")).isEqualTo(3);
    assertThat(count("completed", "manual")).isEqualTo(3);
    assertThat(count("started", "scheduled")).isEqualTo(1);
    assertThat(count("failed", "scheduled")).isEqualTo(1);
    assertThat(registry.find("switchboard.runs").counters()).hasSize(4);
    assertThat(registry.get("switchboard.runs.log.lines").counter().count()).isEqualTo(1);
    assertThat(registry.get("switchboard.runs.queue.wait").tag("trigger", "manual").timer().count())
        .isEqualTo(3);
    assertThat(
            registry
                .get("switchboard.runs.queue.wait")
                .tag("trigger", "manual")
                .timer()
                .totalTime(TimeUnit.SECONDS))
        .isEqualTo(3 * 5.0);
    assertThat(registry.get("switchboard.runs.duration").tag("trigger", "manual").timer().count())
        .isEqualTo(3);
    assertThat(
            registry.get("switchboard.runs.duration").tag("trigger", "scheduled").timer().count())
        .isEqualTo(1);
  }

  private double count(String event, String trigger) {
    return registry
        .get("switchboard.runs")
        .tags("event", event, "trigger", trigger)
        .counter()
        .count();
  }

  /** A run triggered a minute ago that a worker took 5 s later. */
  private static RunEvent event(String name, TriggerType trigger) {
    Instant created = NOW.minus(Duration.ofMinutes(1));
    return new RunEvent(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        null,
        trigger,
        created,
        created.plusSeconds(5),
        name,
        Map.of());
  }
}
