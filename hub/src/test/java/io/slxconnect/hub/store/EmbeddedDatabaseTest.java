package io.slxconnect.hub.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
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
      awaitHealthy(httpPort);
      var created = api(httpPort).admin().post("/api/v1/admins", new io.vertx.core.json
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
      awaitHealthy(httpPort);
      assertTrue(orphan.get().onExit().isDone() || !orphan.get().isAlive(),
          "the orphaned PostgreSQL was stopped");
      api(httpPort).client().login("kept", "kept-across-restarts");
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
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.slxconnect.hub.Main");
    pb.environment().put("SLX_DATA_DIR", dataDir.toString());
    pb.environment().put("SLX_HTTP_HOST", "127.0.0.1");
    pb.environment().put("SLX_HTTP_PORT", Integer.toString(httpPort));
    pb.environment().put("SLX_EMBEDDED_DB_PORT", Integer.toString(dbPort));
    pb.environment().put("SLX_PLUGINS_DIR", System.getProperty("slx.test.plugins-dir"));
    pb.environment().put("SLX_ADMIN_USERNAME", TestHub.ADMIN);
    pb.environment().put("SLX_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD);
    pb.redirectErrorStream(true);
    pb.redirectOutput(Files.createTempFile("slx-hub-process", ".log").toFile());
    return pb.start();
  }

  private static void awaitHealthy(int port) {
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  private static RemoteHub api(int port) {
    return new RemoteHub("http://127.0.0.1:" + port);
  }

  /** The API of a hub in another process. */
  private record RemoteHub(String baseUrl) {
    io.slxconnect.hub.support.ApiClient client() {
      return io.slxconnect.hub.support.ApiClient.forUrl(baseUrl);
    }

    io.slxconnect.hub.support.ApiClient admin() {
      return client().login(TestHub.ADMIN, TestHub.ADMIN_PASSWORD);
    }
  }
}
