package dev.switchboard.run;

import static dev.switchboard.run.ExecutionStatus.CANCELED;
import static dev.switchboard.run.ExecutionStatus.FAILED;
import static dev.switchboard.run.ExecutionStatus.QUEUED;
import static dev.switchboard.run.ExecutionStatus.RUNNING;
import static dev.switchboard.run.ExecutionStatus.SKIPPED;
import static dev.switchboard.run.ExecutionStatus.WAITING;
import static dev.switchboard.run.ExecutionStore.utc;

import dev.switchboard.sql.AfterCommit;
import dev.switchboard.sql.MultiRowInsert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that changes a run's status. Each move checks {@link Transitions}, updates the row
 * only while it is still in the status the move starts from ({@code where status = :from}), and
 * writes the transition row in the same transaction; a move that finds the run elsewhere changes
 * nothing and says so. Moves that free an agent's slot hand it to the next run queued behind.
 *
 * <p>The status a move starts from is written {@code (status = 'running') is true}: the same test,
 * which PostgreSQL can only apply to the row the primary key finds. As a plain comparison its
 * planner, counting few rows in a rare status, walked a status-leading index instead (all of that
 * status's entries, dead ones too: ~2,000 per drained run with autovacuum off).
 */
@Component
@Transactional
class RunMoves {

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final ExecutionStore store;
  private final RunEvents events;
  private final QueueWatch watch;
  private final SearchTerms terms;

  RunMoves(
      JdbcClient jdbc,
      JdbcTemplate template,
      ExecutionStore store,
      RunEvents events,
      QueueWatch watch,
      SearchTerms terms) {
    this.jdbc = jdbc;
    this.template = template;
    this.store = store;
    this.events = events;
    this.watch = watch;
    this.terms = terms;
  }

  /** Why a new run may not start before a time: the agent's rate, or a backoff. */
  record Hold(Instant until, QueueStatus.Reason reason) {}

  /**
   * A new run joins the queue, held until {@code hold} ends when one is given; as head it takes the
   * agent's slot (unique: a second one fails).
   */
  void enqueue(Execution run, boolean head, Hold hold) {
    enqueueAll(List.of(new Enqueued(run, head, hold)));
  }

  /** A new run for {@link #enqueueAll}: as its agent's head or behind it, maybe held. */
  record Enqueued(Execution run, boolean head, Hold hold) {}

  /**
   * New runs join the queue, their rows and transition rows written in one batch each; a head whose
   * agent's slot is taken fails the batch (unique), and the caller's savepoint undoes it.
   */
  void enqueueAll(List<Enqueued> runs) {
    if (runs.isEmpty()) {
      return;
    }
    template.batchUpdate(
        INSERT, runs.stream().map(q -> insertRow(q.run(), q.head(), q.hold())).toList());
    recordTransitions(
        runs.stream()
            .map(q ->
                new Transition(
                    q.run().id(), null, QUEUED, q.run().createdAt(), q.run().triggeredBy(), null))
            .toList());
    runs.forEach(q -> terms.admitted(q.run()));
  }

  /** A new run that will never run, recorded with its reason ("Skipped: Agent paused"). */
  void skip(Execution run) {
    insert(run, false, null);
    recordTransition(run.id(), null, SKIPPED, run.createdAt(), run.triggeredBy(), run.reason());
  }

  /** Takes up to {@code limit} claimable runs for {@code node} and returns them running. */
  List<Execution> claim(int limit, String node, Instant now, Instant leaseUntil) {
    Transitions.check(QUEUED, RUNNING);
    if (store.postgres()) {
      return jdbc.sql(CLAIM)
          .params(
              ExecutionStore.ANY_HEAD,
              utc(now),
              limit,
              utc(now),
              node,
              utc(leaseUntil),
              utc(now),
              "worker " + node)
          .query(store::row)
          .list();
    }
    List<Execution> locked = store.lockClaimable(limit, now);
    if (locked.isEmpty()) {
      return List.of();
    }
    int changed =
        jdbc.sql(
                """
                update executions set status = 'running', started_at = coalesce(started_at, :now),
                lease_owner = :node, lease_until = :lease, attempt = attempt + 1
                where id in (:ids) and (status = 'queued') is true\
                """)
            .param("now", utc(now))
            .param("node", node)
            .param("lease", utc(leaseUntil))
            .param("ids", locked.stream().map(Execution::id).toList())
            .update();
    if (changed != locked.size()) {
      // Cannot happen: the rows are locked since they were read as queued. Claim none of them.
      throw new IllegalStateException(
          "Claimed " + changed + " of " + locked.size() + " locked queued runs");
    }
    List<Execution> claimed = new ArrayList<>();
    List<Transition> transitions = new ArrayList<>();
    for (Execution e : locked) {
      claimed.add(e.claimed(now));
      transitions.add(new Transition(e.id(), QUEUED, RUNNING, now, "worker " + node, null));
    }
    recordTransitions(transitions);
    return claimed;
  }

  /**
   * The end of a run's turn on {@code node}: completed, failed, canceled or waiting, with the
   * checkpoint and the number of log lines it leaves behind.
   */
  record Leave(
      Execution run,
      String node,
      Outcome outcome,
      Instant at,
      Checkpoint checkpoint,
      long logLines,
      String actor) {}

  /**
   * The fenced end of a run's turn on {@code node}: completed, failed or canceled. False when the
   * node no longer owns the run (another node took it over).
   */
  boolean finish(
      Execution e,
      String node,
      Outcome outcome,
      Instant now,
      Checkpoint cp,
      long logLines,
      String actor) {
    if (outcome instanceof Outcome.Waiting) {
      throw new IllegalArgumentException("A waiting outcome is a wait, not a finish");
    }
    return leave(List.of(new Leave(e, node, outcome, now, cp, logLines, actor)))[0];
  }

  /** The run waits durably (a wait step or a handoff) until its resume time; fenced like finish. */
  boolean wait(
      Execution e,
      String node,
      Outcome.Waiting outcome,
      Instant now,
      Checkpoint cp,
      long logLines) {
    return leave(List.of(new Leave(e, node, outcome, now, cp, logLines, "worker " + node)))[0];
  }

  /**
   * Several runs leave running at once (a group commit of the runs that ended together), each
   * fenced by its node's lease as if alone; per run, whether it was written. Each run that moved
   * gets its transition row and hands its agent's slot to the next run queued behind.
   */
  boolean[] leave(List<Leave> leaves) {
    List<Object[]> rows = new ArrayList<>();
    for (Leave l : leaves) {
      ExecutionStatus to = statusOf(l.outcome());
      Transitions.check(RUNNING, to);
      rows.add(leaveRow(l, to));
    }
    int[] changed =
        template.batchUpdate(
            """
            update executions set status = ?, finished_at = ?, resume_at = ?,
            lease_owner = null, lease_until = null, head_agent_id = null, step_cursor = ?,
            state = ?, steps = ?, log_lines = ?, processed_count = coalesce(?, processed_count),
            summary = coalesce(?, summary), error = coalesce(?, error)
            where id = ? and lease_owner = ? and (status = 'running') is true\
            """,
            rows);
    boolean[] moved = new boolean[leaves.size()];
    List<Transition> transitions = new ArrayList<>();
    List<UUID> freed = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      Leave l = leaves.get(i);
      moved[i] = changed[i] == 1;
      if (moved[i]) {
        transitions.add(
            new Transition(
                l.run().id(),
                RUNNING,
                statusOf(l.outcome()),
                l.at(),
                l.actor(),
                reason(l.outcome())));
        freed.add(l.run().agentId());
        terms.stepped(l.run(), l.checkpoint().steps());
      }
    }
    recordTransitions(transitions);
    if (!freed.isEmpty()) {
      store.promoteNext(freed);
    }
    return moved;
  }

  private Object[] leaveRow(Leave l, ExecutionStatus to) {
    Integer processed = null;
    String summary = null;
    String error = null;
    Instant resumeAt = null;
    switch (l.outcome()) {
      case Outcome.Completed c -> {
        processed = c.processedCount();
        summary = store.text(c.summary());
      }
      case Outcome.Failed f -> error = store.text(ExecutionStore.errorOf(f));
      case Outcome.Waiting w -> resumeAt = w.resumeAt();
      case Outcome.Canceled c -> {}
    }
    Checkpoint cp = l.checkpoint();
    return new Object[] {
      to.wireName(),
      to.isTerminal() ? utc(l.at()) : null,
      utc(resumeAt),
      cp.cursor(),
      store.text(cp.state()),
      store.text(cp.steps()),
      l.logLines(),
      processed,
      summary,
      error,
      l.run().id(),
      l.node()
    };
  }

  /** A waiting run goes back to the queue, as head when its agent's slot is free. */
  boolean wake(UUID id, UUID agentId, Instant now, String actor, String reason) {
    Transitions.check(WAITING, QUEUED);
    boolean head = store.slotFree(agentId);
    int changed =
        jdbc.sql(
                """
                update executions set status = 'queued', resume_at = null,
                head_agent_id = case when ? then agent_id else null end
                where id = ? and (status = 'waiting') is true\
                """)
            .params(head, id)
            .update();
    return back(recorded(changed, id, WAITING, QUEUED, now, actor, reason), id);
  }

  /**
   * A run came back to the queue without a live event of its own (woken, requeued, released): once
   * committed, the runs it moved are told where they stand.
   */
  private boolean back(boolean moved, UUID id) {
    if (moved) {
      store
          .findAny(id)
          .ifPresent(e -> AfterCommit.run(() -> watch.moved(e.agentId(), e.createdAt())));
    }
    return moved;
  }

  /**
   * A running run whose node stopped responding goes back to the queue, keeping its slot and
   * checkpoint; false when it has been taken over {@code max} times already.
   */
  boolean requeue(UUID id, int max, Instant now, String reason) {
    Transitions.check(RUNNING, QUEUED);
    int changed =
        jdbc.sql(
                """
                update executions set status = 'queued', lease_owner = null, lease_until = null,
                recoveries = recoveries + 1 where id = ? and (status = 'running') is true and recoveries < ?\
                """)
            .params(id, max)
            .update();
    return back(recorded(changed, id, RUNNING, QUEUED, now, "lease-reaper", reason), id);
  }

  /** Fails a running run that kept losing its node, frees its slot and publishes the failure. */
  boolean abandon(UUID id, UUID agentId, Instant now, String reason) {
    Transitions.check(RUNNING, FAILED);
    int changed =
        jdbc.sql(
                """
                update executions set status = 'failed', finished_at = ?, lease_owner = null,
                lease_until = null, head_agent_id = null, error = ?
                where id = ? and (status = 'running') is true\
                """)
            .params(utc(now), store.text(Map.of("message", reason)), id)
            .update();
    boolean moved = recorded(changed, id, RUNNING, FAILED, now, "lease-reaper", reason);
    if (moved) {
      store.promoteNext(agentId);
      store
          .findAny(id)
          .ifPresent(e -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("executionId", id);
            data.put("success", false);
            data.put("error", reason);
            AfterCommit.run(() -> events.publish(e, "execution:failed", data));
          });
    }
    return moved;
  }

  /** Hands a run this node holds back to the queue (graceful shutdown); fenced by owner. */
  boolean release(UUID id, String node, Instant now) {
    Transitions.check(RUNNING, QUEUED);
    int changed =
        jdbc.sql(
                """
                update executions set status = 'queued', lease_owner = null, lease_until = null
                where id = ? and lease_owner = ? and (status = 'running') is true\
                """)
            .params(id, node)
            .update();
    return back(
        recorded(
            changed,
            id,
            RUNNING,
            QUEUED,
            now,
            "worker " + node,
            "Node shutting down; run handed back to the queue"),
        id);
  }

  /**
   * Cancels a run no worker holds (queued or waiting) and frees its slot; false when it was no
   * longer in {@code from}.
   */
  boolean cancel(Execution e, ExecutionStatus from, String by, Instant now) {
    Transitions.check(from, CANCELED);
    int changed =
        jdbc.sql(
                """
                update executions set status = 'canceled', canceled_by = ?, finished_at = ?,
                head_agent_id = null, resume_at = null where id = ? and (status = ?) is true\
                """)
            .params(by, utc(now), e.id(), from.wireName())
            .update();
    boolean moved = recorded(changed, e.id(), from, CANCELED, now, by, "Canceled by " + by);
    if (moved) {
      store.promoteNext(e.agentId());
    }
    return moved;
  }

  /**
   * The claim on PostgreSQL as one statement: the locking read, the update of the rows it locked
   * and their transition rows, answering the runs as the update left them (running, one attempt
   * more), the oldest first. H2 takes the same steps as three statements ({@link #claim}).
   */
  private static final String CLAIM =
      ("with picked as materialized (select id as picked_id"
              + ExecutionStore.CLAIMABLE
              + ")"
              + """
              , claimed as (
                update executions set status = 'running', started_at = coalesce(started_at, ?),
                lease_owner = ?, lease_until = ?, attempt = attempt + 1
                from picked where id = picked_id and (status = 'queued') is true
                returning %1$s)
              , moved as (
                insert into execution_transitions
                (execution_id, from_status, to_status, at, actor, reason)
                select id, 'queued', 'running', ?, ?, null from claimed)
              select %1$s from claimed order by created_at\
              """)
          .formatted(ExecutionStore.COLUMNS);

  private static final String INSERT =
      """
      insert into executions (id, workspace_id, agent_id, agent_name, trigger_type,
      triggered_by, trigger_context, prompt, status, head_agent_id, created_at, finished_at,
      work_order_id, run_number, retry_of, reason, not_before, hold_reason)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
      """;

  private static final String TRANSITIONS =
      "insert into execution_transitions (execution_id, from_status, to_status, at, actor, reason)"
          + " values ";

  private static final String TRANSITION_ROW = "(?, ?, ?, ?, ?, ?)";

  private void insert(Execution e, boolean head, Hold hold) {
    jdbc.sql(INSERT).params(insertRow(e, head, hold)).update();
    terms.admitted(e);
  }

  private Object[] insertRow(Execution e, boolean head, Hold hold) {
    return new Object[] {
      e.id(),
      e.workspaceId(),
      e.agentId(),
      e.agentName(),
      e.triggerType().wireName(),
      e.triggeredBy(),
      store.text(e.triggerContext().wire()),
      e.prompt(),
      e.status().wireName(),
      head ? e.agentId() : null,
      utc(e.createdAt()),
      utc(e.finishedAt()),
      e.workOrderId(),
      e.runNumber(),
      e.retryOf(),
      e.reason(),
      hold == null ? null : utc(hold.until()),
      hold == null ? null : hold.reason().wireName()
    };
  }

  static ExecutionStatus statusOf(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Completed c -> ExecutionStatus.COMPLETED;
      case Outcome.Failed f -> FAILED;
      case Outcome.Waiting w -> WAITING;
      case Outcome.Canceled c -> CANCELED;
    };
  }

  private static String reason(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Failed f -> f.message();
      case Outcome.Waiting w -> w.message();
      default -> null;
    };
  }

  private boolean recorded(
      int changed,
      UUID id,
      ExecutionStatus from,
      ExecutionStatus to,
      Instant at,
      String actor,
      String reason) {
    if (changed != 1) {
      return false;
    }
    recordTransition(id, from, to, at, actor, reason);
    return true;
  }

  private void recordTransition(
      UUID id, ExecutionStatus from, ExecutionStatus to, Instant at, String actor, String reason) {
    recordTransitions(List.of(new Transition(id, from, to, at, actor, reason)));
  }

  /** One row of a run's history of status changes; {@code from} is null for its first. */
  private record Transition(
      UUID id, ExecutionStatus from, ExecutionStatus to, Instant at, String actor, String reason) {}

  /** The rows go in as multi-row inserts: a group of runs that moved together is one statement. */
  private void recordTransitions(List<Transition> transitions) {
    List<Object[]> rows = new ArrayList<>();
    for (Transition t : transitions) {
      rows.add(
          new Object[] {
            t.id(),
            t.from() == null ? null : t.from().wireName(),
            t.to().wireName(),
            utc(t.at()),
            t.actor(),
            t.reason() == null ? null : t.reason().substring(0, Math.min(t.reason().length(), 1000))
          });
    }
    MultiRowInsert.insert(template, TRANSITIONS, TRANSITION_ROW, "", rows);
  }
}
