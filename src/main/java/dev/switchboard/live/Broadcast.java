package dev.switchboard.live;

import dev.switchboard.notification.NotificationCreated;
import dev.switchboard.run.RunEvent;
import dev.switchboard.workorder.WorkOrderUpdated;
import dev.switchboard.workspace.MembershipChanged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One event on its way to subscribers, in the form that also crosses to other nodes.
 *
 * @param topics the canonical topic names it goes to
 * @param userId when set, only that user's sessions get it (notifications)
 * @param event the event name, e.g. {@code execution:started}
 * @param data the event's payload
 */
record Broadcast(List<String> topics, UUID userId, String event, Map<String, Object> data) {

  static final String MEMBERSHIP_CHANGED = "membership:changed";

  /** A run's event goes to its agent, its run, its workspace and its work order (if any). */
  static Broadcast of(RunEvent e) {
    List<String> topics = new ArrayList<>(4);
    topics.add(new Topic.Agent(e.workspaceId(), e.agentId()).name());
    topics.add(new Topic.Execution(e.executionId()).name());
    topics.add(new Topic.Workspace(e.workspaceId()).name());
    if (e.workOrderId() != null) {
      topics.add(new Topic.WorkOrder(e.workOrderId()).name());
    }
    return new Broadcast(topics, null, e.event(), e.data() == null ? Map.of() : e.data());
  }

  /** A work order's change goes to its own topic and its workspace's. */
  static Broadcast of(WorkOrderUpdated u) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workOrderId", u.workOrderId());
    data.put("status", u.status().wireName());
    data.put("runNumber", u.runNumber());
    data.put("executionId", u.executionId());
    return new Broadcast(
        List.of(
            new Topic.WorkOrder(u.workOrderId()).name(),
            new Topic.Workspace(u.workspaceId()).name()),
        null,
        "work-order:updated",
        data);
  }

  /** Tells the other nodes to check the user's subscriptions again; it goes to no topic. */
  static Broadcast of(MembershipChanged m) {
    return new Broadcast(
        List.of(), m.userId(), MEMBERSHIP_CHANGED, Map.of("workspaceId", m.workspaceId()));
  }

  /** A notification rings only its recipient's bell, on the workspace topic. */
  static Broadcast of(NotificationCreated n) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("notificationId", n.notificationId());
    data.put("kind", n.kind());
    data.put("message", n.message());
    data.put("link", n.link());
    return new Broadcast(
        List.of(new Topic.Workspace(n.workspaceId()).name()),
        n.userId(),
        "notification:created",
        data);
  }
}
