package dev.switchboard.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.AgentKind;
import dev.switchboard.run.Runner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Only the bean itself, in a context of its own: the engine's wiring is tested with the engine. */
class CommandRunnerBeanTest {

  @TempDir Path dataDir;

  @Test
  void is_the_runner_bean_for_command_agents() {
    new ApplicationContextRunner()
        .withBean(CommandRunner.class)
        .withPropertyValues("switchboard.data-dir=" + dataDir)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Runner.class);
          assertThat(context.getBean(Runner.class).kind()).isEqualTo(AgentKind.COMMAND);
        });
  }
}
