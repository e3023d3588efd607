package dev.switchboard.live;

import dev.switchboard.workspace.Caller;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One open connection: who is on it, what it watches, and its outbox.
 *
 * <p>Events arrive from run threads that must not wait for a slow client, so {@link #send} only
 * queues; one task at a time drains the queue in order. A client that falls more than {@link
 * #BUFFER_LIMIT} behind, or whose send is stuck for {@link #SEND_TIME_LIMIT}, is dropped with
 * {@link CloseStatus#SESSION_NOT_RELIABLE} and may reconnect and resubscribe (it gets snapshots).
 */
final class LiveSession {

  static final int BUFFER_LIMIT = 4 * 1024 * 1024;
  static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(10);
  static final int MAX_SUBSCRIPTIONS = 100;

  private static final Logger log = LoggerFactory.getLogger(LiveSession.class);

  private final WebSocketSession socket;
  private final Caller caller;
  private final Executor sender;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedChars = new AtomicLong();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long sendingSince;

  LiveSession(WebSocketSession socket, Caller caller, Executor sender) {
    this.socket =
        new ConcurrentWebSocketSessionDecorator(
            socket,
            (int) SEND_TIME_LIMIT.toMillis(),
            BUFFER_LIMIT,
            ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    this.caller = caller;
    this.sender = sender;
  }

  Caller caller() {
    return caller;
  }

  String id() {
    return socket.getId();
  }

  Subscription subscription(String topic) {
    return subscriptions.get(topic);
  }

  boolean isFull() {
    return subscriptions.size() >= MAX_SUBSCRIPTIONS;
  }

  void add(Subscription s) {
    subscriptions.put(s.topic(), s);
  }

  Subscription remove(String topic) {
    return subscriptions.remove(topic);
  }

  Collection<Subscription> subscriptions() {
    return subscriptions.values();
  }

  /** Queues a message; never blocks. */
  void send(String json) {
    if (closed.get()) {
      return;
    }
    long queued = queuedChars.addAndGet(json.length());
    long since = sendingSince;
    if (queued > BUFFER_LIMIT
        || (since != 0 && System.nanoTime() - since > SEND_TIME_LIMIT.toNanos())) {
      drop("too slow: " + queued + " characters waiting");
      return;
    }
    outbox.add(json);
    if (draining.compareAndSet(false, true)) {
      sender.execute(this::drain);
    }
  }

  private void drain() {
    try {
      String json;
      while ((json = outbox.poll()) != null) {
        queuedChars.addAndGet(-json.length());
        if (closed.get()) {
          continue;
        }
        sendingSince = System.nanoTime();
        socket.sendMessage(new TextMessage(json));
        sendingSince = 0;
      }
    } catch (IOException | RuntimeException e) {
      sendingSince = 0;
      drop("send failed: " + e.getMessage());
    } finally {
      draining.set(false);
      if (!outbox.isEmpty() && !closed.get() && draining.compareAndSet(false, true)) {
        sender.execute(this::drain);
      }
    }
  }

  /** Closes a connection the server can no longer serve in order. */
  void drop(String reason) {
    if (closed.compareAndSet(false, true)) {
      log.info("Dropping WebSocket {} of {}: {}", id(), caller.email(), reason);
      outbox.clear();
      sender.execute(() -> {
        try {
          socket.close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (IOException | RuntimeException e) {
          log.debug("Closing WebSocket {} failed: {}", id(), e.getMessage());
        }
      });
    }
  }

  void closed() {
    closed.set(true);
    outbox.clear();
  }
}
