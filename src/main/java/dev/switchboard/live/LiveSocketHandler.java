package dev.switchboard.live;

import dev.switchboard.run.Executions;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.Membership;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The client side of the {@code /ws} protocol: {@code subscribe}, {@code unsubscribe}, {@code ping}
 * and {@code chat}. Every answer names the topic it is about; a topic that is malformed, unknown or
 * of another workspace gets the same {@code FORBIDDEN}.
 */
@Component
class LiveSocketHandler extends TextWebSocketHandler implements DisposableBean, LiveSessions {

  private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);
  private static final String NO_ACCESS = "Not a topic you may watch";

  private final TopicAccess access;
  private final Snapshots snapshots;
  private final LiveFanOut fanOut;
  private final LiveJson json;
  private final ChatOverSocket chat;
  private final ChatFollows follows;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();

  LiveSocketHandler(
      TopicAccess access,
      Snapshots snapshots,
      LiveFanOut fanOut,
      LiveJson json,
      ChatOverSocket chat,
      ChatFollows follows) {
    this.access = access;
    this.snapshots = snapshots;
    this.fanOut = fanOut;
    this.json = json;
    this.chat = chat;
    this.follows = follows;
  }

  @Override
  public int open() {
    return sessions.size();
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession socket) {
    Caller caller = (Caller) socket.getAttributes().get(CallerHandshake.CALLER);
    sessions.put(socket.getId(), new LiveSession(socket, caller, senders));
  }

  @Override
  protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
    LiveSession session = sessions.get(socket.getId());
    if (session == null) {
      return;
    }
    if (message.getPayloadLength() > LiveConfig.MAX_MESSAGE) {
      session.send(json.error("BAD_REQUEST", null, "Message too large"));
      return;
    }
    JsonNode command;
    try {
      command = json.read(message.getPayload());
    } catch (JacksonException e) {
      session.send(json.error("BAD_REQUEST", null, "Not JSON"));
      return;
    }
    String type = command.path("type").asString("");
    JsonNode topicNode = command.path("topic");
    String topic = topicNode.isString() ? topicNode.stringValue() : null;
    switch (type) {
      case "subscribe" -> subscribe(session, topic);
      case "unsubscribe" -> unsubscribe(session, topic);
      case "ping" -> session.send(json.pong());
      case "chat" -> chat.handle(session, command);
      default ->
          session.send(
              json.error("BAD_REQUEST", null, "type must be subscribe, unsubscribe, ping or chat"));
    }
  }

  private void subscribe(LiveSession session, String requested) {
    if (requested == null) {
      session.send(json.error("BAD_REQUEST", null, "topic is missing"));
      return;
    }
    Optional<Topic> parsed = Topic.parse(requested);
    Optional<Membership> member = parsed.flatMap(t -> access.memberFor(session.caller(), t));
    if (member.isEmpty()) {
      session.send(json.error("FORBIDDEN", echo(requested), NO_ACCESS));
      return;
    }
    // Members and viewers get the summary, as from the API: system log lines, no step results.
    boolean fullLog = Executions.seesEverything(member.get());
    Topic topic = parsed.get();
    String name = topic.name();
    if (session.subscription(name) != null) {
      session.send(json.subscribed(name));
      return;
    }
    if (session.isFull()) {
      session.send(
          json.error(
              "TOO_MANY_SUBSCRIPTIONS",
              name,
              "At most " + LiveSession.MAX_SUBSCRIPTIONS + " topics per connection"));
      return;
    }
    Subscription subscription = new Subscription(session, name, fullLog);
    session.add(subscription);
    fanOut.register(subscription);
    session.send(json.subscribed(name));
    try {
      Snapshot snapshot = snapshots.of(topic, fullLog);
      subscription.start(snapshot, json.snapshot(name, snapshot.data()));
    } catch (RuntimeException e) {
      log.warn("Snapshot of {} failed", name, e);
      fanOut.unregister(subscription);
      session.remove(name);
      session.send(
          json.error("INTERNAL", name, "Could not read the current state; subscribe again"));
    }
  }

  private void unsubscribe(LiveSession session, String requested) {
    Optional<Topic> parsed = Topic.parse(requested);
    if (parsed.isEmpty()) {
      session.send(json.error("BAD_REQUEST", echo(requested), "Not a topic"));
      return;
    }
    String name = parsed.get().name();
    Subscription subscription = session.remove(name);
    if (subscription != null) {
      fanOut.unregister(subscription);
    }
    session.send(json.unsubscribed(name));
  }

  /** The topic as the client wrote it, cut short so an error never grows with the input. */
  private static String echo(String requested) {
    if (requested == null) {
      return null;
    }
    return requested.length() > Topic.MAX_LENGTH
        ? requested.substring(0, Topic.MAX_LENGTH)
        : requested;
  }

  @Override
  public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
    LiveSession session = sessions.remove(socket.getId());
    if (session != null) {
      session.closed();
      follows.closed(session);
      session.subscriptions().forEach(fanOut::unregister);
    }
  }

  @Override
  public void destroy() {
    senders.shutdownNow();
  }
}
