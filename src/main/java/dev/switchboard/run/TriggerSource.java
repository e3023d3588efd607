package dev.switchboard.run;

import dev.switchboard.agent.AgentStatus;
import dev.switchboard.workspace.Membership;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What asks admission for a run, carrying its own rules (SPEC "Admission"): the agent statuses it
 * accepts, the permission it needs, and whether a busy agent refuses it or queues it.
 */
public sealed interface TriggerSource {

  TriggerType type();

  /** Who or what started the run, as history shows it. */
  String triggeredBy();

  Rules rules();

  /** The person asking; empty for unattended sources, which need no permission. */
  default Optional<Membership> caller() {
    return Optional.empty();
  }

  /** The run this one retries, if any. */
  default UUID retryOf() {
    return null;
  }

  /** The work order this run serves, if any. */
  default WorkOrderRun workOrder() {
    return null;
  }

  /** What the caller's role must allow. */
  enum Permission {
    /** Unattended: nobody to check. */
    NONE,
    /** A member (not a viewer), and an owner or admin when the agent is admins-only. */
    RUN,
    /** Owners and admins only. */
    MANAGE
  }

  /**
   * A source's rules. An agent status it does not accept refuses the run when a person asked, and
   * records it as skipped when nobody did.
   */
  record Rules(Set<AgentStatus> accepts, Permission permission, boolean queuesWhenBusy) {

    /** A person pressing run: live or draft agents, refused while the agent is busy. */
    static final Rules BY_HAND =
        new Rules(EnumSet.of(AgentStatus.LIVE, AgentStatus.DRAFT), Permission.RUN, false);

    /** Schedules, events and webhooks: live agents only, queued behind a busy agent. */
    static final Rules UNATTENDED = new Rules(EnumSet.of(AgentStatus.LIVE), Permission.NONE, true);

    boolean unattended() {
      return permission == Permission.NONE;
    }
  }

  /** The run number of a work order's run. */
  record WorkOrderRun(UUID workOrderId, int runNumber) {}

  /** "Run Now" by a person. */
  record Manual(Membership by) implements TriggerSource {
    public TriggerType type() {
      return TriggerType.MANUAL;
    }

    public String triggeredBy() {
      return by.actor();
    }

    public Rules rules() {
      return Rules.BY_HAND;
    }

    public Optional<Membership> caller() {
      return Optional.of(by);
    }
  }

  /** A person retrying an earlier run, with that run's trigger context. */
  record Retry(Membership by, UUID retryOf) implements TriggerSource {
    public TriggerType type() {
      return TriggerType.RETRY;
    }

    public String triggeredBy() {
      return by.actor();
    }

    public Rules rules() {
      return Rules.BY_HAND;
    }

    public Optional<Membership> caller() {
      return Optional.of(by);
    }
  }

  /** The synchronous {@code /execute} API: owners and admins, live agents, queued when busy. */
  record Api(Membership by) implements TriggerSource {
    static final Rules RULES = new Rules(EnumSet.of(AgentStatus.LIVE), Permission.MANAGE, true);

    public TriggerType type() {
      return TriggerType.API;
    }

    public String triggeredBy() {
      return by.actor();
    }

    public Rules rules() {
      return RULES;
    }

    public Optional<Membership> caller() {
      return Optional.of(by);
    }
  }

  /** A schedule's slot came due. */
  record Scheduled(UUID triggerId, Instant slotAt) implements TriggerSource {
    public TriggerType type() {
      return TriggerType.SCHEDULED;
    }

    public String triggeredBy() {
      return "schedule";
    }

    public Rules rules() {
      return Rules.UNATTENDED;
    }
  }

  /** A CRM event ({@code contact.created} …) matched one of the agent's triggers. */
  record Event(UUID eventId, String eventName) implements TriggerSource {
    public TriggerType type() {
      return TriggerType.EVENT;
    }

    /** "event: contact_created" for {@code contact.created}. */
    public String triggeredBy() {
      return "event: " + eventName.replace('.', '_');
    }

    public Rules rules() {
      return Rules.UNATTENDED;
    }
  }

  /** A POST to the agent's secret webhook URL. */
  record Webhook(UUID triggerId) implements TriggerSource {
    public TriggerType type() {
      return TriggerType.WEBHOOK;
    }

    public String triggeredBy() {
      return "webhook";
    }

    public Rules rules() {
      return Rules.UNATTENDED;
    }
  }

  /** A chat command ({@code /run <agent>}): a manual trigger typed in chat. */
  record Chat(Membership by) implements TriggerSource {
    public TriggerType type() {
      return TriggerType.CHAT;
    }

    public String triggeredBy() {
      return by.actor();
    }

    public Rules rules() {
      return Rules.BY_HAND;
    }

    public Optional<Membership> caller() {
      return Optional.of(by);
    }
  }

  /**
   * A work order's next run, asked for over the API or in chat; it queues behind the agent's
   * current run (work orders share their agent), so a busy agent never refuses it.
   */
  record WorkOrder(Membership by, WorkOrderRun run, boolean viaChat) implements TriggerSource {
    static final Rules RULES =
        new Rules(EnumSet.of(AgentStatus.LIVE, AgentStatus.DRAFT), Permission.RUN, true);

    public TriggerType type() {
      return viaChat ? TriggerType.CHAT : TriggerType.API;
    }

    public String triggeredBy() {
      return by.actor();
    }

    public Rules rules() {
      return RULES;
    }

    public Optional<Membership> caller() {
      return Optional.of(by);
    }

    public WorkOrderRun workOrder() {
      return run;
    }
  }
}
