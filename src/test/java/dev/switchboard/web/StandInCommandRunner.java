package dev.switchboard.web;

import dev.switchboard.agent.AgentKind;
import dev.switchboard.run.Outcome;
import dev.switchboard.run.RunContext;
import dev.switchboard.run.Runner;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Until the process module (the real command runner) is on this branch, command agents have no
 * runner and fail at once. The "already running" page test needs a run that stays running, so this
 * stands in: it logs a line and waits until canceled (or 30 s). It steps aside as soon as {@code
 * dev.switchboard.process.CommandRunner} exists.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnMissingClass("dev.switchboard.process.CommandRunner")
class StandInCommandRunner {

  @Bean
  Runner standInCommandRunner() {
    return new Runner() {
      @Override
      public AgentKind kind() {
        return AgentKind.COMMAND;
      }

      @Override
      public Outcome run(RunContext context) {
        context.log("stdout", "stand-in command runner: waiting to be canceled");
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (!context.cancelRequested() && Instant.now().isBefore(end)) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        return context.cancelRequested()
            ? new Outcome.Canceled()
            : Outcome.completed(0, java.util.Map.of());
      }
    };
  }
}
