package dev.switchboard.live;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code chat:update}: where the work order a chat message started is now.
 *
 * @param clientMessageId the message that started it, as the client sent it (null if none)
 * @param status the work order's status: queued, running, then review or failed
 * @param queuePosition while queued: 1 = next; else null
 * @param queueReason while queued: why it waits
 * @param estimatedStartAt while queued: when it should start, null when unknown
 */
record ChatUpdate(
    String type,
    String topic,
    UUID workspaceId,
    String clientMessageId,
    UUID workOrderId,
    UUID executionId,
    Integer runNumber,
    String status,
    Integer queuePosition,
    QueueReason queueReason,
    Instant estimatedStartAt) {

  /** {@code queueReason}: {code, message}. */
  record QueueReason(String code, String message) {}

  /** Whether it says what {@code other} said: the same status and the same place in the queue. */
  boolean sameNews(ChatUpdate other) {
    return status.equals(other.status)
        && Objects.equals(queuePosition, other.queuePosition)
        && Objects.equals(queueReason, other.queueReason)
        && Objects.equals(executionId, other.executionId);
  }
}
