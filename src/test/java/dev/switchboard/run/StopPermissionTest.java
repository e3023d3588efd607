package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Cancel, stop and resume follow the agent's run permission, like trigger and retry. */
@Tag("db")
class StopPermissionTest extends SwitchboardTestBase {

  @Test
  void a_member_cannot_cancel_or_stop_a_run_of_an_admin_only_agent_but_an_admin_can() {
    Api member = someone("member");
    Api admin = someone("admin");
    String agent = waitingAgent(anAgent().live().adminsOnly());
    String run = Runs.trigger(owner, ws, agent);
    Runs.awaitStatus(owner, ws, run, "waiting");

    Api.Response cancel = member.post(path(run, "cancel"), null);
    Api.Response stop = member.post(path(run, "stop"), null);

    assertThat(cancel.status()).isEqualTo(403);
    assertThat(cancel.error().get("code").asString()).isEqualTo("FORBIDDEN");
    assertThat(stop.status()).isEqualTo(403);
    assertThat(Runs.get(owner, ws, run).get("status").asString()).isEqualTo("waiting");
    admin.post(path(run, "cancel"), null).expect(200);
    assertThat(Runs.get(owner, ws, run).get("status").asString()).isEqualTo("canceled");
  }

  @Test
  void a_member_cannot_resume_a_waiting_run_of_an_admin_only_agent_but_an_admin_can() {
    Api member = someone("member");
    Api admin = someone("admin");
    String run = Runs.trigger(owner, ws, waitingAgent(anAgent().live().adminsOnly()));
    Runs.awaitStatus(owner, ws, run, "waiting");

    Api.Response resume = member.post(path(run, "resume"), null);

    assertThat(resume.status()).isEqualTo(403);
    assertThat(resume.error().get("message").asString()).contains("resume");
    assertThat(Runs.get(owner, ws, run).get("status").asString()).isEqualTo("waiting");
    admin.post(path(run, "resume"), null).expect(200);
  }

  @Test
  void a_member_may_cancel_a_run_of_an_agent_open_to_members_and_a_viewer_may_not() {
    Api member = someone("member");
    Api viewer = someone("viewer");
    String run = Runs.trigger(owner, ws, waitingAgent(anAgent().live()));
    Runs.awaitStatus(owner, ws, run, "waiting");

    assertThat(viewer.post(path(run, "stop"), null).status()).isEqualTo(403);
    member.post(path(run, "cancel"), null).expect(200);
    assertThat(Runs.get(owner, ws, run).get("status").asString()).isEqualTo("canceled");
  }

  private String waitingAgent(dev.switchboard.support.AgentBuilder agent) {
    return agent.withSteps(step("wait", Map.of("duration", "PT2H"))).createIn(owner, ws);
  }

  private String path(String run, String action) {
    return "/api/workspaces/" + ws + "/executions/" + run + "/" + action;
  }

  private Api someone(String role) {
    String email = role + "-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, email, role + "-pass-123", role);
    return Api.login(port, email, role + "-pass-123");
  }
}
