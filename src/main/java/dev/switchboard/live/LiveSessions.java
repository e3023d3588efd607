package dev.switchboard.live;

/** The WebSocket sessions open on this node, for the sessions gauge. */
public interface LiveSessions {

  int open();
}
