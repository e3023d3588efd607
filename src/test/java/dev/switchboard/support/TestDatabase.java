package dev.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database the tests run on: a fresh H2 file database by default, or, when the build's
 * "postgres" execution sets {@code switchboard.test.database=postgres}, a fresh schema in the local
 * PostgreSQL. The PostgreSQL suite never skips: if the server is down the tests fail.
 *
 * <p>Each Spring context gets a database of its own. A context is a node: two cached contexts on
 * one database would be two nodes with two clocks (each test context moves its own), and one node's
 * stale clock would take runs, events and slots from under the other's tests.
 */
public final class TestDatabase {

  private static final String NAME = "sb_test_" + UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger CONTEXTS = new AtomicInteger();
  private static Path dataDir;

  private TestDatabase() {}

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("switchboard.test.database"));
  }

  public static String postgresUrl() {
    return System.getProperty(
        "switchboard.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  /** A temp data dir for this JVM (H2 files, keys, logs). */
  public static synchronized Path dataDir() {
    if (dataDir == null) {
      try {
        dataDir = Files.createTempDirectory("switchboard-test-");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return dataDir;
  }

  /** Called once per Spring context that is started: its own H2 file or PostgreSQL schema. */
  public static void register(DynamicPropertyRegistry registry) {
    String name = NAME + "_" + CONTEXTS.incrementAndGet();
    registry.add("switchboard.data-dir", () -> dataDir().toString());
    registry.add("switchboard.jobs-dir", () -> dataDir() + "-jobs");
    // Cached contexts stay open: an idle one gives its connections back (PostgreSQL allows 100).
    registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    if (postgres()) {
      createSchema(name);
      registry.add("spring.datasource.url", () -> postgresUrl() + "?currentSchema=" + name);
      registry.add("spring.datasource.username", () -> "postgres");
      registry.add("spring.datasource.password", () -> "");
      registry.add("spring.flyway.schemas", () -> name);
    } else {
      registry.add("spring.datasource.url", () -> h2Url(dataDir().resolve(name)));
    }
  }

  /** The application's own H2 URL (its options), with the file at {@code file}. */
  private static String h2Url(Path file) {
    Properties application = new Properties();
    try (InputStream in = TestDatabase.class.getResourceAsStream("/application.properties")) {
      application.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String url = application.getProperty("spring.datasource.url");
    return url.replace("${switchboard.data-dir}/switchboard", file.toString());
  }

  /** Creates a schema in the test PostgreSQL, dropped again when the JVM exits. */
  public static void createSchema(String name) {
    try (Connection c = DriverManager.getConnection(postgresUrl(), "postgres", "")) {
      c.createStatement().execute("create schema if not exists " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The PostgreSQL suite needs PostgreSQL at " + postgresUrl() + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(name)));
  }

  private static void dropSchema(String name) {
    try (Connection c = DriverManager.getConnection(postgresUrl(), "postgres", "")) {
      c.createStatement().execute("drop schema if exists " + name + " cascade");
    } catch (SQLException e) {
      // The schema has a random name; a leftover one harms nothing.
    }
  }
}
