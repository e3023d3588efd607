// The WebSocket at /ws (same origin, session cookie): subscribe to topics, get events.
// Pages must work without it (they poll too); it only makes updates arrive sooner.
(function () {
  "use strict";

  const handlers = new Map(); // topic -> Set of callbacks
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
      const set = handlers.get(msg.topic);
      if (set) for (const fn of set) fn(msg);
    });
    socket.addEventListener("close", () => {
      connected = false;
      if (handlers.size) setTimeout(connect, retry);
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

  window.SBLive = { subscribe, isConnected: () => connected };
})();
