package dev.switchboard.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.AgentKind;
import dev.switchboard.agent.CommandRules;
import dev.switchboard.agent.WorkspaceJobs;
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
        .withBean(WorkspaceJobs.class)
        .withBean(CommandRules.class)
        .withBean(Launcher.class)
        .withBean(ProcessGroups.class, () -> (executionId, leader) -> () -> {})
        .withBean(CommandRunner.class)
        .withPropertyValues(
            "switchboard.data-dir=" + dataDir.resolve("data"),
            "switchboard.jobs-dir=" + dataDir.resolve("jobs"),
            "switchboard.command-agents=admins",
            "switchboard.command-allowlist=",
            "switchboard.command-sandbox=",
            "switchboard.command-env=")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Runner.class);
          assertThat(context.getBean(Runner.class).kind()).isEqualTo(AgentKind.COMMAND);
        });
  }
}
