package dev.switchboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.run.RunEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ClusterRelayTest {

  /** Two nodes on one in-memory channel: what one sends, only the other hears. */
  static final class Wire {
    final List<Node> nodes = new ArrayList<>();

    Node node(String id) {
      Node n = new Node(id, this);
      nodes.add(n);
      return n;
    }
  }

  record Node(String nodeId, Wire wire, List<Consumer<String>> listeners, List<String> sent)
      implements ClusterBus {
    Node(String nodeId, Wire wire) {
      this(nodeId, wire, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    }

    @Override
    public void send(String channel, String payload) {
      sent.add(payload);
      wire.nodes.stream()
          .filter(n -> n != this)
          .forEach(n -> n.listeners.forEach(l -> l.accept(payload)));
    }

    @Override
    public void listen(String channel, Consumer<String> listener) {
      listeners.add(listener);
    }
  }

  final LiveJson json = new LiveJson(JsonMapper.builder().build());
  final Wire wire = new Wire();
  final Node here = wire.node("here");
  final Node there = wire.node("there");
  final List<Broadcast> heardThere = new CopyOnWriteArrayList<>();

  ClusterRelayTest() {
    new ClusterRelay(there, json).onReceive(heardThere::add);
  }

  @Test
  void a_run_event_reaches_the_other_node_with_its_topics() {
    UUID ws = UUID.randomUUID();
    UUID agent = UUID.randomUUID();
    UUID execution = UUID.randomUUID();
    Broadcast sent =
        Broadcast.of(
            new RunEvent(
                ws,
                agent,
                execution,
                null,
                null,
                null,
                null,
                "execution:started",
                Map.of("executionId", execution)));

    new ClusterRelay(here, json).send(sent);

    assertThat(heardThere).hasSize(1);
    Broadcast heard = heardThere.getFirst();
    assertThat(heard.topics())
        .containsExactly(
            "workspace:" + ws + ":agent:" + agent, "execution:" + execution, "workspace:" + ws);
    assertThat(heard.event()).isEqualTo("execution:started");
    assertThat(heard.data()).containsEntry("executionId", execution.toString());
  }

  @Test
  void a_huge_log_line_crosses_shortened_below_the_notify_limit() {
    UUID execution = UUID.randomUUID();
    Map<String, Object> data =
        Map.of("executionId", execution, "seq", 7, "stream", "stdout", "line", "é".repeat(20_000));
    Broadcast huge =
        Broadcast.of(
            new RunEvent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                execution,
                null,
                null,
                null,
                null,
                "execution:log",
                data));

    new ClusterRelay(here, json).send(huge);

    assertThat(here.sent().getFirst().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(ClusterRelay.MAX_BYTES);
    Broadcast heard = heardThere.getFirst();
    assertThat(heard.data())
        .containsEntry("seq", 7)
        .containsEntry("truncated", true)
        .containsEntry("line", "é".repeat(ClusterRelay.MAX_LINE));
  }
}
