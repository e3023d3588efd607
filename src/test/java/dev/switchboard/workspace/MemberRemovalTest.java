package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class MemberRemovalTest extends SwitchboardTestBase {

  @Test
  void an_admin_removes_a_member_whose_token_then_no_longer_reaches_the_workspace() {
    String space = owner.createWorkspace("Removal " + UUID.randomUUID());
    Person admin = add(space, "admin");
    Person member = add(space, "member");
    assertThat(member.api.get("/api/workspaces/" + space + "/agents").status()).isEqualTo(200);

    Api.Response removed = admin.api.delete(path(space, member.id));

    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.data().get("email").asString()).isEqualTo(member.email);
    assertThat(member.api.get("/api/workspaces/" + space + "/agents").status()).isEqualTo(404);
    assertThat(member.api.get("/api/workspaces").body()).doesNotContain(space);
    assertThat(owner.get("/api/workspaces/" + space + "/members").body())
        .doesNotContain(member.email);
    assertThat(admin.api.delete(path(space, member.id)).status()).isEqualTo(404);
  }

  @Test
  void another_nodes_removal_reaches_this_node_once_its_copy_is_two_seconds_old() {
    String space = owner.createWorkspace("Kept " + UUID.randomUUID());
    Person viewer = add(space, "viewer");
    Person member = add(space, "member");
    String agent =
        dev.switchboard.support.AgentBuilder.anAgent()
            .live()
            .withSteps(Api.step("remember", java.util.Map.of("key", "k", "value", "v")))
            .createIn(owner, space);
    String agents = "/api/workspaces/" + space + "/agents";
    assertThat(viewer.api.get(agents).status()).isEqualTo(200);
    assertThat(viewer.api.post(agents + "/" + agent + "/trigger", null).status())
        .as("a kept viewer's membership is a viewer's: never runs")
        .isEqualTo(403);
    assertThat(member.api.get(agents).status()).isEqualTo(200);

    // As another node would: the row goes, and this node reads it again within 2 s.
    jdbc.update(
        "delete from members where workspace_id = ? and user_id = ?",
        UUID.fromString(space),
        UUID.fromString(member.id));
    clock.advance(RecentLookups.KEPT);

    assertThat(member.api.get(agents).status()).isEqualTo(404);
  }

  @Test
  void the_last_owner_stays_and_admins_cannot_remove_owners() {
    String space = owner.createWorkspace("Owners " + UUID.randomUUID());
    Person admin = add(space, "admin");
    String ownerId =
        owner.get("/api/workspaces/" + space + "/members").data().get(0).get("userId").asString();

    Api.Response byAdmin = admin.api.delete(path(space, ownerId));
    Api.Response last = owner.delete(path(space, ownerId));

    assertThat(byAdmin.status()).isEqualTo(403);
    assertThat(last.status()).isEqualTo(409);
    assertThat(last.error().get("code").asString()).isEqualTo("LAST_OWNER");
    assertThat(last.error().get("message").asString()).contains("needs an owner");
    Person second = add(space, "owner");
    owner.delete(path(space, second.id)).expect(200);
    Person third = add(space, "owner");
    third.api.delete(path(space, ownerId)).expect(200);
    assertThat(third.api.delete(path(space, third.id)).status()).isEqualTo(409);
  }

  @Test
  void members_viewers_and_strangers_cannot_remove_anyone() {
    String space = owner.createWorkspace("Refusals " + UUID.randomUUID());
    Person member = add(space, "member");
    Person viewer = add(space, "viewer");
    String stranger = "stranger-" + UUID.randomUUID() + "@test.local";
    owner.addMember(ws, stranger, "stranger-pass-1", "member");
    Api outsider = Api.login(port, stranger, "stranger-pass-1");

    assertThat(member.api.delete(path(space, viewer.id)).status()).isEqualTo(403);
    assertThat(viewer.api.delete(path(space, member.id)).status()).isEqualTo(403);
    assertThat(outsider.delete(path(space, member.id)).status()).isEqualTo(404);
    assertThat(owner.get("/api/workspaces/" + space + "/members").data()).hasSize(3);
  }

  private record Person(String id, String email, Api api) {}

  private Person add(String space, String role) {
    String email = role + "-" + UUID.randomUUID() + "@test.local";
    owner.addMember(space, email, role + "-pass-123", role);
    String id =
        jdbc.queryForObject("select id from users where email = ?", UUID.class, email).toString();
    return new Person(id, email, Api.login(port, email, role + "-pass-123"));
  }

  private static String path(String space, String userId) {
    return "/api/workspaces/" + space + "/members/" + userId;
  }
}
