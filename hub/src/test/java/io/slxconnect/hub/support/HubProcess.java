package io.slxconnect.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A hub in its own JVM on the embedded database, for tests that kill it with SIGKILL. */
public final class HubProcess {

  private HubProcess() {
  }

  /**
   * Starts a hub process and waits until it is healthy.
   *
   * @param dataDir its data directory
   * @param httpPort its HTTP port
   * @param dbPort its embedded PostgreSQL port
   * @param pluginsDir its plugins directory
   * @param extraEnv further settings
   * @return the process
   * @throws IOException when it cannot be started
   */
  public static Process start(Path dataDir, int httpPort, int dbPort, Path pluginsDir,
      Map<String, String> extraEnv) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.slxconnect.hub.Main");
    pb.environment().put("SLX_DATA_DIR", dataDir.toString());
    pb.environment().put("SLX_HTTP_HOST", "127.0.0.1");
    pb.environment().put("SLX_HTTP_PORT", Integer.toString(httpPort));
    pb.environment().put("SLX_EMBEDDED_DB_PORT", Integer.toString(dbPort));
    pb.environment().put("SLX_PLUGINS_DIR", pluginsDir.toString());
    pb.environment().put("SLX_ADMIN_USERNAME", TestHub.ADMIN);
    pb.environment().put("SLX_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD);
    pb.environment().putAll(extraEnv);
    pb.redirectErrorStream(true);
    pb.redirectOutput(Files.createTempFile("slx-hub-process", ".log").toFile());
    Process process = pb.start();
    try {
      awaitHealthy(httpPort);
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
    return process;
  }

  /**
   * Polls {@code /health} as a health checker does, each request with a time limit: a request
   * sent while the server is still starting can go unanswered (seen with Vert.x's HTTP server
   * metrics), and must not hold up the polls after it.
   */
  private static void awaitHealthy(int port) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  /**
   * The API of a hub process, logged in as the first admin.
   *
   * @param port its HTTP port
   * @return the client
   */
  public static ApiClient admin(int port) {
    return ApiClient.forUrl("http://127.0.0.1:" + port).login(TestHub.ADMIN,
        TestHub.ADMIN_PASSWORD);
  }
}
