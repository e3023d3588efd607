package dev.switchboard;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Health says UP only once start-up is complete (the first owner and demo workspace created), so
 * "{@code GET /actuator/health} answers UP" really means Switchboard can take requests.
 */
@Component
class StartupHealth implements HealthIndicator {

  private volatile boolean ready;

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    ready = true;
  }

  @Override
  public Health health() {
    return ready ? Health.up().build() : Health.outOfService().build();
  }
}
