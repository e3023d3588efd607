package dev.switchboard.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the system clock with one tests can move forward. */
@TestConfiguration
public class TestClockConfig {

  @Bean
  @Primary
  MovableClock movableClock() {
    return new MovableClock();
  }
}
