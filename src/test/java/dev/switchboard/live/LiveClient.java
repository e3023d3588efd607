package dev.switchboard.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client on {@code /ws} that keeps every message the server sent, in order. */
final class LiveClient implements AutoCloseable {

  private final JsonMapper json;
  private final WebSocket socket;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();

  private LiveClient(JsonMapper json, URI uri) throws Exception {
    this.json = json;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(uri, new Collector())
            .get(10, TimeUnit.SECONDS);
  }

  static LiveClient connect(JsonMapper json, int port, String token) throws Exception {
    return new LiveClient(json, URI.create("ws://localhost:" + port + "/ws?token=" + token));
  }

  void send(String type, String topic) {
    socket
        .sendText(json.writeValueAsString(java.util.Map.of("type", type, "topic", topic)), true)
        .join();
  }

  void sendRaw(String text) {
    socket.sendText(text, true).join();
  }

  List<JsonNode> received() {
    return received;
  }

  /** Waits for the first message that matches, and returns it. */
  JsonNode await(Predicate<JsonNode> match) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> received.stream().filter(match).findFirst().orElse(null), m -> m != null);
  }

  /** Messages of one topic, in the order they came. */
  List<JsonNode> on(String topic) {
    return received.stream().filter(m -> topic.equals(m.path("topic").asString(null))).toList();
  }

  static Predicate<JsonNode> type(String type, String topic) {
    return m -> type.equals(m.path("type").asString()) && topic.equals(m.path("topic").asString());
  }

  static Predicate<JsonNode> event(String event, String topic) {
    return m ->
        "event".equals(m.path("type").asString())
            && topic.equals(m.path("topic").asString())
            && event.equals(m.path("event").asString());
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(json.readTree(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }
  }
}
