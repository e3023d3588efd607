package dev.switchboard.integration;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** Exponential backoff between retries of a transient failure: base, 2 × base, 4 × base. */
@Component
class Backoff {

  /** Retries after the first attempt (SPEC: 3). */
  static final int RETRIES = 3;

  private final Duration base;

  Backoff(IntegrationProperties properties) {
    this.base = properties.retryBaseDelay();
  }

  /** Waits before retry number {@code retry} (1-based); false when interrupted. */
  boolean pause(int retry) {
    try {
      Thread.sleep(base.multipliedBy(1L << (retry - 1)));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
