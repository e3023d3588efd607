package dev.switchboard.trigger;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentStatus;
import dev.switchboard.agent.AgentTrigger;
import dev.switchboard.agent.Agents;
import dev.switchboard.agent.TriggerDefinition;
import dev.switchboard.notification.Notifier;
import dev.switchboard.run.Admission;
import dev.switchboard.run.AdmissionResult;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.run.TriggerSource;
import dev.switchboard.sql.AfterCommit;
import dev.switchboard.workspace.WorkspaceAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires the due slots of schedules: records them in the ledger and asks admission for the run, in
 * one savepoint per schedule, so a slot and its run commit together or not at all. When two nodes
 * fire the same slot, the ledger's primary key lets one commit; the other's savepoint rolls back.
 */
@Component
class ScheduleFirer {

  private static final Logger log = LoggerFactory.getLogger(ScheduleFirer.class);

  static final String MISSED = "Missed: Switchboard was not running";
  static final String QUEUED_NOTICE = "Scheduled execution queued (previous run still active)";

  private final SlotLedger ledger;
  private final Agents agents;
  private final Admission admission;
  private final Notifier notifier;
  private final WorkspaceAccess access;
  private final TransactionTemplate tx;
  private final TransactionTemplate savepoint;
  private final Clock clock;
  private final Duration catchUp;
  private final Timer lateness;

  ScheduleFirer(
      SlotLedger ledger,
      Agents agents,
      Admission admission,
      Notifier notifier,
      WorkspaceAccess access,
      TransactionTemplate tx,
      PlatformTransactionManager transactions,
      Clock clock,
      @Value("${switchboard.schedule-catchup}") Duration catchUp,
      MeterRegistry registry) {
    this.ledger = ledger;
    this.agents = agents;
    this.admission = admission;
    this.notifier = notifier;
    this.access = access;
    this.tx = tx;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.clock = clock;
    this.catchUp = catchUp;
    this.lateness =
        Timer.builder("switchboard.schedule.lateness")
            .description("From a schedule slot's time to the commit of its run's admission")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * Fires what is due of the triggers in one transaction, each trigger in a savepoint of it: a
   * trigger whose slot another node recorded first, or whose firing fails, rolls back alone and the
   * others go on. Answers when the earliest next slot of them comes, if ever.
   */
  Optional<Instant> fire(List<AgentTrigger> triggers) {
    Instant now = clock.instant();
    long started = System.nanoTime();
    Map<UUID, Instant> recorded =
        ledger.last(triggers.stream().map(t -> t.trigger().id()).toList());
    List<Due> due = new ArrayList<>();
    Optional<Instant> next = Optional.empty();
    for (AgentTrigger trigger : triggers) {
      TriggerDefinition.Schedule schedule = (TriggerDefinition.Schedule) trigger.trigger();
      // Slots of an earlier definition of this trigger are not this definition's to catch up.
      Instant last = recorded.get(schedule.id());
      if (last == null || !last.isAfter(trigger.definedAt())) {
        last = trigger.definedAt();
      }
      DueSlots slots = DueSlots.of(schedule, last, now, catchUp);
      if (!slots.isEmpty()) {
        due.add(new Due(trigger, slots));
      }
      Optional<Instant> after = schedule.nextAfter(slots.fire() == null ? now : slots.fire());
      if (after.isPresent() && (next.isEmpty() || after.get().isBefore(next.get()))) {
        next = after;
      }
    }
    if (!due.isEmpty()) {
      long worked = System.nanoTime();
      tx.executeWithoutResult(status -> recordAll(due, now));
      long committed = System.nanoTime();
      long tookMs = Duration.between(now, clock.instant()).toMillis();
      if (tookMs >= SLOW.toMillis()) {
        log.info(
            "Fired {} schedules {} ms after the tick: {} ms reading the ledger and working out the"
                + " slots, {} ms recording and admitting them",
            due.size(),
            tookMs,
            (worked - started) / 1_000_000,
            (committed - worked) / 1_000_000);
      }
    }
    return next;
  }

  /** A firing that takes longer says where its time went. */
  static final Duration SLOW = Duration.ofMillis(100);

  private record Due(AgentTrigger trigger, DueSlots slots) {}

  /**
   * All the triggers' slots and runs in a few statements (a savepoint around them); when that fails
   * (another node recorded one of the slots first, or one trigger's firing fails), each trigger
   * again in a savepoint of its own, so the others still fire.
   */
  private void recordAll(List<Due> due, Instant now) {
    try {
      late(savepoint.execute(status -> record(due, now)));
    } catch (RuntimeException e) {
      log.debug("Firing {} schedules together failed; firing them one by one", due.size(), e);
      due.forEach(d -> recordAlone(d, now));
    }
  }

  private void recordAlone(Due due, Instant now) {
    try {
      late(savepoint.execute(status -> record(List.of(due), now)));
    } catch (DuplicateKeyException recordedByAnotherNode) {
      // That node fired these slots; nothing is left to do here.
    } catch (RuntimeException e) {
      // With the stack trace: the exception alone does not say which query failed.
      log.warn("Firing schedule {} failed; retrying next tick", due.trigger().trigger().id(), e);
    }
  }

  /**
   * Every ledger row is written before admission, trigger by trigger and oldest slot first: nodes
   * cut the same batches and so take their locks in the same order (slots, then the agents'
   * queues), so two nodes racing wait, never deadlock. The fired slot is recorded {@code queued}
   * (the claim) and settled after admission, in this same transaction.
   */
  /** Once the firing commits, how late each fired slot's run was admitted. */
  private void late(List<Instant> fired) {
    AfterCommit.run(
        () -> fired.forEach(slot -> lateness.record(Duration.between(slot, clock.instant()))));
  }

  /** Records the slots and admits their runs; answers the slots that fired a run. */
  private List<Instant> record(List<Due> due, Instant now) {
    Map<UUID, Agent> byId =
        agents.findAll(due.stream().map(d -> d.trigger().agentId()).distinct().toList());
    List<SlotLedger.Entry> claims = new ArrayList<>();
    List<Due> firing = new ArrayList<>();
    List<Admission.Request> requests = new ArrayList<>();
    for (Due d : due) {
      AgentTrigger trigger = d.trigger();
      Agent agent = byId.get(trigger.agentId());
      // Archived since the schedules were read, ahead of the slot: its schedule is gone.
      if (agent == null || agent.status() == AgentStatus.ARCHIVED) {
        continue;
      }
      for (Instant slot : d.slots().missed()) {
        claims.add(new SlotLedger.Entry(trigger, slot, SlotOutcome.SKIPPED, MISSED, null));
      }
      if (d.slots().fire() == null || !agent.workspaceId().equals(trigger.workspaceId())) {
        continue;
      }
      for (Instant slot : d.slots().coalesced()) {
        claims.add(new SlotLedger.Entry(trigger, slot, SlotOutcome.COALESCED, null, null));
      }
      claims.add(new SlotLedger.Entry(trigger, d.slots().fire(), SlotOutcome.QUEUED, null, null));
      firing.add(d);
      requests.add(
          new Admission.Request(
              new TriggerSource.Scheduled(trigger.trigger().id(), d.slots().fire()),
              agent,
              TriggerContext.EMPTY));
    }
    ledger.recordAll(claims, now);
    if (firing.isEmpty()) {
      return List.of();
    }
    List<AdmissionResult> results = admission.admitAll(requests);
    List<SlotLedger.Entry> settled = new ArrayList<>();
    for (int i = 0; i < firing.size(); i++) {
      Due d = firing.get(i);
      AdmissionResult result = results.get(i);
      Settled s = settled(result);
      settled.add(
          new SlotLedger.Entry(
              d.trigger(), d.slots().fire(), s.outcome(), s.reason(), s.executionId()));
      for (Instant slot : d.slots().coalesced()) {
        settled.add(
            new SlotLedger.Entry(d.trigger(), slot, SlotOutcome.COALESCED, null, s.executionId()));
      }
      if (result instanceof AdmissionResult.Admitted a && a.behindActiveRun()) {
        notifyManagers(requests.get(i).agent());
      }
    }
    ledger.settleAll(settled);
    return firing.stream().map(d -> d.slots().fire()).toList();
  }

  private record Settled(SlotOutcome outcome, String reason, UUID executionId) {}

  private static Settled settled(AdmissionResult result) {
    return switch (result) {
      case AdmissionResult.Admitted a ->
          new Settled(
              a.waits() ? SlotOutcome.QUEUED : SlotOutcome.STARTED, null, a.execution().id());
      case AdmissionResult.Skipped s ->
          new Settled(SlotOutcome.SKIPPED, s.reason(), s.execution().id());
      case AdmissionResult.Refused r -> new Settled(SlotOutcome.SKIPPED, r.message(), null);
    };
  }

  private void notifyManagers(Agent agent) {
    String link = "/w/" + agent.workspaceId() + "/agents/" + agent.id();
    access.members(agent.workspaceId()).stream()
        .filter(m -> m.role().canManage())
        .forEach(m ->
            notifier.notify(
                agent.workspaceId(), m.userId(), "schedule_queued", QUEUED_NOTICE, link));
  }
}
