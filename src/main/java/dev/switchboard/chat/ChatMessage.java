package dev.switchboard.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * One message of a workspace's conversation: a person's (with its author) or Switchboard's reply
 * (no author, with its {@code kind} and the work order or run it is about).
 */
record ChatMessage(
    long seq,
    Author author,
    String text,
    String kind,
    UUID workOrderId,
    UUID executionId,
    Instant createdAt) {

  /** Who wrote it; null for Switchboard's replies. */
  record Author(UUID userId, String email) {}
}
