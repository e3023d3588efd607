package dev.switchboard.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Engine settings: {@code switchboard.workers} runs at once per node, the lease a worker holds on a
 * run (renewed by heartbeat at a third of it), the fallback poll when no wake-up arrives, how long
 * {@code /execute} waits, and how long a shutdown lets running runs finish before handing them back
 * to the queue.
 */
@ConfigurationProperties("switchboard")
public record RunSettings(
    int workers,
    Duration lease,
    Duration pollInterval,
    Duration executeTimeout,
    Duration shutdownGrace) {

  public RunSettings {
    workers = workers <= 0 ? 8 : workers;
    lease = lease == null ? Duration.ofSeconds(30) : lease;
    pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
    executeTimeout = executeTimeout == null ? Duration.ofMinutes(10) : executeTimeout;
    shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(10) : shutdownGrace;
  }
}
