package dev.switchboard.agent;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static dev.switchboard.support.AgentBuilder.anAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "switchboard.command-agents=off")
class CommandAgentsOffTest extends SwitchboardTestBase {

  @Test
  void nobody_creates_command_agents_not_even_the_instance_admin() {
    Api.Response r =
        owner.post("/api/workspaces/" + ws + "/agents", aCommandAgent("echo", "hi").body());

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error().get("code").asString()).isEqualTo("COMMAND_AGENTS_OFF");
    assertThat(r.error().get("message").asString())
        .isEqualTo(
            "Command agents are turned off on this instance (SWITCHBOARD_COMMAND_AGENTS=off).");
    assertThat(owner.post("/api/workspaces/" + ws + "/agents", anAgent().body()).status())
        .isEqualTo(201);
  }
}
