package dev.switchboard.ops;

import dev.switchboard.live.LiveSessions;
import dev.switchboard.run.Executions;
import dev.switchboard.run.QueuedRuns;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Gauges read at each scrape: the queue (asked of the engine) and the open WebSocket sessions. */
@Component
class OperatorGauges implements MeterBinder {

  private final Executions executions;
  private final LiveSessions sessions;
  private final Clock clock;

  OperatorGauges(Executions executions, LiveSessions sessions, Clock clock) {
    this.executions = executions;
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("switchboard.queue.depth", executions, e -> e.queued().count())
        .description("Runs queued for a worker, all workspaces")
        .register(registry);
    TimeGauge.builder(
            "switchboard.queue.oldest.age", this, TimeUnit.MILLISECONDS, g -> g.oldestAgeMillis())
        .description("How long the longest-queued run has waited")
        .register(registry);
    Gauge.builder("switchboard.websocket.sessions", sessions, LiveSessions::open)
        .description("WebSocket sessions open on this node")
        .register(registry);
  }

  private double oldestAgeMillis() {
    QueuedRuns queued = executions.queued();
    return queued.oldestCreatedAt() == null
        ? 0
        : Math.max(0, Duration.between(queued.oldestCreatedAt(), clock.instant()).toMillis());
  }
}
