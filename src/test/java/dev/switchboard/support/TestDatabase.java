package dev.switchboard.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database the tests run on: a fresh H2 file database by default, or, when the build's
 * "postgres" execution sets {@code switchboard.test.database=postgres}, a fresh schema in the local
 * PostgreSQL. The PostgreSQL suite never skips: if the server is down the tests fail.
 */
public final class TestDatabase {

  private static final String NAME = "sb_test_" + UUID.randomUUID().toString().substring(0, 8);
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

  public static void register(DynamicPropertyRegistry registry) {
    registry.add("switchboard.data-dir", () -> dataDir().toString());
    registry.add("switchboard.jobs-dir", () -> dataDir() + "-jobs");
    if (postgres()) {
      createSchema();
      registry.add("spring.datasource.url", () -> postgresUrl() + "?currentSchema=" + NAME);
      registry.add("spring.datasource.username", () -> "postgres");
      registry.add("spring.datasource.password", () -> "");
      registry.add("spring.flyway.schemas", () -> NAME);
    }
  }

  private static synchronized void createSchema() {
    createSchema(NAME);
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
