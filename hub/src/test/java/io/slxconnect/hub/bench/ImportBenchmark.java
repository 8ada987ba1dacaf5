package io.slxconnect.hub.bench;

import io.slxconnect.hub.Hub;
import io.slxconnect.hub.config.ConfigLoader;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestPlugins;
import io.slxconnect.testdirectories.ExampleDirectory;
import io.slxconnect.testdirectories.SlapdServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * Imports a generated directory of users from OpenLDAP (its own process, bulk-loaded by
 * slapadd: a production LDAP server, whose simple paged results cost the same on every page)
 * through the LDAP plugin into a hub on its embedded PostgreSQL, then times list and search at
 * that size.
 * Run it with a bounded heap ({@code -Xmx512m}, as the {@code bench} Maven profile does); it
 * prints one JSON document.
 */
public final class ImportBenchmark {

  private static final String ADMIN = "bench-admin";
  private static final String PASSWORD = "bench-admin-password";

  private ImportBenchmark() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args the number of users (default 100 000)
   * @throws Exception when a step fails
   */
  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path work = Files.createTempDirectory("slx-bench");
    long loadStart = System.nanoTime();
    Path ldif = work.resolve("users.ldif");
    writeLdif(ldif, users);
    SlapdServer ldap = SlapdServer.start(ldif);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    AtomicLong peakHeap = new AtomicLong();
    ScheduledExecutorService sampler = sampleHeap(peakHeap);
    JsonObject result;
    try (Hub hub = Hub.start(ConfigLoader.load(Map.of(
        "SLX_DATA_DIR", work.resolve("data").toString(),
        "SLX_HTTP_HOST", "127.0.0.1", "SLX_HTTP_PORT", "0",
        "SLX_EMBEDDED_DB_PORT", Integer.toString(TestDatabase.freePort()),
        "SLX_ADMIN_USERNAME", ADMIN, "SLX_ADMIN_PASSWORD", PASSWORD),
        pluginsDirectory(work)))) {
      ApiClient api = ApiClient.forUrl("http://127.0.0.1:" + hub.port()).login(ADMIN, PASSWORD);
      String connector = ldapConnector(api, ldap);
      peakHeap.set(0);
      JsonObject first = timedImport(api, connector);
      JsonObject second = timedImport(api, connector);
      System.gc();
      long liveAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      result = new JsonObject()
          .put("users", users)
          .put("ldapServer", "OpenLDAP slapd (mdb), loaded by slapadd in "
              + Math.round(loadSeconds) + " s")
          .put("import", first)
          .put("reimportUnchanged", second)
          .put("heapMaxMb", Runtime.getRuntime().maxMemory() / (1 << 20))
          .put("heapPeakUsedMb", peakHeap.get() / (1 << 20))
          .put("heapLiveAfterImportMb", liveAfter / (1 << 20))
          .put("latencyMs", latencies(api, connector))
          .put("propagationMs", PropagationProbe.measure(api, 200))
          .put("machine", new JsonObject()
              .put("cores", Runtime.getRuntime().availableProcessors())
              .put("java", System.getProperty("java.version"))
              .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
    } finally {
      sampler.shutdownNow();
      ldap.close();
    }
    System.out.println(result.encodePrettily());
    System.exit(0);
  }

  /** The LDAP plugin the build made, and the test connectors for the propagation probe. */
  private static Path pluginsDirectory(Path work) throws Exception {
    System.setProperty("slx.test.plugins-dir", System.getProperty("slx.bench.plugins-dir",
        "target/plugins"));
    return TestPlugins.pluginsDirectory(Files.createDirectories(work.resolve("plugins")));
  }

  /**
   * Writes the population as LDIF: the tree every test directory has, and the users below it,
   * with some attributes shared by many (family names, departments) for the searches to find.
   */
  private static void writeLdif(Path ldif, int users) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(ldif, StandardCharsets.UTF_8)) {
      out.write(ExampleDirectory.BASE_LDIF);
      for (int i = 1; i <= users; i++) {
        String uid = String.format("user%06d", i);
        out.write("dn: uid=" + uid + "," + ExampleDirectory.PEOPLE + "\n"
            + "objectClass: inetOrgPerson\n"
            + "uid: " + uid + "\n"
            + "cn: Given" + i + " Family" + (i % 1000) + "\n"
            + "givenName: Given" + i + "\n"
            + "sn: Family" + (i % 1000) + "\n"
            + "mail: " + uid + "@example.com\n"
            + "employeeNumber: " + i + "\n"
            + "departmentNumber: D" + (i % 40) + "\n\n");
      }
    }
  }

  private static String ldapConnector(ApiClient api, SlapdServer ldap) throws Exception {
    var created = api.post("/api/v1/connectors", new JsonObject().put("name", "Benchmark LDAP")
        .put("type", "ldap").put("settings", new JsonObject()
            .put("urls", new JsonArray().add(ldap.url()))
            .put("security", "none").put("allowPlaintext", true)
            .put("bindDn", SlapdServer.ROOT_DN).put("bindPassword", ldap.rootPassword())
            .put("userBaseDn", ExampleDirectory.PEOPLE)
            .put("pageSize", 1000)));
    if (created.status() != 201) {
      throw new IllegalStateException("Connector not created: " + created.body());
    }
    String id = created.json().getString("id");
    WatchLatencyBenchmark.awaitRunning(api, id);
    return id;
  }

  /** Starts an import, waits for its end, and returns its counters and duration. */
  private static JsonObject timedImport(ApiClient api, String connector) throws Exception {
    long start = System.nanoTime();
    var started = api.post("/api/v1/connectors/" + connector + "/imports", null);
    String run = started.json().getString("id");
    JsonObject status = Awaitility.await().atMost(Duration.ofHours(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> api.get("/api/v1/imports/" + run).json(),
            s -> !"running".equals(s.getString("status")));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new JsonObject()
        .put("status", status.getString("status"))
        .put("seconds", Math.round(seconds * 10) / 10.0)
        .put("perSecond", Math.round(status.getInteger("read") / seconds))
        .put("read", status.getInteger("read"))
        .put("created", status.getInteger("created"))
        .put("updated", status.getInteger("updated"))
        .put("unchanged", status.getInteger("unchanged"))
        .put("failed", status.getInteger("failed"));
  }

  /** Median and 95th percentile of API calls a console makes on the users page. */
  private static JsonObject latencies(ApiClient api, String connector) {
    String second = api.get("/api/v1/users?limit=50").json().getString("next");
    Map<String, String> calls = new java.util.LinkedHashMap<>();
    calls.put("firstPage", "/api/v1/users?limit=50");
    calls.put("nextPage", "/api/v1/users?limit=50&cursor=" + second);
    calls.put("searchOneUser", "/api/v1/users?limit=50&q=user099999");
    calls.put("searchFamily", "/api/v1/users?limit=50&q=family42");
    calls.put("searchMatchingAll", "/api/v1/users?limit=50&q=example.com");
    calls.put("searchNoMatch", "/api/v1/users?limit=50&q=zzzz");
    calls.put("bySource", "/api/v1/users?limit=50&source=" + connector);
    JsonObject result = new JsonObject();
    calls.forEach((name, path) -> {
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        long t = System.nanoTime();
        var response = api.get(path);
        if (response.status() != 200) {
          throw new IllegalStateException(path + " answered " + response.status());
        }
        times.add((System.nanoTime() - t) / 1e6);
      }
      Collections.sort(times);
      result.put(name, new JsonObject().put("median", Timings.round(times.get(12)))
          .put("p95", Timings.round(times.get(23))));
    });
    return result;
  }

  private static ScheduledExecutorService sampleHeap(AtomicLong peak) {
    var memory = ManagementFactory.getMemoryMXBean();
    var sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heap-sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(
        memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 20,
        TimeUnit.MILLISECONDS);
    return sampler;
  }
}
