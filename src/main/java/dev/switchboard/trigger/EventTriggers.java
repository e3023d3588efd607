package dev.switchboard.trigger;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentTrigger;
import dev.switchboard.agent.Agents;
import dev.switchboard.agent.TriggerDefinition;
import dev.switchboard.crm.CrmEvent;
import dev.switchboard.crm.CrmEventBatch;
import dev.switchboard.plan.Condition;
import dev.switchboard.run.Admission;
import dev.switchboard.run.AdmissionResult;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.trigger.EventOutcomes.Outcome;
import dev.switchboard.workflow.Conditions;
import dev.switchboard.workflow.Variables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Consumes CRM events, an outbox batch at a time: each event is matched against the event triggers
 * of its workspace, and each matching agent gets at most one run. The CRM publishes a batch in the
 * transaction that marks it delivered, and this listener joins it: a node killed mid-batch rolls
 * back the marks, the outcomes and the runs together, and the batch is delivered again. A repeated
 * delivery finds the outcome and starts nothing; it is counted, and reported as {@code
 * deduplicated}. The batch's (event, agent) pairs are admitted together, in one savepoint; when
 * that fails, each pair again in a savepoint of its own: a failing pair's outcome says so and the
 * other pairs, and the batch, go on.
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
    // Savepoints of the delivery's transaction: a failure rolls back only its own pairs' work, and
    // the delivery goes on for the others.
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** An event that matched triggers of one agent. */
  private record Pair(CrmEvent event, UUID agentId, List<TriggerDefinition.Event> triggers) {}

  @EventListener
  void on(CrmEventBatch batch) {
    List<Pair> pairs = new ArrayList<>();
    Map<UUID, List<AgentTrigger>> triggersOf = new HashMap<>();
    for (CrmEvent event : batch.events()) {
      triggersOf
          .computeIfAbsent(event.workspaceId(), ws -> agents.activeTriggers(ws, "event"))
          .stream()
          .filter(t -> matches((TriggerDefinition.Event) t.trigger(), event))
          .collect(
              Collectors.groupingBy(
                  AgentTrigger::agentId,
                  LinkedHashMap::new,
                  Collectors.mapping(
                      t -> (TriggerDefinition.Event) t.trigger(), Collectors.toList())))
          .forEach((agentId, triggers) -> pairs.add(new Pair(event, agentId, triggers)));
    }
    if (pairs.isEmpty()) {
      return;
    }
    Set<EventOutcomes.Key> handled =
        outcomes.redelivered(
            pairs.stream()
                .map(p -> new EventOutcomes.Key(p.event().eventId(), p.agentId()))
                .toList());
    List<Pair> fresh =
        pairs.stream()
            .filter(p -> !handled.contains(new EventOutcomes.Key(p.event().eventId(), p.agentId())))
            .toList();
    if (fresh.size() > 1) {
      try {
        savepoint.executeWithoutResult(status -> handle(fresh));
        return;
      } catch (RuntimeException e) {
        log.debug("Handling {} CRM event pairs together failed; one by one", fresh.size(), e);
      }
    }
    fresh.forEach(this::handleAlone);
  }

  /** Handles the event for one agent; a failure is that agent's outcome, never the others'. */
  private void handleAlone(Pair pair) {
    try {
      savepoint.executeWithoutResult(status -> handle(List.of(pair)));
    } catch (RuntimeException e) {
      log.warn(
          "Handling CRM event #{} failed for agent {}", pair.event().eventId(), pair.agentId(), e);
      outcomes.recordAll(
          List.of(
              new EventOutcomes.Recorded(
                  pair.event(), pair.agentId(), Outcome.SKIPPED, null, FAILED)));
    }
  }

  /**
   * The pairs' filtered outcomes, then one admission for all the others (in the order of the
   * events, so an agent's runs queue and count against its rate in that order), and every outcome
   * in one batch.
   */
  private void handle(List<Pair> pairs) {
    Map<UUID, Agent> byId = agents.findAll(pairs.stream().map(Pair::agentId).distinct().toList());
    List<EventOutcomes.Recorded> recorded = new ArrayList<>();
    List<Pair> admitting = new ArrayList<>();
    List<Admission.Request> requests = new ArrayList<>();
    for (Pair pair : pairs) {
      Agent agent = byId.get(pair.agentId());
      if (agent == null || !agent.workspaceId().equals(pair.event().workspaceId())) {
        continue;
      }
      Map<String, Object> variables = EventContext.variables(pair.event());
      Optional<String> filtered = filtered(pair.triggers(), variables);
      if (filtered.isPresent()) {
        recorded.add(
            new EventOutcomes.Recorded(
                pair.event(), agent.id(), Outcome.FILTERED, null, filtered.get()));
        continue;
      }
      admitting.add(pair);
      // The outbox id stands in the run's source as a UUID: the same on every delivery.
      requests.add(
          new Admission.Request(
              new TriggerSource.Event(new UUID(0L, pair.event().eventId()), pair.event().type()),
              agent,
              TriggerContext.ofVariables(variables)));
    }
    List<AdmissionResult> results = requests.isEmpty() ? List.of() : admission.admitAll(requests);
    for (int i = 0; i < admitting.size(); i++) {
      recorded.add(recorded(admitting.get(i), results.get(i)));
    }
    outcomes.recordAll(recorded);
  }

  private static EventOutcomes.Recorded recorded(Pair pair, AdmissionResult result) {
    return switch (result) {
      case AdmissionResult.Admitted a ->
          new EventOutcomes.Recorded(
              pair.event(),
              pair.agentId(),
              a.waits() ? Outcome.QUEUED : Outcome.STARTED,
              a.execution().id(),
              null);
      case AdmissionResult.Skipped s ->
          new EventOutcomes.Recorded(
              pair.event(), pair.agentId(), Outcome.SKIPPED, s.execution().id(), s.reason());
      case AdmissionResult.Refused r ->
          new EventOutcomes.Recorded(
              pair.event(), pair.agentId(), Outcome.SKIPPED, null, r.message());
    };
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
