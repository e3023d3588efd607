package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Two nodes on one PostgreSQL: messages cross through LISTEN/NOTIFY, batched, never echoed. */
class PostgresBusTest {

  @Test
  void messages_reach_the_other_node_in_order_never_come_back_and_oversized_ones_are_refused()
      throws Exception {
    DriverManagerDataSource db =
        new DriverManagerDataSource(TestDatabase.postgresUrl(), "postgres", "");
    PostgresBus first = new PostgresBus(db, "node-a");
    PostgresBus second = new PostgresBus(db, "node-b");
    List<String> atFirst = new CopyOnWriteArrayList<>();
    List<String> atSecond = new CopyOnWriteArrayList<>();
    first.listen(ClusterBus.EVENTS, atFirst::add);
    second.listen(ClusterBus.EVENTS, atSecond::add);
    try {
      // The listeners connect in the background; keep sending until the other side hears us.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> {
            first.send(ClusterBus.EVENTS, "hello");
            Thread.sleep(100);
            return !atSecond.isEmpty();
          });
      atSecond.clear();
      for (int i = 0; i < 500; i++) {
        first.send(ClusterBus.EVENTS, "event-" + i + "-" + "x".repeat(100));
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> atSecond.size() == 500);
      assertThat(atSecond.get(0)).startsWith("event-0-");
      assertThat(atSecond.get(499)).startsWith("event-499-");
      assertThat(atFirst).isEmpty();

      // A payload that could never fit one NOTIFY (8,000 bytes) is refused; the rest still flows.
      first.send(ClusterBus.EVENTS, "é".repeat(4000));
      first.send(ClusterBus.EVENTS, "after the large one");
      await().atMost(Duration.ofSeconds(20)).until(() -> atSecond.size() == 501);
      assertThat(atSecond.get(500)).isEqualTo("after the large one");
    } finally {
      first.destroy();
      second.destroy();
    }
  }
}
