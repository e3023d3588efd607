package dev.switchboard.agent;

import dev.switchboard.plan.Condition;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.support.CronExpression;

/** One way an agent is started, as set with the agent ({@code triggers[]} in SPEC). */
public sealed interface TriggerDefinition {

  UUID id();

  /** The wire name of the trigger's type. */
  String type();

  /** Run Now: its filters are ANDed onto the run's first {@code search_contacts}. */
  record Manual(UUID id, List<Condition.Compare> filters) implements TriggerDefinition {
    public Manual {
      filters = List.copyOf(filters);
    }

    @Override
    public String type() {
      return "manual";
    }
  }

  /** A CRM event, optionally narrowed to one form and by a condition over the event's context. */
  record Event(UUID id, String event, UUID formId, Condition condition)
      implements TriggerDefinition {

    /** The events an agent may listen to. */
    public static final List<String> NAMES =
        List.of("contact.created", "contact.updated", "deal.stage_updated", "form.submitted");

    @Override
    public String type() {
      return "event";
    }
  }

  /** A secret URL that starts a run with the posted JSON as {@code @payload.*}. */
  record Webhook(UUID id) implements TriggerDefinition {
    @Override
    public String type() {
      return "webhook";
    }
  }

  /**
   * A schedule on the wall clock of {@code timezone}. A local time that does not exist that day
   * (DST gap) fires at the first instant after the gap; a local time that occurs twice fires once,
   * at its first occurrence.
   */
  record Schedule(
      UUID id,
      Frequency frequency,
      LocalTime time,
      DayOfWeek dayOfWeek,
      Integer dayOfMonth,
      String cron,
      ZoneId timezone)
      implements TriggerDefinition {

    /** The shapes a schedule can take; each preset is a fixed local time. */
    public enum Frequency {
      /** Every day at {@code time}. */
      DAILY,
      /** Every {@code dayOfWeek} at {@code time}. */
      WEEKLY,
      /** Every month on {@code dayOfMonth} (its last day when shorter) at {@code time}. */
      MONTHLY,
      /** A cron expression with seconds, or the classic five fields. */
      CRON;

      public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    @Override
    public String type() {
      return "schedule";
    }

    /** The first fire time strictly after {@code after}; empty when the schedule never fires. */
    public Optional<Instant> nextAfter(Instant after) {
      ZoneRules rules = timezone.getRules();
      CronExpression expression = frequency == Frequency.MONTHLY ? null : parsed(cronText());
      LocalDateTime local = LocalDateTime.ofInstant(after, timezone);
      // Bounded: local times inside a gap or the second half of an overlap resolve to instants
      // not after `after` and are passed over, never more than a day's worth of them.
      for (int i = 0; i < 100_000; i++) {
        local = nextLocal(expression, local);
        if (local == null) {
          return Optional.empty();
        }
        Instant at = resolve(local, rules);
        if (at.isAfter(after)) {
          return Optional.of(at);
        }
      }
      return Optional.empty();
    }

    /** The next {@code count} fire times after {@code after}. */
    public List<Instant> nextRuns(Instant after, int count) {
      List<Instant> out = new ArrayList<>();
      Instant cursor = after;
      while (out.size() < count) {
        Optional<Instant> next = nextAfter(cursor);
        if (next.isEmpty()) {
          break;
        }
        out.add(next.get());
        cursor = next.get();
      }
      return out;
    }

    private LocalDateTime nextLocal(CronExpression expression, LocalDateTime after) {
      if (expression == null) {
        LocalDateTime candidate = monthly(after.getYear(), after.getMonthValue());
        if (!candidate.isAfter(after)) {
          var month = after.toLocalDate().withDayOfMonth(1).plusMonths(1);
          candidate = monthly(month.getYear(), month.getMonthValue());
        }
        return candidate;
      }
      return expression.next(after);
    }

    private LocalDateTime monthly(int year, int month) {
      var first = java.time.LocalDate.of(year, month, 1);
      return first.withDayOfMonth(Math.min(dayOfMonth, first.lengthOfMonth())).atTime(time);
    }

    /**
     * Parsed crons, kept: a tick asks each schedule for its next slots three times or more, and
     * each ask parsed the cron again.
     */
    private static final Map<String, CronExpression> PARSED = new ConcurrentHashMap<>();

    private static CronExpression parsed(String cron) {
      if (PARSED.size() > 10_000) {
        PARSED.clear();
      }
      return PARSED.computeIfAbsent(cron, CronExpression::parse);
    }

    /** The six-field cron this schedule is, for every frequency but monthly. */
    String cronText() {
      return switch (frequency) {
        case DAILY ->
            "%d %d %d * * *".formatted(time.getSecond(), time.getMinute(), time.getHour());
        case WEEKLY ->
            "%d %d %d * * %s"
                .formatted(
                    time.getSecond(),
                    time.getMinute(),
                    time.getHour(),
                    dayOfWeek.name().substring(0, 3));
        case CRON -> sixFields(cron);
        case MONTHLY -> throw new IllegalStateException("monthly schedules are not cron");
      };
    }

    /** Classic five-field cron gains a seconds field of 0. */
    static String sixFields(String cron) {
      String trimmed = cron.strip();
      return trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed;
    }

    private static Instant resolve(LocalDateTime local, ZoneRules rules) {
      List<java.time.ZoneOffset> offsets = rules.getValidOffsets(local);
      if (offsets.isEmpty()) {
        ZoneOffsetTransition gap = rules.getTransition(local);
        return gap.getInstant();
      }
      return local.toInstant(offsets.getFirst());
    }
  }
}
