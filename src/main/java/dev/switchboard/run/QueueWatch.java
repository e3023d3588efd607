package dev.switchboard.run;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends {@code execution:queued} when a run is queued and again whenever its position or reason
 * changes, for the runs at the front of the queue (the ones that move); its cost per tick is
 * bounded by {@link #WATCHED}, not by the queue's length.
 */
@Component
class QueueWatch {

  static final int WATCHED = 50;

  private final JdbcClient jdbc;
  private final QueueReasons reasons;
  private final RunEvents events;
  private final Clock clock;
  private final Map<UUID, QueueStatus> told = new ConcurrentHashMap<>();

  QueueWatch(JdbcClient jdbc, QueueReasons reasons, RunEvents events, Clock clock) {
    this.jdbc = jdbc;
    this.reasons = reasons;
    this.events = events;
    this.clock = clock;
  }

  private record Watched(UUID id, UUID workspaceId, UUID agentId, UUID workOrderId) {}

  /** Tells subscribers where a newly queued run stands. */
  void told(Execution run, QueueStatus status) {
    told.put(run.id(), status);
    events.publish(run, "execution:queued", status.data(run.id()));
  }

  /** Tells again each watched run whose position or reason is no longer what was said. */
  void tick() {
    List<Watched> front =
        jdbc.sql(
                """
                select id, workspace_id, agent_id, work_order_id from executions
                where status = 'queued' order by created_at, id limit ?\
                """)
            .param(WATCHED)
            .query((rs, i) ->
                new Watched(
                    rs.getObject("id", UUID.class),
                    rs.getObject("workspace_id", UUID.class),
                    rs.getObject("agent_id", UUID.class),
                    rs.getObject("work_order_id", UUID.class)))
            .list();
    Map<UUID, QueueStatus> standing =
        reasons.of(front.stream().map(Watched::id).toList(), clock.instant());
    Set<UUID> seen = new HashSet<>();
    for (Watched w : front) {
      seen.add(w.id());
      QueueStatus now = standing.get(w.id());
      if (now != null && !now.sameAs(told.get(w.id()))) {
        told.put(w.id(), now);
        events.publish(
            RunEvent.update(
                w.workspaceId(),
                w.agentId(),
                w.id(),
                w.workOrderId(),
                "execution:queued",
                now.data(w.id())));
      }
    }
    told.keySet().retainAll(seen);
  }
}
