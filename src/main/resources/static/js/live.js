// The WebSocket at /ws (same origin, session cookie): subscribe to topics, get events.
// Pages must work without it (they poll too); it only makes updates arrive sooner.
(function () {
  "use strict";

  const handlers = new Map(); // topic -> Set of callbacks
  const byType = new Map(); // message type without a topic (chat:reply) -> Set of callbacks
  let socket = null;
  let retry = 1000;
  let connected = false;

  function connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    try {
      socket = new WebSocket(`${scheme}//${location.host}/ws`);
    } catch (e) {
      return;
    }
    socket.addEventListener("open", () => {
      connected = true;
      retry = 1000;
      for (const topic of handlers.keys()) send({ type: "subscribe", topic });
    });
    socket.addEventListener("message", (m) => {
      let msg;
      try {
        msg = JSON.parse(m.data);
      } catch (e) {
        return;
      }
      for (const set of [handlers.get(msg.topic), byType.get(msg.type)]) {
        if (set) for (const fn of set) fn(msg);
      }
    });
    socket.addEventListener("close", () => {
      connected = false;
      if (handlers.size || byType.size) setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
    socket.addEventListener("error", () => {});
  }

  function send(msg) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
  }

  /** Calls fn(message) for every message on the topic ({type: event|snapshot|subscribed…}). */
  function subscribe(topic, fn) {
    if (!handlers.has(topic)) {
      handlers.set(topic, new Set());
      send({ type: "subscribe", topic });
    }
    handlers.get(topic).add(fn);
    if (!socket) connect();
  }

  /** Calls fn(message) for every message of a type that has no topic of its own. */
  function on(type, fn) {
    if (!byType.has(type)) byType.set(type, new Set());
    byType.get(type).add(fn);
    if (!socket) connect();
  }

  /** Sends a message if the socket is open; false when it is not (the caller falls back to HTTP). */
  function post(msg) {
    if (!connected) return false;
    send(msg);
    return true;
  }

  window.SBLive = { subscribe, on, post, isConnected: () => connected };
})();
