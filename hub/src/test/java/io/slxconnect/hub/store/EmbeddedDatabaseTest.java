package io.slxconnect.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubProcess;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command start: the hub runs its own PostgreSQL in its data directory, keeps data
 * across restarts, and recovers when a crashed hub left that PostgreSQL running.
 */
class EmbeddedDatabaseTest {

  @Test
  void aHubKilledHardRestartsOnItsDataWithNothingLost(@TempDir Path dataDir) throws Exception {
    int httpPort = TestDatabase.freePort();
    int dbPort = TestDatabase.freePort();
    Process first = startHubProcess(dataDir, httpPort, dbPort);
    try {
      var created = HubProcess.admin(httpPort).post("/api/v1/admins", new io.vertx.core.json
          .JsonObject().put("username", "kept").put("password", "kept-across-restarts")
          .put("role", "auditor"));
      assertEquals(201, created.status(), created.body());
    } finally {
      first.destroyForcibly().waitFor();
    }
    var orphan = EmbeddedDatabase.postmaster(dataDir.resolve("postgres"));
    assertTrue(orphan.isPresent(), "kill -9 of the hub leaves its PostgreSQL running");

    Process second = startHubProcess(dataDir, httpPort, dbPort);
    try {
      assertTrue(orphan.get().onExit().isDone() || !orphan.get().isAlive(),
          "the orphaned PostgreSQL was stopped");
      ApiClient.forUrl("http://127.0.0.1:" + httpPort).login("kept", "kept-across-restarts");
      assertThrows(SQLException.class, () -> DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "").close(),
          "the embedded PostgreSQL does not trust local connections");
    } finally {
      second.destroy();
      assertEquals(true, second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    }
    assertTrue(EmbeddedDatabase.postmaster(dataDir.resolve("postgres")).isEmpty(),
        "a clean stop also stops PostgreSQL");
  }

  private static Process startHubProcess(Path dataDir, int httpPort, int dbPort)
      throws Exception {
    return HubProcess.start(dataDir, httpPort, dbPort,
        Path.of(System.getProperty("slx.test.plugins-dir")), Map.of());
  }
}
