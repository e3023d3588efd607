package dev.switchboard.workspace;

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

/** Ids of another workspace, named under one's own, answer 404 on pages and in the API. */
@Tag("db")
class ForeignIdTest extends SwitchboardTestBase {

  @Test
  void pages_about_another_workspaces_records_answer_our_404_page() {
    String otherWs = owner.createWorkspace("Foreign pages " + UUID.randomUUID());
    String agent = remembering(otherWs);
    String run = Runs.trigger(owner, otherWs, agent);
    String contact =
        owner
            .post(
                "/api/workspaces/" + otherWs + "/contacts",
                Map.of("firstName", "Ann", "email", "ann-" + UUID.randomUUID() + "@test.local"))
            .expect(201)
            .data()
            .get("id")
            .asString();
    String workOrder =
        owner
            .post(
                "/api/workspaces/" + otherWs + "/work-orders",
                Map.of("title", "Foreign work order", "agentId", agent))
            .expect(201)
            .data()
            .get("id")
            .asString();

    for (String path :
        new String[] {
          "/w/" + ws + "/agents/" + agent,
          "/w/" + ws + "/agents/" + agent + "/executions",
          "/w/" + ws + "/agents/" + agent + "/edit",
          "/w/" + ws + "/executions/" + run,
          "/w/" + ws + "/contacts/" + contact,
          "/w/" + ws + "/work-orders/" + workOrder
        }) {
      Api.Response page = owner.page(path);
      assertThat(page.status()).as(path).isEqualTo(404);
      assertThat(page.body()).as(path).contains("<title>Not found · Switchboard</title>");
    }
    assertThat(owner.page("/w/" + otherWs + "/agents/" + agent).status()).isEqualTo(200);
    assertThat(owner.page("/w/" + otherWs + "/executions/" + run).status()).isEqualTo(200);
    assertThat(owner.page("/w/" + otherWs + "/contacts/" + contact).status()).isEqualTo(200);
    assertThat(owner.page("/w/" + otherWs + "/work-orders/" + workOrder).status()).isEqualTo(200);
  }

  @Test
  void a_page_address_with_what_cannot_be_an_id_answers_our_404_page() {
    for (String path :
        new String[] {
          "/w/" + ws + "/agents/nope",
          "/w/" + ws + "/executions/12",
          "/w/not-a-workspace/agents",
          "/w/" + ws + "/work-orders/1234"
        }) {
      Api.Response page = owner.page(path);
      assertThat(page.status()).as(path).isEqualTo(404);
      assertThat(page.body()).as(path).contains("<title>Not found · Switchboard</title>");
    }
  }

  @Test
  void the_history_of_another_workspaces_agent_is_404_not_an_empty_page() {
    String otherWs = owner.createWorkspace("Foreign history " + UUID.randomUUID());
    String agent = remembering(otherWs);

    Api.Response foreign = owner.get("/api/workspaces/" + ws + "/agents/" + agent + "/executions");

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.error().get("code").asString()).isEqualTo("NOT_FOUND");
    assertThat(
            owner.get("/api/workspaces/" + otherWs + "/agents/" + agent + "/executions").status())
        .isEqualTo(200);
  }

  private String remembering(String workspace) {
    return anAgent()
        .live()
        .withSteps(step("remember", Map.of("key", "k", "value", "v")))
        .createIn(owner, workspace);
  }
}
