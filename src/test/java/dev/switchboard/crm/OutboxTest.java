package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/** CRM writes land in the outbox in their transaction; the publisher turns them into events. */
@Tag("db")
class OutboxTest extends SwitchboardTestBase {

  @Autowired ConfigurableApplicationContext context;

  @Test
  void contact_deal_and_form_writes_are_published_as_crm_events() {
    ws = owner.createWorkspace("Outbox " + System.nanoTime());
    UUID workspace = UUID.fromString(ws);
    String base = "/api/workspaces/" + ws;
    List<CrmEvent> seen = new CopyOnWriteArrayList<>();
    context.addApplicationListener(
        (ApplicationListener<PayloadApplicationEvent<CrmEventBatch>>)
            e ->
                e.getPayload().events().stream()
                    .filter(event -> event.workspaceId().equals(workspace))
                    .forEach(seen::add));

    String contact =
        owner
            .post(base + "/contacts", Map.of("email", "o@x.io"))
            .expect(201)
            .data()
            .get("id")
            .asString();
    owner.put(base + "/contacts/" + contact, Map.of("title", "CEO")).expect(200);
    String deal =
        owner
            .post(base + "/deals", Map.of("name", "Big", "value", 15000, "stage", "Proposal"))
            .expect(201)
            .data()
            .get("id")
            .asString();
    owner.put(base + "/deals/" + deal, Map.of("value", 16000)).expect(200);
    owner.put(base + "/deals/" + deal, Map.of("stage", "Closed Won")).expect(200);
    String form =
        owner
            .post(
                base + "/forms",
                Map.of("name", "Signup", "fields", List.of(Map.of("name", "email"))))
            .expect(201)
            .data()
            .get("id")
            .asString();
    owner
        .post(base + "/forms/" + form + "/submissions", Map.of("data", Map.of("email", "o@x.io")))
        .expect(201);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> seen.stream().map(CrmEvent::type).toList(), types -> types.size() >= 4);
    assertThat(seen.stream().map(CrmEvent::type))
        .containsExactly(
            "contact.created", "contact.updated", "deal.stage_updated", "form.submitted");
    CrmEvent stage = seen.get(2);
    assertThat(stage.payload().get("previousStage")).isEqualTo("Proposal");
    assertThat(stage.payload().get("newStage")).isEqualTo("Closed Won");
    assertThat(((Map<?, ?>) stage.payload().get("deal")).get("value")).isEqualTo(16000);
    assertThat(((Map<?, ?>) seen.get(3).payload().get("contact")).get("id")).isEqualTo(contact);
    Integer pending =
        jdbc.queryForObject(
            "select count(*) from outbox_events where workspace_id = ? and published_at is null",
            Integer.class,
            workspace);
    assertThat(pending).isZero();
  }
}
