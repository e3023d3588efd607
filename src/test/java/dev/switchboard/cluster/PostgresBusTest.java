package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
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

  /**
   * A node alone on its database sends no NOTIFY (each would cost a commit and reach nobody); once
   * a second node listens, messages flow again. On a database of its own: other suites' nodes
   * listen on the shared one.
   */
  @Test
  void a_lone_node_sends_nothing_until_another_node_listens() throws Exception {
    String name = "sb_bus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = TestDatabase.postgresUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    try (Connection admin =
            DriverManager.getConnection(TestDatabase.postgresUrl(), "postgres", "");
        Statement s = admin.createStatement()) {
      s.execute("create database " + name);
    }
    try {
      DriverManagerDataSource db = new DriverManagerDataSource(url, "postgres", "");
      try (Connection watcher = DriverManager.getConnection(url, "postgres", "");
          Statement w = watcher.createStatement()) {
        w.execute("LISTEN " + ClusterBus.EVENTS);
        PostgresBus first = new PostgresBus(db, "node-a");
        PostgresBus second = null;
        try {
          await().atMost(Duration.ofSeconds(20)).until(() -> listeners(w) == 1);
          for (int i = 0; i < 20; i++) {
            first.send(ClusterBus.EVENTS, "unheard-" + i);
          }
          Thread.sleep(PostgresBus.PEER_CHECK_MS + 500);
          assertThat(watcher.unwrap(PGConnection.class).getNotifications(100)).isNullOrEmpty();
          // The last look is older than PEER_CHECK_MS: asked now, the node looks again.
          assertThat(first.othersMayListen()).isTrue();
          assertThat(first.othersListenNow()).isFalse();

          second = new PostgresBus(db, "node-b");
          await()
              .atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(200))
              .until(first::othersListenNow);
          List<String> atSecond = new CopyOnWriteArrayList<>();
          second.listen(ClusterBus.EVENTS, atSecond::add);
          await()
              .atMost(Duration.ofSeconds(20))
              .until(() -> {
                first.send(ClusterBus.EVENTS, "hello");
                Thread.sleep(100);
                return !atSecond.isEmpty();
              });
          assertThat(atSecond).allMatch("hello"::equals);
        } finally {
          first.destroy();
          if (second != null) {
            second.destroy();
          }
        }
      }
    } finally {
      try (Connection admin =
              DriverManager.getConnection(TestDatabase.postgresUrl(), "postgres", "");
          Statement s = admin.createStatement()) {
        s.execute("drop database if exists " + name + " with (force)");
      }
    }
  }

  private static int listeners(Statement s) throws Exception {
    try (ResultSet rs =
        s.executeQuery(
            "select count(*) from pg_stat_activity where datname = current_database()"
                + " and application_name = '"
                + PostgresBus.LISTENER
                + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
