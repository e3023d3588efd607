package dev.switchboard.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * {@code LISTEN/NOTIFY} on a dedicated connection. Sends are batched: whatever queued up in the
 * last few milliseconds goes out as few NOTIFYs as the 8,000-byte payload limit allows, never one
 * per row. Each payload starts with the sending node's id so a node ignores its own messages.
 *
 * <p>Nothing is sent while no other node listens: each node's listening connection is named {@value
 * #LISTENER} (as {@code application_name}), and the sender looks at most every {@link
 * #PEER_CHECK_MS} ms whether another one is connected to the database. A node that starts says so
 * to the others at once (a wake-up), and a node that hears another one knows it is there, so a new
 * node is heard within milliseconds rather than at the next check.
 */
final class PostgresBus implements ClusterBus, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PostgresBus.class);
  private static final int MAX_PAYLOAD = 7000;

  /** How long the sender gathers messages before it sends them together. */
  private static final long BATCH_WINDOW_MS = 5;

  private static final char SEPARATOR = '\u001e';

  /** The {@code application_name} of every node's listening connection. */
  static final String LISTENER = "switchboard-bus";

  /** How long the sender trusts what it last saw of the other nodes' listeners. */
  static final long PEER_CHECK_MS = 1000;

  private record Message(String channel, String payload) {}

  private final DataSource dataSource;
  private final String nodeId;
  private final BlockingQueue<Message> outbox = new LinkedBlockingQueue<>();
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private final Thread sender;
  private final Thread receiver;
  private volatile boolean running = true;
  private volatile int listenerPid;
  private volatile boolean othersListen;
  private volatile long peersCheckedAt = Long.MIN_VALUE;

  PostgresBus(DataSource dataSource, String nodeId) {
    this.dataSource = dataSource;
    this.nodeId = nodeId;
    this.sender = Thread.ofPlatform().name("pg-notify-send").daemon().start(this::sendLoop);
    this.receiver = Thread.ofPlatform().name("pg-notify-listen").daemon().start(this::receiveLoop);
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  /** Payloads that could never fit one NOTIFY are refused here, not lost with a whole batch. */
  @Override
  public void send(String channel, String payload) {
    if (utf8Length(payload) + nodeId.length() + 1 > MAX_PAYLOAD) {
      log.warn(
          "Dropping a {}-character message on {}: too large for NOTIFY", payload.length(), channel);
      return;
    }
    outbox.add(new Message(channel, payload));
  }

  /**
   * False while the last look (at most {@link #PEER_CHECK_MS} old) found no other listener; once
   * that look is older, true, so that the next message sent makes the sender look again. A node
   * that starts is heard at once (its wake-up), which makes this true.
   */
  @Override
  public boolean othersMayListen() {
    long checkedAt = peersCheckedAt;
    return othersListen
        || checkedAt == Long.MIN_VALUE
        || System.nanoTime() - checkedAt >= TimeUnit.MILLISECONDS.toNanos(PEER_CHECK_MS);
  }

  /** A rolled-back read on a pooled connection, at most once per {@link #PEER_CHECK_MS}. */
  @Override
  public boolean othersListenNow() {
    if (othersListen || !othersMayListen()) {
      return othersListen;
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      return othersListen(connection);
    } catch (SQLException e) {
      return true;
    }
  }

  private static int utf8Length(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  @Override
  public void listen(String channel, Consumer<String> listener) {
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
  }

  private void sendLoop() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        // A batch of NOTIFYs is one transaction: one commit however many payloads it packs.
        connection.setAutoCommit(false);
        try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
          while (running) {
            Message first = outbox.poll(500, TimeUnit.MILLISECONDS);
            if (first == null) {
              continue;
            }
            TimeUnit.MILLISECONDS.sleep(BATCH_WINDOW_MS);
            List<Message> batch = new ArrayList<>();
            batch.add(first);
            outbox.drainTo(batch, 10_000);
            if (!othersListen(connection)) {
              continue; // nobody to tell: a NOTIFY would cost a commit and reach no one
            }
            for (Map.Entry<String, String> packed : pack(batch)) {
              notify.setString(1, packed.getKey());
              notify.setString(2, packed.getValue());
              notify.execute();
            }
            connection.commit();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException e) {
        log.warn("NOTIFY failed, retrying: {}", e.getMessage());
        pause();
      }
    }
  }

  /**
   * Whether another node listens on this database, as last seen (looked up again when the last look
   * is older than {@link #PEER_CHECK_MS}; a read that is rolled back, not committed).
   */
  private boolean othersListen(Connection connection) throws SQLException {
    long now = System.nanoTime();
    if (peersCheckedAt != Long.MIN_VALUE
        && now - peersCheckedAt < TimeUnit.MILLISECONDS.toNanos(PEER_CHECK_MS)) {
      return othersListen;
    }
    try (PreparedStatement others =
        connection.prepareStatement(
            "select count(*) from pg_stat_activity where datname = current_database()"
                + " and application_name = ? and pid <> ?")) {
      others.setString(1, LISTENER);
      others.setInt(2, listenerPid);
      try (ResultSet rs = others.executeQuery()) {
        rs.next();
        othersListen = rs.getInt(1) > 0;
      }
    }
    connection.rollback();
    peersCheckedAt = now;
    return othersListen;
  }

  /** Joins messages of a channel into payloads below the limit: node id, then the messages. */
  private List<Map.Entry<String, String>> pack(List<Message> batch) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    Map<String, StringBuilder> open = new java.util.LinkedHashMap<>();
    for (Message m : batch) {
      StringBuilder current = open.get(m.channel());
      if (current != null
          && utf8Length(current.toString()) + utf8Length(m.payload()) + 1 > MAX_PAYLOAD) {
        out.add(Map.entry(m.channel(), current.toString()));
        current = null;
      }
      if (current == null) {
        current = new StringBuilder(nodeId);
        open.put(m.channel(), current);
      }
      current.append(SEPARATOR).append(m.payload());
    }
    open.forEach((channel, text) -> out.add(Map.entry(channel, text.toString())));
    return out;
  }

  private void receiveLoop() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("set application_name = '" + LISTENER + "'");
          for (String channel : List.of(WAKE, EVENTS)) {
            statement.execute("LISTEN " + channel);
          }
          try (ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
            rs.next();
            listenerPid = rs.getInt(1);
          }
        }
        // The others learn of this node now, not at their next look.
        peersCheckedAt = Long.MIN_VALUE;
        send(WAKE, "");
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(500);
          if (notifications == null) {
            continue;
          }
          for (PGNotification n : notifications) {
            deliver(n.getName(), n.getParameter());
          }
        }
      } catch (SQLException e) {
        if (running) {
          log.warn("LISTEN connection lost, reconnecting: {}", e.getMessage());
          pause();
        }
      }
    }
  }

  private void deliver(String channel, String packed) {
    String[] parts = packed.split(String.valueOf(SEPARATOR), -1);
    if (parts.length == 0 || parts[0].equals(nodeId)) {
      return;
    }
    othersListen = true;
    for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
      for (int i = 1; i < parts.length; i++) {
        try {
          listener.accept(parts[i]);
        } catch (RuntimeException e) {
          log.warn("Listener on {} failed: {}", channel, e.getMessage());
        }
      }
    }
  }

  private static void pause() {
    try {
      TimeUnit.SECONDS.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void destroy() {
    running = false;
    sender.interrupt();
  }
}
