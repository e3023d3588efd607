package dev.switchboard.ops;

import dev.switchboard.run.RunEvent;
import dev.switchboard.run.TriggerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts runs by what happened to them and what triggered them, and times their wait in the queue
 * and their work, from the engine's {@link RunEvent}s on this node.
 */
@Component
class RunMetrics implements RunEvent.Listener {

  private static final String PREFIX = "execution:";
  private static final Set<String> COUNTED =
      Set.of("queued", "started", "completed", "failed", "canceled", "waiting");

  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter logLines;
  // Registered once per set of tags: looking a meter up in the registry on each event costs more
  // than the increment it is for.
  private final Map<String, Counter> runs = new ConcurrentHashMap<>();
  private final Map<String, Timer> queueWaits = new ConcurrentHashMap<>();
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();

  RunMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.logLines =
        Counter.builder("switchboard.runs.log.lines")
            .description("Log lines written by runs")
            .register(registry);
  }

  @Override
  public void on(RunEvent event) {
    String name = event.event().startsWith(PREFIX) ? event.event().substring(PREFIX.length()) : "";
    if (name.equals("log")) {
      logLines.increment();
      return;
    }
    if (!COUNTED.contains(name) || event.isUpdate()) {
      return;
    }
    String trigger = trigger(event.triggerType());
    runs.computeIfAbsent(
            name + " " + trigger,
            key ->
                Counter.builder("switchboard.runs")
                    .description(
                        "Runs by what happened to them: queued, started, completed, failed, …")
                    .tags("event", name, "trigger", trigger)
                    .register(registry))
        .increment();
    if (name.equals("started") && event.createdAt() != null && event.startedAt() != null) {
      queueWaits
          .computeIfAbsent(
              trigger,
              t ->
                  timer(
                      "switchboard.runs.queue.wait", "From trigger to a worker taking the run", t))
          .record(Duration.between(event.createdAt(), event.startedAt()));
    }
    if ((name.equals("completed") || name.equals("failed")) && event.startedAt() != null) {
      durations
          .computeIfAbsent(
              trigger,
              t -> timer("switchboard.runs.duration", "From a worker taking the run to its end", t))
          .record(Duration.between(event.startedAt(), clock.instant()));
    }
  }

  private Timer timer(String name, String description, String trigger) {
    return Timer.builder(name)
        .description(description)
        .tag("trigger", trigger)
        .publishPercentileHistogram()
        .register(registry);
  }

  private static String trigger(TriggerType type) {
    return type == null ? "unknown" : type.wireName();
  }
}
