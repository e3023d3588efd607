package dev.switchboard.trigger;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.crm.CrmEvent;
import dev.switchboard.crm.CrmEventBatch;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** CRM events start the agents whose triggers match, once per (event, agent). */
@Tag("db")
class EventTriggersTest extends SwitchboardTestBase {

  @Autowired ApplicationEventPublisher publisher;
  @Autowired TransactionTemplate tx;

  private String space;

  @BeforeEach
  void ownWorkspace() {
    space = owner.createWorkspace("events " + UUID.randomUUID());
  }

  @Test
  void a_created_contact_starts_a_listening_agent_with_the_contact() {
    String agent = listening(Map.of("type", "event", "event", "contact.created"), true);

    owner.post(crm("/contacts"), Map.of("email", "ada@example.com")).expect(201);

    JsonNode outcome = awaitOutcome(agent);
    assertThat(outcome.get("outcome").asString()).isEqualTo("started");
    JsonNode run =
        Runs.awaitStatus(owner, space, outcome.get("executionId").asString(), "completed");
    assertThat(run.get("triggerType").asString()).isEqualTo("event");
    assertThat(run.get("triggeredBy").asString()).isEqualTo("event: contact_created");
    assertThat(run.get("triggerContext").get("context").get("contact").get("email").asString())
        .isEqualTo("ada@example.com");
  }

  @Test
  void a_false_condition_starts_nothing_and_is_recorded_filtered_with_the_values() {
    Map<String, Object> trigger =
        Map.of(
            "type",
            "event",
            "event",
            "deal.stage_updated",
            "condition",
            Map.of(
                "all",
                List.of(
                    Map.of("field", "deal.value", "operator", ">", "value", 10000),
                    Map.of("field", "deal.stage", "operator", "==", "value", "Closed Won"))));
    String agent = listening(trigger, true);
    String small = deal(5000);
    String big = deal(15000);

    owner.put(crm("/deals/" + small), Map.of("stage", "Closed Won")).expect(200);
    owner.put(crm("/deals/" + big), Map.of("stage", "Closed Won")).expect(200);

    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(agent).size() == 2);
    List<JsonNode> outcomes = outcomes(agent);
    JsonNode filtered = outcomes.get(1);
    assertThat(filtered.get("outcome").asString()).isEqualTo("filtered");
    assertThat(filtered.get("detail").asString()).contains("deal.value = 5000");
    assertThat(filtered.get("executionId").isNull()).isTrue();
    JsonNode started = outcomes.get(0);
    assertThat(started.get("outcome").asString()).isEqualTo("started");
    JsonNode run = Runs.get(owner, space, started.get("executionId").asString());
    JsonNode deal = run.get("triggerContext").get("context").get("deal");
    assertThat(deal.get("previousStage").asString()).isEqualTo("Proposal");
    assertThat(deal.get("stage").asString()).isEqualTo("Closed Won");
  }

  @Test
  void a_paused_agent_records_a_skipped_run_and_an_unknown_form_starts_nothing() {
    String paused = listening(Map.of("type", "event", "event", "contact.created"), false);
    owner
        .post(
            "/api/workspaces/" + space + "/agents/" + paused + "/status",
            Map.of("status", "paused"))
        .expect(200);
    String form = form("Demo");
    String other = form("Other");
    String formAgent =
        listening(Map.of("type", "event", "event", "form.submitted", "formId", form), true);

    owner.post(crm("/contacts"), Map.of("email", "grace@example.com")).expect(201);
    owner
        .post(
            crm("/forms/" + other + "/submissions"),
            Map.of("data", Map.of("email", "x@example.com")))
        .expect(201);
    owner
        .post(
            crm("/forms/" + form + "/submissions"),
            Map.of("data", Map.of("email", "y@example.com")))
        .expect(201);

    JsonNode skipped = awaitOutcome(paused);
    assertThat(skipped.get("outcome").asString()).isEqualTo("skipped");
    assertThat(skipped.get("detail").asString()).isEqualTo("Skipped: Agent paused");
    await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes(formAgent).isEmpty());
    List<JsonNode> formOutcomes = outcomes(formAgent);
    assertThat(formOutcomes).hasSize(1);
    JsonNode run = Runs.get(owner, space, formOutcomes.getFirst().get("executionId").asString());
    assertThat(run.get("triggerContext").get("context").get("form").get("email").asString())
        .isEqualTo("y@example.com");
  }

  @Test
  void a_delivery_rolled_back_mid_batch_leaves_nothing_and_a_repeated_one_is_deduplicated() {
    String agent = listening(Map.of("type", "event", "event", "contact.created"), true);
    CrmEvent event =
        new CrmEvent(
            UUID.fromString(space),
            CrmEvent.CONTACT_CREATED,
            Map.of("contact", Map.of("email", "kill@example.com")),
            9_000_000_000L + (long) (Math.random() * 1_000_000_000L),
            clock.instant());

    tx.executeWithoutResult(status -> {
      publisher.publishEvent(new CrmEventBatch(List.of(event)));
      status.setRollbackOnly(); // the node died before the batch committed
    });
    assertThat(outcomes(agent)).isEmpty();
    assertThat(runsOf(agent)).isZero();

    tx.executeWithoutResult(status -> publisher.publishEvent(new CrmEventBatch(List.of(event))));
    tx.executeWithoutResult(status -> publisher.publishEvent(new CrmEventBatch(List.of(event))));

    assertThat(runsOf(agent)).isEqualTo(1);
    List<JsonNode> outcomes = outcomes(agent);
    assertThat(outcomes)
        .extracting(o -> o.get("outcome").asString())
        .containsExactly("started", "deduplicated");
    assertThat(outcomes.get(1).get("executionId").asString())
        .isEqualTo(outcomes.get(0).get("executionId").asString());
    assertThat(outcomes.get(1).get("detail").asString())
        .isEqualTo("Delivered again once; nothing started twice");
  }

  @Test
  void an_agent_whose_admission_fails_gets_its_outcome_and_the_others_and_the_outbox_go_on() {
    Map<String, Object> created = Map.of("type", "event", "event", "contact.created");
    String broken =
        anAgent()
            .named("Broken " + UUID.randomUUID())
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .withTriggers(created)
            .live()
            .createIn(owner, space);
    String witness = listening(created, true);
    String name =
        owner.get("/api/workspaces/" + space + "/agents/" + broken).data().get("name").asString();
    // A deliberately failing insert: the database refuses every run of the broken agent.
    jdbc.execute(
        "alter table executions add constraint broken_agent_runs check (agent_name <> '"
            + name
            + "')");
    try {
      owner.post(crm("/contacts"), Map.of("email", "one@example.com")).expect(201);
      owner.post(crm("/contacts"), Map.of("email", "two@example.com")).expect(201);

      await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(witness).size() == 2);
      await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(broken).size() == 2);
    } finally {
      jdbc.execute("alter table executions drop constraint broken_agent_runs");
    }
    for (JsonNode outcome : outcomes(witness)) {
      // The second may queue behind the first: the agent runs one at a time.
      assertThat(outcome.get("outcome").asString()).isIn("started", "queued");
      Runs.awaitStatus(owner, space, outcome.get("executionId").asString(), "completed");
    }
    for (JsonNode outcome : outcomes(broken)) {
      assertThat(outcome.get("outcome").asString()).isEqualTo("skipped");
      assertThat(outcome.get("detail").asString()).isEqualTo(EventTriggers.FAILED);
    }
    assertThat(runsOf(broken)).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from outbox_events where workspace_id = ? and published_at is null",
                Integer.class,
                UUID.fromString(space)))
        .isZero();
  }

  private String listening(Map<String, Object> trigger, boolean live) {
    var builder =
        anAgent()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .withTriggers(trigger);
    if (live) {
      builder.live();
    }
    return builder.createIn(owner, space);
  }

  private String deal(int value) {
    return owner
        .post(crm("/deals"), Map.of("name", "Deal " + value, "value", value, "stage", "Proposal"))
        .expect(201)
        .data()
        .get("id")
        .asString();
  }

  private String form(String name) {
    return owner
        .post(crm("/forms"), Map.of("name", name, "fields", List.of(Map.of("name", "email"))))
        .expect(201)
        .data()
        .get("id")
        .asString();
  }

  private JsonNode awaitOutcome(String agent) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes(agent).isEmpty());
    return outcomes(agent).getFirst();
  }

  private List<JsonNode> outcomes(String agent) {
    List<JsonNode> out = new ArrayList<>();
    owner
        .get("/api/workspaces/" + space + "/events?agentId=" + agent)
        .expect(200)
        .data()
        .forEach(e -> e.get("outcomes").forEach(out::add));
    return out;
  }

  private int runsOf(String agent) {
    return jdbc.queryForObject(
        "select count(*) from executions where agent_id = ?",
        Integer.class,
        UUID.fromString(agent));
  }

  private String crm(String path) {
    return "/api/workspaces/" + space + path;
  }
}
