package dev.switchboard.live;

import dev.switchboard.workspace.MembershipChanged;
import jakarta.annotation.PostConstruct;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Access to a topic is checked at subscribe time; when a membership ends or changes, the user's
 * open subscriptions, on every node, are checked again: each one the user may no longer watch ends
 * with {@code error FORBIDDEN} for its topic and gets no further events, and so does each chat task
 * they follow ({@link ChatFollows}).
 */
@Component
class MembershipWatch {

  static final String ENDED = "You are no longer a member of this workspace";

  private final LiveFanOut fanOut;
  private final TopicAccess access;
  private final ClusterRelay relay;
  private final LiveJson json;
  private final ChatFollows chatFollows;

  MembershipWatch(
      LiveFanOut fanOut,
      TopicAccess access,
      ClusterRelay relay,
      LiveJson json,
      ChatFollows chatFollows) {
    this.fanOut = fanOut;
    this.access = access;
    this.relay = relay;
    this.json = json;
    this.chatFollows = chatFollows;
  }

  @PostConstruct
  void listenToOtherNodes() {
    relay.onReceive(b -> {
      if (Broadcast.MEMBERSHIP_CHANGED.equals(b.event()) && b.userId() != null) {
        recheck(b.userId());
      }
    });
  }

  /** After commit, so the check reads the membership as it now is. */
  @TransactionalEventListener(fallbackExecution = true)
  void on(MembershipChanged change) {
    recheck(change.userId());
    relay.send(Broadcast.of(change));
  }

  private void recheck(UUID userId) {
    for (Subscription s : fanOut.subscriptionsOf(userId)) {
      boolean allowed =
          Topic.parse(s.topic())
              .flatMap(topic -> access.workspaceFor(s.session().caller(), topic))
              .isPresent();
      if (!allowed) {
        fanOut.unregister(s);
        s.session().remove(s.topic());
        s.session().send(json.error("FORBIDDEN", s.topic(), ENDED));
      }
    }
    chatFollows.recheck(
        userId,
        follow ->
            access
                .workspaceFor(follow.session().caller(), new Topic.WorkOrder(follow.workOrderId()))
                .isPresent(),
        ENDED);
  }
}
