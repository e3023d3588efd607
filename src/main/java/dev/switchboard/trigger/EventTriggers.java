package dev.switchboard.trigger;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentTrigger;
import dev.switchboard.agent.Agents;
import dev.switchboard.agent.TriggerDefinition;
import dev.switchboard.crm.CrmEvent;
import dev.switchboard.plan.Condition;
import dev.switchboard.run.Admission;
import dev.switchboard.run.AdmissionResult;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.trigger.EventOutcomes.Outcome;
import dev.switchboard.workflow.Conditions;
import dev.switchboard.workflow.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes CRM events: each is matched against the event triggers of its workspace, and each
 * matching agent gets at most one run. The CRM publishes an event in the transaction that marks it
 * delivered, and this listener joins it: a node killed mid-batch rolls back the marks, the outcomes
 * and the runs together, and the batch is delivered again. A repeated delivery finds the outcome
 * and starts nothing; it is counted, and reported as {@code deduplicated}. Each agent's handling
 * runs in a savepoint: when it fails, that agent's outcome says so and the other agents, and the
 * batch, go on.
 */
@Component
class EventTriggers {

  static final String FAILED = "Not started: handling the event failed (see the server log)";

  private static final Logger log = LoggerFactory.getLogger(EventTriggers.class);

  private final Agents agents;
  private final Admission admission;
  private final EventOutcomes outcomes;
  private final TransactionTemplate savepoint;

  EventTriggers(
      Agents agents,
      Admission admission,
      EventOutcomes outcomes,
      PlatformTransactionManager transactions) {
    this.agents = agents;
    this.admission = admission;
    this.outcomes = outcomes;
    // Each agent's handling in a savepoint of the delivery's transaction: one agent's failure rolls
    // back only its own work, and the delivery goes on for the other agents.
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @EventListener
  void on(CrmEvent event) {
    Map<UUID, List<TriggerDefinition.Event>> byAgent =
        agents.activeTriggers(event.workspaceId(), "event").stream()
            .filter(t -> matches((TriggerDefinition.Event) t.trigger(), event))
            .collect(
                Collectors.groupingBy(
                    AgentTrigger::agentId,
                    LinkedHashMap::new,
                    Collectors.mapping(
                        t -> (TriggerDefinition.Event) t.trigger(), Collectors.toList())));
    if (byAgent.isEmpty()) {
      return;
    }
    Map<String, Object> variables = EventContext.variables(event);
    byAgent.forEach((agentId, triggers) -> {
      if (!outcomes.redelivered(event.eventId(), agentId)) {
        handleAlone(event, agentId, triggers, variables);
      }
    });
  }

  /** Handles the event for one agent; a failure is that agent's outcome, never the others'. */
  private void handleAlone(
      CrmEvent event,
      UUID agentId,
      List<TriggerDefinition.Event> triggers,
      Map<String, Object> variables) {
    try {
      savepoint.executeWithoutResult(status ->
          agents
              .find(event.workspaceId(), agentId)
              .ifPresent(agent -> handle(event, agent, triggers, variables)));
    } catch (RuntimeException e) {
      log.warn("Handling CRM event #{} failed for agent {}", event.eventId(), agentId, e);
      outcomes.record(event, agentId, Outcome.SKIPPED, null, FAILED);
    }
  }

  private void handle(
      CrmEvent event,
      Agent agent,
      List<TriggerDefinition.Event> triggers,
      Map<String, Object> variables) {
    Optional<String> filtered = filtered(triggers, variables);
    if (filtered.isPresent()) {
      outcomes.record(event, agent.id(), Outcome.FILTERED, null, filtered.get());
      return;
    }
    // The outbox id stands in the run's source as a UUID: the same on every delivery.
    AdmissionResult result =
        admission.admit(
            new TriggerSource.Event(new UUID(0L, event.eventId()), event.type()),
            agent,
            TriggerContext.ofVariables(variables));
    switch (result) {
      case AdmissionResult.Admitted a ->
          outcomes.record(
              event,
              agent.id(),
              a.waits() ? Outcome.QUEUED : Outcome.STARTED,
              a.execution().id(),
              null);
      case AdmissionResult.Skipped s ->
          outcomes.record(event, agent.id(), Outcome.SKIPPED, s.execution().id(), s.reason());
      case AdmissionResult.Refused r ->
          outcomes.record(event, agent.id(), Outcome.SKIPPED, null, r.message());
    }
  }

  /**
   * Empty when one of the agent's matching triggers holds (or has no condition); else what the
   * conditions saw, e.g. {@code deal.value > 10000 was false (deal.value = 5000)}.
   */
  private static Optional<String> filtered(
      List<TriggerDefinition.Event> triggers, Map<String, Object> variables) {
    List<String> seen = new ArrayList<>();
    for (TriggerDefinition.Event trigger : triggers) {
      if (trigger.condition() == null
          || Conditions.evaluate(trigger.condition(), variables, warning -> {})) {
        return Optional.empty();
      }
      seen.add(
          Conditions.describe(trigger.condition())
              + " was false ("
              + values(trigger.condition(), variables)
              + ")");
    }
    return Optional.of(String.join("; ", seen));
  }

  private static String values(Condition condition, Map<String, Object> variables) {
    return switch (condition) {
      case Condition.Compare c ->
          c.field()
              + " = "
              + Variables.lookup(variables, c.field()).map(String::valueOf).orElse("(missing)");
      case Condition.All all -> join(all.parts(), variables);
      case Condition.Any any -> join(any.parts(), variables);
      case Condition.Not not -> values(not.part(), variables);
    };
  }

  private static String join(List<Condition> parts, Map<String, Object> variables) {
    return String.join(", ", parts.stream().map(p -> values(p, variables)).toList());
  }

  private static boolean matches(TriggerDefinition.Event trigger, CrmEvent event) {
    return trigger.event().equals(event.type())
        && (trigger.formId() == null
            || trigger.formId().toString().equals(EventContext.formId(event)));
  }
}
