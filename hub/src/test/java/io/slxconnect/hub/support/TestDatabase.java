package io.slxconnect.hub.support;

import io.slxconnect.hub.config.DatabaseConfig;
import io.slxconnect.hub.store.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (the hub's own embedded one) shared by the tests of this JVM, with a fresh
 * database per hub so that tests never see each other's data.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestDatabase() {
  }

  /** @return the config of a new, empty database */
  public static synchronized DatabaseConfig newDatabase() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("slx-test-pg");
        server = EmbeddedDatabase.start(dir.resolve("data"), freePort(),
            dir.resolve("postgres.password"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // the JVM is going away
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String name = "slx_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", "postgres",
        server.password())) {
      c.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new DatabaseConfig("127.0.0.1", server.port(), name, "postgres",
        Optional.of(server.password()), "disable", Optional.empty());
  }

  /**
   * Runs SQL directly, to check what the hub stored.
   *
   * @param db the database
   * @param sql a query returning one text column
   * @return the first row's value, or null
   */
  public static String queryOne(DatabaseConfig db, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port()
        + "/" + db.database(), "postgres", db.password().orElse(""))) {
      var rs = c.createStatement().executeQuery(sql);
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a statement directly, to put the database in a state a test needs.
   *
   * @param db the database
   * @param sql the statement
   */
  public static void execute(DatabaseConfig db, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port()
        + "/" + db.database(), "postgres", db.password().orElse(""))) {
      c.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return a free loopback port */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
