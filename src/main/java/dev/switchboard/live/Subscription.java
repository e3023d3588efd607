package dev.switchboard.live;

import java.util.ArrayList;
import java.util.List;

/**
 * One session watching one topic. It is registered before its snapshot is read and holds back
 * events until the snapshot went out, so a late subscriber misses nothing in between; events the
 * snapshot already holds (log lines up to its last seq) are not sent twice.
 */
final class Subscription {

  /** Events held back while the snapshot is read; a run this chatty means a stuck database. */
  static final int MAX_HELD = 10_000;

  private record Held(Broadcast event, String json) {}

  private final LiveSession session;
  private final String topic;

  /** False for members and viewers: a run's log lines reach them only from the system stream. */
  private final boolean fullLog;

  private List<Held> held = new ArrayList<>();
  private Snapshot snapshot;

  Subscription(LiveSession session, String topic, boolean fullLog) {
    this.session = session;
    this.topic = topic;
    this.fullLog = fullLog;
  }

  private boolean hidden(Broadcast event) {
    return !fullLog
        && "execution:log".equals(event.event())
        && !"system".equals(event.data().get("stream"));
  }

  String topic() {
    return topic;
  }

  LiveSession session() {
    return session;
  }

  synchronized void deliver(Broadcast event, String json) {
    if (hidden(event)) {
      return;
    }
    if (held != null) {
      if (held.size() >= MAX_HELD) {
        session.drop("too many events while reading the snapshot of " + topic);
      } else {
        held.add(new Held(event, json));
      }
      return;
    }
    if (!snapshot.covers(event)) {
      session.send(json);
    }
  }

  /** Sends the snapshot, then what was held back, and goes live. */
  synchronized void start(Snapshot snapshot, String snapshotJson) {
    this.snapshot = snapshot;
    session.send(snapshotJson);
    for (Held h : held) {
      if (!snapshot.covers(h.event())) {
        session.send(h.json());
      }
    }
    held = null;
  }
}
