package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.run.AdmissionResult.Admitted;
import dev.switchboard.run.AdmissionResult.Refused;
import dev.switchboard.run.AdmissionResult.Skipped;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** Each trigger source's own rules, through the one admission entry. */
@Tag("db")
class AdmissionTest extends SwitchboardTestBase {

  @Autowired Admission admission;
  @Autowired Agents agents;

  private final List<String> toStop = new ArrayList<>();

  @AfterEach
  void stopBusyRuns() {
    for (String id : toStop) {
      owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null);
      Runs.awaitStatus(owner, ws, id, "canceled");
    }
  }

  @Test
  void a_schedule_on_a_paused_agent_is_recorded_as_a_skipped_run_with_its_reason() {
    Agent agent = paused(quickAgent());

    AdmissionResult result =
        admission.admit(
            new TriggerSource.Scheduled(UUID.randomUUID(), clock.instant()),
            agent,
            TriggerContext.EMPTY);

    assertThat(result).isInstanceOf(Skipped.class);
    assertThat(((Skipped) result).reason()).isEqualTo("Skipped: Agent paused");
    JsonNode run = Runs.get(owner, ws, result.orThrow().id().toString());
    assertThat(run.get("status").asString()).isEqualTo("skipped");
    assertThat(run.get("reason").asString()).isEqualTo("Skipped: Agent paused");
    assertThat(run.get("triggerType").asString()).isEqualTo("scheduled");
    assertThat(run.get("completedAt").isNull()).isFalse();
    assertThat(run.get("transitions")).hasSize(1);
    assertThat(run.get("transitions").get(0).get("to").asString()).isEqualTo("skipped");
  }

  @Test
  void unattended_sources_skip_a_draft_agent_that_a_person_may_run() {
    Agent draft =
        agent(anAgent().draft().withSteps(step("remember", Map.of("key", "k", "value", "v"))));

    AdmissionResult webhook =
        admission.admit(new TriggerSource.Webhook(UUID.randomUUID()), draft, TriggerContext.EMPTY);
    AdmissionResult manual =
        admission.admit(new TriggerSource.Manual(as(Role.MEMBER)), draft, TriggerContext.EMPTY);

    assertThat(((Skipped) webhook).reason()).isEqualTo("Skipped: Agent is a draft");
    assertThat(manual).isInstanceOf(Admitted.class);
    Runs.awaitStatus(owner, ws, manual.orThrow().id().toString(), "completed");
  }

  @Test
  void an_archived_agent_is_refused_to_every_source_and_nothing_is_recorded() {
    Agent agent = quickAgent();
    owner.delete("/api/workspaces/" + ws + "/agents/" + agent.id()).expect(200);
    Agent archived = agents.require(agent.workspaceId(), agent.id());

    for (TriggerSource source :
        List.of(
            new TriggerSource.Event(UUID.randomUUID(), "contact.created"),
            new TriggerSource.Manual(as(Role.OWNER)))) {
      AdmissionResult result = admission.admit(source, archived, TriggerContext.EMPTY);
      assertThat(result).isInstanceOf(Refused.class);
      assertThat(((Refused) result).code()).isEqualTo("AGENT_NOT_RUNNABLE");
      assertThat(((Refused) result).status()).isEqualTo(HttpStatus.CONFLICT);
    }
    assertThat(runsOf(agent)).isZero();
  }

  @Test
  void an_event_run_queues_behind_a_busy_agent_and_carries_its_entity() {
    Agent agent = busyAgent();
    TriggerContext context =
        TriggerContext.ofVariables(Map.of("contact", Map.of("email", "new@lead.test")));

    AdmissionResult result =
        admission.admit(
            new TriggerSource.Event(UUID.randomUUID(), "contact.created"), agent, context);

    Execution run = ((Admitted) result).execution();
    JsonNode stored = Runs.get(owner, ws, run.id().toString());
    assertThat(stored.get("status").asString()).isEqualTo("queued");
    assertThat(stored.get("triggerType").asString()).isEqualTo("event");
    assertThat(stored.get("triggeredBy").asString()).isEqualTo("event: contact_created");
    assertThat(stored.get("triggerContext").get("context").get("contact").get("email").asString())
        .isEqualTo("new@lead.test");
    toStop.add(run.id().toString());
  }

  @Test
  void chat_is_refused_while_busy_but_a_work_order_run_queues_with_its_number() {
    Agent agent = busyAgent();
    UUID workOrder = UUID.randomUUID();

    AdmissionResult chat =
        admission.admit(new TriggerSource.Chat(as(Role.MEMBER)), agent, TriggerContext.EMPTY);
    AdmissionResult order =
        admission.admit(
            new TriggerSource.WorkOrder(
                as(Role.MEMBER), new TriggerSource.WorkOrderRun(workOrder, 3), true),
            agent,
            TriggerContext.EMPTY.withPrompt("Fix the login bug"));

    Refused refused = (Refused) chat;
    assertThat(refused.code()).isEqualTo("AGENT_ALREADY_RUNNING");
    assertThat(refused.blocking().executionId().toString()).isEqualTo(toStop.getFirst());
    Execution run = ((Admitted) order).execution();
    JsonNode stored = Runs.get(owner, ws, run.id().toString());
    assertThat(stored.get("status").asString()).isEqualTo("queued");
    assertThat(stored.get("triggerType").asString()).isEqualTo("chat");
    assertThat(stored.get("workOrderId").asString()).isEqualTo(workOrder.toString());
    assertThat(stored.get("runNumber").asInt()).isEqualTo(3);
    assertThat(stored.get("prompt").asString()).isEqualTo("Fix the login bug");
    toStop.add(run.id().toString());
  }

  @Test
  void people_need_their_permission_and_unattended_sources_need_none() {
    Agent adminsOnly =
        agent(
            anAgent()
                .live()
                .adminsOnly()
                .withSteps(step("remember", Map.of("key", "k", "value", "v"))));

    Refused viewer =
        (Refused)
            admission.admit(
                new TriggerSource.Manual(as(Role.VIEWER)), adminsOnly, TriggerContext.EMPTY);
    Refused member =
        (Refused)
            admission.admit(
                new TriggerSource.Retry(as(Role.MEMBER), UUID.randomUUID()),
                adminsOnly,
                TriggerContext.EMPTY);
    Refused api =
        (Refused)
            admission.admit(
                new TriggerSource.Api(as(Role.MEMBER)), quickAgent(), TriggerContext.EMPTY);
    AdmissionResult scheduled =
        admission.admit(
            new TriggerSource.Scheduled(UUID.randomUUID(), Instant.EPOCH),
            adminsOnly,
            TriggerContext.EMPTY);

    assertThat(List.of(viewer.status(), member.status(), api.status()))
        .containsOnly(HttpStatus.FORBIDDEN);
    assertThat(viewer.message()).isEqualTo("Viewers cannot run agents");
    assertThat(member.message()).isEqualTo("You do not have permission to run this agent");
    assertThat(api.message()).isEqualTo("Only workspace owners and admins can execute agents");
    assertThat(scheduled).isInstanceOf(Admitted.class);
    Runs.awaitStatus(owner, ws, scheduled.orThrow().id().toString(), "completed");
  }

  private Agent quickAgent() {
    return agent(anAgent().live().withSteps(step("remember", Map.of("key", "k", "value", "v"))));
  }

  /** A live agent whose slot is held by a long run, stopped after the test. */
  private Agent busyAgent() {
    Agent agent = agent(aCommandAgent("sleep", "30").live());
    String first = Runs.trigger(owner, ws, agent.id().toString());
    Runs.awaitStatus(owner, ws, first, "running");
    toStop.add(first);
    return agent;
  }

  private Agent agent(dev.switchboard.support.AgentBuilder builder) {
    return agents.require(UUID.fromString(ws), UUID.fromString(builder.createIn(owner, ws)));
  }

  private Agent paused(Agent agent) {
    owner
        .post(
            "/api/workspaces/" + ws + "/agents/" + agent.id() + "/status",
            Map.of("status", "paused"))
        .expect(200);
    return agents.require(agent.workspaceId(), agent.id());
  }

  private Membership as(Role role) {
    return new Membership(
        UUID.fromString(ws), UUID.randomUUID(), role.name().toLowerCase() + "@test.local", role);
  }

  private long runsOf(Agent agent) {
    return jdbc.queryForObject(
        "select count(*) from executions where agent_id = ?", Long.class, agent.id());
  }
}
