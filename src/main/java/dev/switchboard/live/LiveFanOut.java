package dev.switchboard.live;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.notification.NotificationCreated;
import dev.switchboard.run.RunAudience;
import dev.switchboard.run.RunEvent;
import dev.switchboard.workorder.WorkOrderUpdated;
import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who watches which topic on this node, and the delivery of run events and notifications to them.
 * Listeners only look up subscribers and queue text: no database, no waiting on sockets. Events of
 * this node also go to the other nodes through the {@link ClusterBus}, and theirs come back here.
 */
@Component
class LiveFanOut implements RunAudience, RunEvent.Listener {

  private final Map<String, Set<Subscription>> byTopic = new ConcurrentHashMap<>();
  private final LiveJson json;
  private final ClusterRelay relay;
  private final ChatFollows chatFollows;

  LiveFanOut(LiveJson json, ClusterRelay relay, ChatFollows chatFollows) {
    this.json = json;
    this.relay = relay;
    this.chatFollows = chatFollows;
  }

  /** Listens to other nodes once this object is complete (never from inside the constructor). */
  @PostConstruct
  void listenToOtherNodes() {
    relay.onReceive(this::deliver);
  }

  void register(Subscription s) {
    byTopic.compute(
        s.topic(),
        (topic, subs) -> {
          Set<Subscription> set = subs == null ? ConcurrentHashMap.newKeySet() : subs;
          set.add(s);
          return set;
        });
  }

  void unregister(Subscription s) {
    byTopic.computeIfPresent(
        s.topic(),
        (topic, subs) -> {
          subs.remove(s);
          return subs.isEmpty() ? null : subs;
        });
  }

  /** The subscriptions of one user's sessions on this node. */
  List<Subscription> subscriptionsOf(UUID userId) {
    return byTopic.values().stream()
        .flatMap(Set::stream)
        .filter(s -> s.session().caller().userId().equals(userId))
        .toList();
  }

  @Override
  public boolean mayHear(UUID workspaceId, UUID agentId, UUID executionId, UUID workOrderId) {
    if (relay.othersMayListen()) {
      return true;
    }
    if (byTopic.isEmpty()) {
      return workOrderId != null && chatFollows.follows(workOrderId);
    }
    return byTopic.containsKey(new Topic.Agent(workspaceId, agentId).name())
        || byTopic.containsKey(new Topic.Execution(executionId).name())
        || byTopic.containsKey(new Topic.Workspace(workspaceId).name())
        || workOrderId != null
            && (byTopic.containsKey(new Topic.WorkOrder(workOrderId).name())
                || chatFollows.follows(workOrderId));
  }

  @Override
  public boolean mayHearAny() {
    return !byTopic.isEmpty() || chatFollows.followsAny() || relay.othersListenNow();
  }

  @Override
  public void on(RunEvent event) {
    publish(Broadcast.of(event));
  }

  @EventListener
  void on(WorkOrderUpdated update) {
    publish(Broadcast.of(update));
  }

  @EventListener
  void on(NotificationCreated notification) {
    publish(Broadcast.of(notification));
  }

  private void publish(Broadcast b) {
    deliver(b);
    relay.send(b);
  }

  /** Hands the event to every local subscriber of its topics, written once per topic. */
  void deliver(Broadcast b) {
    chatFollows.deliver(b);
    for (String topic : b.topics()) {
      Set<Subscription> subs = byTopic.get(topic);
      if (subs == null) {
        continue;
      }
      String text = null;
      for (Subscription s : subs) {
        if (b.userId() != null && !b.userId().equals(s.session().caller().userId())) {
          continue;
        }
        if (text == null) {
          text = json.event(topic, b);
        }
        s.deliver(b, text);
      }
    }
  }
}
