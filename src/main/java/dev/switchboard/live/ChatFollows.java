package dev.switchboard.live;

import dev.switchboard.run.Executions;
import dev.switchboard.run.QueueStatus;
import dev.switchboard.workorder.WorkOrder;
import dev.switchboard.workorder.WorkOrderStatus;
import dev.switchboard.workorder.WorkOrders;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The work orders that chat messages on this node's connections started, each followed for the
 * connection that sent the message: a {@code chat:update} as it moves (queued with its position →
 * running → review or failed), until it has landed. Fed by the same broadcasts as the topics, so a
 * run on another node is followed too.
 */
@Component
class ChatFollows {

  private final Map<UUID, Set<ChatFollow>> byWorkOrder = new ConcurrentHashMap<>();
  private final WorkOrders workOrders;
  private final Executions executions;
  private final LiveJson json;

  ChatFollows(WorkOrders workOrders, Executions executions, LiveJson json) {
    this.workOrders = workOrders;
    this.executions = executions;
    this.json = json;
  }

  /**
   * Follows the work order for the session: first where its run stood when the reply was written
   * (queued, with its position), then where it is now, since it may have moved meanwhile.
   */
  void follow(
      LiveSession session,
      UUID workspaceId,
      String clientMessageId,
      UUID workOrderId,
      JsonNode replyRun) {
    ChatFollow follow = new ChatFollow(session, workspaceId, clientMessageId, workOrderId, json);
    byWorkOrder.computeIfAbsent(workOrderId, id -> ConcurrentHashMap.newKeySet()).add(follow);
    if (replyRun.path("queuePosition").isNumber()) {
      on(follow, "execution:queued", replyRun);
    }
    Optional<WorkOrder> now = workOrders.find(workspaceId, workOrderId);
    if (now.isEmpty()) {
      return;
    }
    WorkOrder order = now.get();
    Optional<QueueStatus> queue =
        order.status() == WorkOrderStatus.QUEUED && order.activeRunId() != null
            ? executions.queueStatus(order.activeRunId())
            : Optional.empty();
    boolean landed =
        follow.moved(order.status().wireName(), order.activeRunId(), order.lastRunNumber());
    if (queue.isPresent()) {
      QueueStatus q = queue.get();
      landed =
          follow.queued(
              order.activeRunId(),
              q.position(),
              new ChatUpdate.QueueReason(q.reason().wireName(), q.message()),
              q.estimatedStartAt());
    }
    if (landed) {
      forget(follow);
    }
  }

  /** Whether a chat on this node follows any work order. */
  boolean followsAny() {
    return !byWorkOrder.isEmpty();
  }

  /** Whether a chat on this node follows the work order. */
  boolean follows(UUID workOrderId) {
    return byWorkOrder.containsKey(workOrderId);
  }

  /** A broadcast of a followed work order's topic: its status or its run's queue position. */
  void deliver(Broadcast b) {
    if (byWorkOrder.isEmpty()) {
      return; // nobody follows a work order: no topic of this broadcast needs parsing
    }
    for (String topic : b.topics()) {
      Optional<Topic> parsed = Topic.parse(topic);
      if (parsed.isEmpty() || !(parsed.get() instanceof Topic.WorkOrder w)) {
        continue;
      }
      Set<ChatFollow> followers = byWorkOrder.get(w.workOrderId());
      if (followers == null) {
        continue;
      }
      JsonNode data = json.tree(b.data());
      for (ChatFollow follow : followers) {
        if (on(follow, b.event(), data)) {
          forget(follow);
        }
      }
    }
  }

  private static boolean on(ChatFollow follow, String event, JsonNode data) {
    return switch (event) {
      case "work-order:updated" ->
          follow.moved(
              data.path("status").asString(),
              uuid(data.path("executionId")),
              data.path("runNumber").isNumber() ? data.path("runNumber").asInt() : null);
      case "execution:queued" ->
          follow.queued(
              uuid(data.path("executionId")),
              data.path("queuePosition").asInt(),
              new ChatUpdate.QueueReason(
                  data.path("queueReason").path("code").asString(),
                  data.path("queueReason").path("message").asString()),
              data.path("estimatedStartAt").isString()
                  ? Instant.parse(data.path("estimatedStartAt").stringValue())
                  : null);
      default -> false;
    };
  }

  /**
   * The user's membership changed: each of their follows of a work order they may no longer see
   * ends, with {@code error FORBIDDEN} for its topic, as their subscriptions do.
   */
  void recheck(UUID userId, Predicate<ChatFollow> stillAllowed, String message) {
    for (Set<ChatFollow> followers : byWorkOrder.values()) {
      for (ChatFollow follow : followers) {
        LiveSession session = follow.session();
        if (session.caller().userId().equals(userId) && !stillAllowed.test(follow)) {
          forget(follow);
          session.send(
              json.error("FORBIDDEN", new Topic.WorkOrder(follow.workOrderId()).name(), message));
        }
      }
    }
  }

  /** The session closed: its follows end. */
  void closed(LiveSession session) {
    byWorkOrder.values().forEach(set -> set.removeIf(f -> f.session() == session));
    byWorkOrder.values().removeIf(Set::isEmpty);
  }

  private void forget(ChatFollow follow) {
    byWorkOrder.computeIfPresent(
        follow.workOrderId(),
        (id, set) -> {
          set.remove(follow);
          return set.isEmpty() ? null : set;
        });
  }

  private static UUID uuid(JsonNode node) {
    return node.isString() ? UUID.fromString(node.stringValue()) : null;
  }
}
