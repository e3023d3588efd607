package dev.switchboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.workspace.Caller;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's update is heard while a session on this node follows one of the run's topics, or while
 * another node may be listening; otherwise the queue watch need not publish it.
 */
class RunAudienceTest {

  final LiveJson json = new LiveJson(JsonMapper.builder().build());
  boolean othersListen;
  final ClusterBus bus =
      new ClusterBus() {
        @Override
        public void send(String channel, String payload) {}

        @Override
        public boolean othersMayListen() {
          return othersListen;
        }

        @Override
        public void listen(String channel, Consumer<String> listener) {}

        @Override
        public String nodeId() {
          return "here";
        }
      };
  final LiveFanOut fanOut =
      new LiveFanOut(json, new ClusterRelay(bus, json), new ChatFollows(null, null, json));
  final LiveSession session =
      new LiveSession(
          new RecordingSocket(), new Caller(UUID.randomUUID(), "a@test.local", "A"), Runnable::run);

  final UUID ws = UUID.randomUUID();
  final UUID agent = UUID.randomUUID();
  final UUID execution = UUID.randomUUID();
  final UUID workOrder = UUID.randomUUID();

  @Test
  void nobody_hears_a_run_whose_topics_no_session_follows_while_no_other_node_listens() {
    fanOut.register(new Subscription(session, "execution:" + UUID.randomUUID(), false));

    assertThat(fanOut.mayHear(ws, agent, execution, null)).isFalse();
    assertThat(fanOut.mayHear(ws, agent, execution, workOrder)).isFalse();
  }

  @Test
  void each_of_the_runs_topics_makes_it_heard_until_its_subscription_ends() {
    for (String topic :
        new String[] {
          "workspace:" + ws + ":agent:" + agent,
          "execution:" + execution,
          "workspace:" + ws,
          "work-order:" + workOrder
        }) {
      Subscription s = new Subscription(session, topic, false);
      fanOut.register(s);
      assertThat(fanOut.mayHear(ws, agent, execution, workOrder)).as(topic).isTrue();
      fanOut.unregister(s);
      assertThat(fanOut.mayHear(ws, agent, execution, workOrder)).as(topic).isFalse();
    }
    fanOut.register(new Subscription(session, "work-order:" + workOrder, false));
    assertThat(fanOut.mayHear(ws, agent, execution, null)).isFalse();
  }

  @Test
  void another_node_that_may_listen_hears_every_run() {
    othersListen = true;

    assertThat(fanOut.mayHear(ws, agent, execution, null)).isTrue();
    assertThat(fanOut.mayHearAny()).isTrue();
  }

  @Test
  void no_run_is_heard_at_all_until_a_session_follows_some_topic() {
    assertThat(fanOut.mayHearAny()).isFalse();

    Subscription s = new Subscription(session, "execution:" + UUID.randomUUID(), false);
    fanOut.register(s);
    assertThat(fanOut.mayHearAny()).isTrue();
    fanOut.unregister(s);
    assertThat(fanOut.mayHearAny()).isFalse();
  }
}
