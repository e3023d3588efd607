package dev.switchboard.crm;

import java.util.List;

/**
 * The {@link CrmEvent}s of one outbox batch, oldest first, published once in the transaction that
 * marks them all delivered: a listener handles them together (a few statements for the batch, not a
 * few per event). When a listener fails on a batch, the publisher publishes each of its events
 * again as a batch of one, so that one failing event holds back no other.
 */
public record CrmEventBatch(List<CrmEvent> events) {

  public CrmEventBatch {
    events = List.copyOf(events);
  }
}
