package io.slxconnect.hub.support;

import io.slxconnect.hub.Hub;
import io.slxconnect.hub.config.ConfigLoader;
import io.slxconnect.hub.config.DatabaseConfig;
import io.slxconnect.hub.config.HubConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real hub for tests: its own database in the shared test PostgreSQL, its own data directory,
 * the plugins the build put in target/plugins, a random port, and a first admin.
 */
public final class TestHub implements AutoCloseable {

  public static final String ADMIN = "root-admin";
  public static final String ADMIN_PASSWORD = "correct horse battery staple";

  private final Hub hub;
  private final DatabaseConfig database;
  private final Path dataDir;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private TestHub(Hub hub, DatabaseConfig database, Path dataDir) {
    this.hub = hub;
    this.database = database;
    this.dataDir = dataDir;
  }

  /** @return a hub with the first admin created from the environment */
  public static TestHub start() {
    return start(Map.of("SLX_ADMIN_USERNAME", ADMIN, "SLX_ADMIN_PASSWORD", ADMIN_PASSWORD));
  }

  /**
   * Starts a hub with the first admin on a plugins directory of the test's own.
   *
   * @param pluginsDir the plugins directory
   * @return the running hub
   */
  public static TestHub start(Path pluginsDir) {
    return start(Map.of("SLX_ADMIN_USERNAME", ADMIN, "SLX_ADMIN_PASSWORD", ADMIN_PASSWORD),
        pluginsDir);
  }

  /**
   * Starts a hub.
   *
   * @param extraEnv settings on top of the test defaults
   * @return the running hub
   */
  public static TestHub start(Map<String, String> extraEnv) {
    return start(extraEnv, Path.of(System.getProperty("slx.test.plugins-dir")));
  }

  /**
   * Starts a hub on a given plugins directory.
   *
   * @param extraEnv settings on top of the test defaults
   * @param pluginsDir the plugins directory
   * @return the running hub
   */
  public static TestHub start(Map<String, String> extraEnv, Path pluginsDir) {
    try {
      return startOn(Files.createTempDirectory("slx-test-hub"), TestDatabase.newDatabase(),
          extraEnv, pluginsDir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Test hub did not start", e);
    }
  }

  /**
   * Starts a hub on a given data directory and database, to start it again where an earlier
   * one stopped.
   *
   * @param dataDir the data directory
   * @param db the database
   * @param extraEnv settings on top of the test defaults
   * @param pluginsDir the plugins directory
   * @return the running hub
   */
  public static TestHub startOn(Path dataDir, DatabaseConfig db, Map<String, String> extraEnv,
      Path pluginsDir) {
    return startOn(dataDir, db, extraEnv, pluginsDir, java.time.Clock.systemUTC());
  }

  /**
   * Starts a hub whose webhook deliveries come due by a clock of the test's.
   *
   * @param extraEnv settings on top of the test defaults
   * @param clock the clock
   * @return the running hub
   */
  public static TestHub start(Map<String, String> extraEnv, java.time.Clock clock) {
    try {
      return startOn(Files.createTempDirectory("slx-test-hub"), TestDatabase.newDatabase(),
          extraEnv, Path.of(System.getProperty("slx.test.plugins-dir")), clock);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Test hub did not start", e);
    }
  }

  private static TestHub startOn(Path dataDir, DatabaseConfig db, Map<String, String> extraEnv,
      Path pluginsDir, java.time.Clock clock) {
    try {
      Map<String, String> env = new HashMap<>();
      env.put("SLX_HTTP_HOST", "127.0.0.1");
      env.put("SLX_HTTP_PORT", "0");
      env.put("SLX_DATA_DIR", dataDir.toString());
      env.put("SLX_PLUGINS_DIR", pluginsDir.toString());
      env.put("SLX_PLUGIN_CALL_TIMEOUT", "20s");
      env.putAll(extraEnv);
      HubConfig base = ConfigLoader.load(env, pluginsDir);
      HubConfig config = base.withDatabase(db);
      return new TestHub(Hub.start(config, clock), db, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("Test hub did not start", e);
    }
  }

  /** @return the hub's base URL */
  public String baseUrl() {
    return "http://127.0.0.1:" + hub.port();
  }

  /** @return the hub's own database */
  public DatabaseConfig database() {
    return database;
  }

  /** @return its data directory */
  public Path dataDir() {
    return dataDir;
  }

  /** @return a client for the API of this hub, not logged in */
  public ApiClient client() {
    return new ApiClient(http, baseUrl());
  }

  /** @return a client logged in as the first admin */
  public ApiClient admin() {
    return client().login(ADMIN, ADMIN_PASSWORD);
  }

  /**
   * A raw GET, for non-API paths.
   *
   * @param path the path
   * @return the response
   */
  public HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    hub.close();
  }
}
