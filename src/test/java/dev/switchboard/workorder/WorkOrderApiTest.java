package dev.switchboard.workorder;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class WorkOrderApiTest extends SwitchboardTestBase {

  private String path() {
    return "/api/workspaces/" + ws + "/work-orders";
  }

  private JsonNode create(Api api, String title) {
    return api.post(path(), Map.of("title", title, "prompt", "Fix the login bug"))
        .expect(201)
        .data();
  }

  @Test
  void a_new_work_order_is_a_draft_of_the_default_command_agent_with_its_creation_recorded() {
    JsonNode order = create(owner, "Fix login");

    assertThat(order.get("status").asString()).isEqualTo("draft");
    assertThat(order.get("profile").asString()).isEqualTo("default");
    assertThat(order.get("nextRunNumber").asInt()).isEqualTo(1);
    JsonNode agent =
        owner
            .get("/api/workspaces/" + ws + "/agents/" + order.get("agentId").asString())
            .expect(200)
            .data();
    assertThat(agent.get("kind").asString()).isEqualTo("command");
    assertThat(agent.get("name").asString()).isEqualTo("Command agent");
    // A second work order goes to the same default agent.
    assertThat(create(owner, "Another").get("agentId").asString())
        .isEqualTo(order.get("agentId").asString());
  }

  @Test
  void approve_accept_and_cancel_are_recorded_with_who_made_them() {
    owner.addMember(ws, "wo-member@test.local", "member-pass-123", "member");
    Api member = Api.login(port, "wo-member@test.local", "member-pass-123");
    String id = create(member, "Approve me").get("id").asString();

    JsonNode approved = owner.post(path() + "/" + id + "/approve", null).expect(200).data();

    assertThat(approved.get("status").asString()).isEqualTo("approved");
    List<String> moves = new ArrayList<>();
    approved
        .get("transitions")
        .forEach(t -> moves.add(t.get("to").asString() + " by " + t.get("actor").asString()));
    assertThat(moves).containsExactly("draft by wo-member@test.local", "approved by " + OWNER);
    assertThat(approved.get("runs").isEmpty()).isTrue();

    JsonNode cancelled = member.post(path() + "/" + id + "/cancel", null).expect(200).data();
    assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
    JsonNode last = cancelled.get("transitions").get(2);
    assertThat(last.get("from").asString()).isEqualTo("approved");
    assertThat(last.get("actor").asString()).isEqualTo("wo-member@test.local");
  }

  @Test
  void a_terminal_work_order_answers_403_work_order_complete() {
    String id = create(owner, "Give up").get("id").asString();
    owner.post(path() + "/" + id + "/cancel", null).expect(200);

    Api.Response again = owner.post(path() + "/" + id + "/approve", null);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.error().get("code").asString()).isEqualTo("WORK_ORDER_COMPLETE");
    assertThat(again.error().get("message").asString())
        .isEqualTo("Cannot trigger run for completed work order");
    assertThat(owner.post(path() + "/" + id + "/cancel", null).status()).isEqualTo(403);
  }

  @Test
  void only_a_work_order_in_review_can_be_accepted() {
    String id = create(owner, "Not yet").get("id").asString();

    Api.Response accept = owner.post(path() + "/" + id + "/accept", null);

    assertThat(accept.status()).isEqualTo(409);
    assertThat(accept.json().get("status").asString()).isEqualTo("draft");
  }

  @Test
  void the_list_filters_by_status_newest_first() {
    String first = create(owner, "List one").get("id").asString();
    clock.advance(java.time.Duration.ofSeconds(1));
    String second = create(owner, "List two").get("id").asString();
    owner.post(path() + "/" + first + "/approve", null).expect(200);

    JsonNode drafts = owner.get(path() + "?status=draft").expect(200).data();
    JsonNode approved = owner.get(path() + "?status=approved").expect(200).data();
    JsonNode all = owner.get(path()).expect(200).data();

    assertThat(ids(drafts)).contains(second).doesNotContain(first);
    assertThat(ids(approved)).contains(first).doesNotContain(second);
    assertThat(ids(all).indexOf(second)).isLessThan(ids(all).indexOf(first));
    assertThat(all.get("pageSize").asInt()).isEqualTo(50);
    Api.Response bad = owner.get(path() + "?status=done");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error().get("field").asString()).isEqualTo("status");
  }

  @Test
  void titles_must_be_given_and_short_and_prompts_bounded() {
    for (Object title : new Object[] {"", "   ", "x".repeat(10_000)}) {
      Api.Response r = owner.post(path(), Map.of("title", title));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.error().get("field").asString()).isEqualTo("title");
    }
    Api.Response missing = owner.post(path(), Map.of("prompt", "no title"));
    assertThat(missing.error().get("field").asString()).isEqualTo("title");
    Api.Response longPrompt =
        owner.post(path(), Map.of("title", "t", "prompt", "p".repeat(100_001)));
    assertThat(longPrompt.error().get("field").asString()).isEqualTo("prompt");
    Api.Response badAgent = owner.postRaw(path(), "{\"title\":\"t\",\"agentId\":\"nope\"}");
    assertThat(badAgent.status()).isEqualTo(400);
    assertThat(badAgent.error().get("field").asString()).isEqualTo("agentId");
  }

  @Test
  void unknown_and_foreign_ids_answer_404_and_viewers_only_read() {
    String agent = aCommandAgent("echo", "{{prompt}}").live().createIn(owner, ws);
    String id =
        owner
            .post(path(), Map.of("title", "Mine", "agentId", agent))
            .expect(201)
            .data()
            .get("id")
            .asString();
    assertThat(owner.get(path() + "/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(
            owner
                .post(path(), Map.of("title", "t", "agentId", java.util.UUID.randomUUID()))
                .status())
        .isEqualTo(404);

    String other = owner.createWorkspace("WO elsewhere " + System.nanoTime());
    assertThat(owner.get("/api/workspaces/" + other + "/work-orders/" + id).status())
        .isEqualTo(404);
    assertThat(
            owner
                .post(
                    "/api/workspaces/" + other + "/work-orders",
                    Map.of("title", "t", "agentId", agent))
                .status())
        .isEqualTo(404);

    owner.addMember(ws, "wo-viewer@test.local", "viewer-pass-123", "viewer");
    Api viewer = Api.login(port, "wo-viewer@test.local", "viewer-pass-123");
    assertThat(viewer.get(path() + "/" + id).status()).isEqualTo(200);
    assertThat(viewer.post(path(), Map.of("title", "t")).status()).isEqualTo(403);
    assertThat(viewer.post(path() + "/" + id + "/approve", null).status()).isEqualTo(403);
    assertThat(viewer.post(path() + "/" + id + "/cancel", null).status()).isEqualTo(403);
  }

  @Test
  void profiles_always_include_default() {
    JsonNode profiles = owner.get("/api/workspaces/" + ws + "/profiles").expect(200).data();

    assertThat(profiles.get(0).get("name").asString()).isEqualTo("default");
    assertThat(profiles.get(0).get("loopStrategy").get("maxIterations").asInt()).isEqualTo(1);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(i -> ids.add(i.get("id").asString()));
    return ids;
  }
}
