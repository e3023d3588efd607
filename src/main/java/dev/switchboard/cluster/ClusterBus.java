package dev.switchboard.cluster;

import java.util.function.Consumer;

/**
 * Messages between Switchboard nodes sharing one database: wake-ups for the run queue and live
 * events. On PostgreSQL it is {@code LISTEN/NOTIFY}, batched; on the embedded database there is
 * only one node and nothing to send.
 */
public interface ClusterBus {

  /** A run was queued or a slot freed: claim now. */
  String WAKE = "switchboard_wake";

  /** Live events for subscribers connected to other nodes. */
  String EVENTS = "switchboard_events";

  /** Sends {@code payload} to the other nodes listening on {@code channel} (never back to us). */
  void send(String channel, String payload);

  /**
   * False only when this node knows no other node listens right now (a message sent would reach
   * nobody), so a sender may skip building it; true when it does not know.
   */
  default boolean othersMayListen() {
    return true;
  }

  /**
   * {@link #othersMayListen}, looked up now if what this node last saw is too old to say no: for a
   * caller about to do work that only another node could use.
   */
  default boolean othersListenNow() {
    return othersMayListen();
  }

  /** Calls {@code listener} with each payload other nodes send on {@code channel}. */
  void listen(String channel, Consumer<String> listener);

  /** This node's name, used as lease owner. */
  String nodeId();
}
