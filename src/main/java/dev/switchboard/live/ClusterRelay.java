package dev.switchboard.live;

import dev.switchboard.cluster.ClusterBus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Carries live events between nodes on {@link ClusterBus#EVENTS}. A NOTIFY payload holds at most
 * 8,000 bytes, so an oversized event (a very long log line) crosses shortened and marked {@code
 * truncated}; the full line stays readable through the logs API.
 */
@Component
class ClusterRelay {

  static final int MAX_BYTES = 6000;
  static final int MAX_LINE = 1000;

  private static final Logger log = LoggerFactory.getLogger(ClusterRelay.class);

  private final ClusterBus bus;
  private final LiveJson json;

  ClusterRelay(ClusterBus bus, LiveJson json) {
    this.bus = bus;
    this.json = json;
  }

  /** False only when no other node listens right now (see {@link ClusterBus#othersMayListen}). */
  boolean othersMayListen() {
    return bus.othersMayListen();
  }

  /** False only when no other node listens now (see {@link ClusterBus#othersListenNow}). */
  boolean othersListenNow() {
    return bus.othersListenNow();
  }

  void send(Broadcast b) {
    if (!bus.othersMayListen()) {
      return; // alone on the database: the JSON would be built only to be dropped by the bus
    }
    String text = json.write(b);
    if (tooBig(text)) {
      text = json.write(shortened(b));
      if (tooBig(text)) {
        log.warn("Live event {} too large for other nodes, not sent", b.event());
        return;
      }
    }
    bus.send(ClusterBus.EVENTS, text);
  }

  /** Events other nodes sent (never our own: the bus does not echo). */
  void onReceive(Consumer<Broadcast> deliver) {
    bus.listen(
        ClusterBus.EVENTS,
        text -> {
          try {
            deliver.accept(json.read(text, Broadcast.class));
          } catch (JacksonException e) {
            log.warn("Unreadable live event from another node: {}", e.getOriginalMessage());
          }
        });
  }

  private static boolean tooBig(String text) {
    return text.length() * 3 > MAX_BYTES
        && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
  }

  private static Broadcast shortened(Broadcast b) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (String key : new String[] {"executionId", "seq", "stream", "ts", "step", "status"}) {
      if (b.data().containsKey(key)) {
        data.put(key, b.data().get(key));
      }
    }
    if (b.data().get("line") instanceof String line) {
      data.put("line", line.substring(0, Math.min(line.length(), MAX_LINE)));
    }
    data.put("truncated", true);
    return new Broadcast(b.topics(), b.userId(), b.event(), data);
  }
}
