package dev.switchboard.live;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One work order followed for the connection whose chat message started it. Its status only moves
 * forward (queued → running → review or failed), so news that arrives late or twice is not sent
 * again; the queue position is sent each time it changes while the run waits.
 */
final class ChatFollow {

  private static final int QUEUED = 2;
  private static final int LANDED = 4;

  private final LiveSession session;
  private final UUID workspaceId;
  private final String clientMessageId;
  private final UUID workOrderId;
  private final LiveJson json;
  private int stage = -1;
  private UUID executionId;
  private Integer runNumber;
  private ChatUpdate lastSent;

  ChatFollow(
      LiveSession session,
      UUID workspaceId,
      String clientMessageId,
      UUID workOrderId,
      LiveJson json) {
    this.session = session;
    this.workspaceId = workspaceId;
    this.clientMessageId = clientMessageId;
    this.workOrderId = workOrderId;
    this.json = json;
  }

  LiveSession session() {
    return session;
  }

  UUID workOrderId() {
    return workOrderId;
  }

  /**
   * The work order is now in {@code status}; true once it has landed (review, failed or beyond) and
   * needs no more following.
   */
  synchronized boolean moved(String status, UUID runId, Integer number) {
    int next = stage(status);
    if (next <= stage) {
      return stage >= LANDED;
    }
    stage = next;
    if (runId != null) {
      executionId = runId;
    }
    if (number != null && number > 0) {
      runNumber = number;
    }
    send(status, null, null, null);
    return stage >= LANDED;
  }

  /** Its run waits at {@code position}: told again whenever that or the reason changes. */
  synchronized boolean queued(
      UUID runId, int position, ChatUpdate.QueueReason reason, Instant estimatedStartAt) {
    if (stage > QUEUED || (executionId != null && !executionId.equals(runId))) {
      return stage >= LANDED;
    }
    stage = QUEUED;
    executionId = runId;
    send("queued", position, reason, estimatedStartAt);
    return false;
  }

  private void send(
      String status, Integer position, ChatUpdate.QueueReason reason, Instant estimatedStartAt) {
    ChatUpdate update =
        new ChatUpdate(
            "chat:update",
            new Topic.WorkOrder(workOrderId).name(),
            workspaceId,
            clientMessageId,
            workOrderId,
            executionId,
            runNumber,
            status,
            position,
            reason,
            estimatedStartAt);
    if (lastSent != null && lastSent.sameNews(update)) {
      return;
    }
    lastSent = update;
    session.send(json.write(update));
  }

  private static int stage(String status) {
    return switch (Objects.requireNonNullElse(status, "")) {
      case "draft" -> 0;
      case "approved" -> 1;
      case "queued" -> QUEUED;
      case "running" -> 3;
      default -> LANDED;
    };
  }
}
