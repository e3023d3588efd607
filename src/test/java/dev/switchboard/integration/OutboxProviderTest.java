package dev.switchboard.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code outbox} email provider: emails are kept in the workspace's Outbox, none leave. */
@Tag("db")
class OutboxProviderTest extends IntegrationTestBase {

  private String outbox(String workspace) {
    return "/api/workspaces/" + workspace + "/outbox";
  }

  @Test
  void emails_of_a_run_are_kept_in_the_outbox_with_their_run_and_only_the_workspace_sees_them() {
    String workspace = freshWorkspace();
    connect(workspace, "email", Map.of("provider", "outbox", "from", "bot@switchboard.test"));
    JsonNode tested =
        owner
            .post("/api/workspaces/" + workspace + "/integrations/email/test", null)
            .expect(200)
            .data();
    String agent =
        agent(
            workspace,
            null,
            List.of(
                Api.step(
                    "send_email",
                    Map.of(
                        "to", "jane@acme.test", "subject", "Hello Jane", "body", "First line"))));

    JsonNode run = runWith(workspace, agent, Map.of());

    assertThat(tested.get("ok").asBoolean()).isTrue();
    assertThat(run.get("status").asString()).isEqualTo("completed");
    JsonNode kept = owner.get(outbox(workspace)).expect(200).data();
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).get("to").asString()).isEqualTo("jane@acme.test");
    assertThat(kept.get(0).get("from").asString()).isEqualTo("bot@switchboard.test");
    assertThat(kept.get(0).get("subject").asString()).isEqualTo("Hello Jane");
    assertThat(kept.get(0).get("body").asString()).isEqualTo("First line");
    assertThat(kept.get(0).get("executionId").asString())
        .isEqualTo(run.get("executionId").asString());
    assertThat(owner.get(outbox(freshWorkspace())).expect(200).data()).isEmpty();
    String suffix = String.valueOf(System.nanoTime());
    owner.addMember(workspace, "viewer" + suffix + "@test.local", "viewer-pass-123", "viewer");
    Api viewer = Api.login(port, "viewer" + suffix + "@test.local", "viewer-pass-123");
    assertThat(viewer.get(outbox(workspace)).expect(200).data()).hasSize(1);
    String elsewhere = freshWorkspace();
    owner.addMember(elsewhere, "stranger" + suffix + "@test.local", "stranger-pass-123", "admin");
    Api stranger = Api.login(port, "stranger" + suffix + "@test.local", "stranger-pass-123");
    assertThat(stranger.get(outbox(workspace)).status()).isEqualTo(404);
  }

  @Test
  void the_provider_and_the_limit_are_checked_naming_the_field() {
    String workspace = freshWorkspace();
    String email = "/api/workspaces/" + workspace + "/integrations/email";

    Api.Response unknown = owner.put(email, Map.of("provider", "fax", "from", "a@b.test"));
    Api.Response noFrom = owner.put(email, Map.of("provider", "outbox"));
    Api.Response smtpWithoutHost = owner.put(email, Map.of("from", "a@b.test"));

    assertThat(unknown.expect(400).error().get("field").asString()).isEqualTo("provider");
    assertThat(noFrom.expect(400).error().get("field").asString()).isEqualTo("from");
    assertThat(smtpWithoutHost.expect(400).error().get("field").asString()).isEqualTo("host");
    assertThat(
            owner.get(outbox(workspace) + "?limit=0").expect(400).error().get("field").asString())
        .isEqualTo("limit");
  }
}
