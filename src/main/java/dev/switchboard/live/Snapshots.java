package dev.switchboard.live;

import dev.switchboard.run.Execution;
import dev.switchboard.run.Executions;
import dev.switchboard.run.HistoryQuery;
import dev.switchboard.run.LogLine;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the current state of a topic for a subscriber who joins late. */
@Component
class Snapshots {

  static final int LOG_TAIL = 200;

  private final Executions executions;
  private final Clock clock;

  Snapshots(Executions executions, Clock clock) {
    this.executions = executions;
    this.clock = clock;
  }

  /** The topic's current state; {@code fullLog} false gives the summary: system log lines only. */
  Snapshot of(Topic topic, boolean fullLog) {
    return switch (topic) {
      case Topic.Execution e ->
          executions
              .findAny(e.executionId())
              .map(run -> execution(run, fullLog))
              .orElse(Snapshot.of(Map.of()));
      case Topic.Agent a -> agent(a);
      case Topic.Workspace w -> Snapshot.of(Map.of("workspaceId", w.workspaceId()));
      case Topic.WorkOrder o -> Snapshot.of(Map.of("workOrderId", o.workOrderId()));
    };
  }

  /** The run as the detail API shows it, with the tail of its log. */
  private Snapshot execution(Execution e, boolean fullLog) {
    List<LogLine> tail = executions.tail(e.id(), LOG_TAIL, fullLog);
    long lastSeq = tail.isEmpty() ? 0 : tail.getLast().seq();
    Map<String, Object> data = new LinkedHashMap<>(executions.detail(e, fullLog));
    data.put("logTail", tail);
    data.put("lastSeq", lastSeq);
    return new Snapshot(data, e.id(), lastSeq);
  }

  /** The agent's newest run (null when it never ran). */
  private Snapshot agent(Topic.Agent a) {
    HistoryQuery newest = HistoryQuery.parse(null, null, null, null, null, 1, clock.instant());
    @SuppressWarnings("unchecked")
    List<Object> items =
        (List<Object>) executions.history(a.workspaceId(), a.agentId(), newest).get("items");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("agentId", a.agentId());
    data.put("latestExecution", items.isEmpty() ? null : items.getFirst());
    return Snapshot.of(data);
  }
}
