package io.slxconnect.hub.bench;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.slxconnect.hub.Hub;
import io.slxconnect.hub.config.ConfigLoader;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.Connectors;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestPlugins;
import io.slxconnect.testdirectories.ExampleDirectory;
import io.slxconnect.testdirectories.SlapdServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Upgrades the LDAP plugin again and again while people are hired into OpenLDAP and several
 * content-sync connectors watch it. Prints, as JSON: how long each upload took to answer, how
 * long a hire took to reach the hub outside and during upgrades, and the loaded classes and
 * metaspace before and after all upgrades (a leaked class loader keeps both growing).
 *
 * <p>Run with {@code ./mvnw -Pbench-plugins -pl hub -am -DskipTests verify}.
 */
public final class PluginUpgradeBenchmark {

  private static final String ADMIN = "bench-admin";
  private static final String PASSWORD = "bench-admin-password";
  private static final int CONNECTORS = 5;
  private static final int UPGRADES = 20;
  private static final Duration HIRE_EVERY = Duration.ofMillis(20);

  private PluginUpgradeBenchmark() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args none
   * @throws Exception when it cannot run
   */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("slx-plugin-bench");
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    Files.copy(TestPlugins.built("slx-plugin-ldap.jar"), plugins.resolve("slx-plugin-ldap.jar"));
    ScheduledExecutorService hr = Executors.newSingleThreadScheduledExecutor();
    try (SlapdServer slapd = SlapdServer.start(ExampleDirectory.BASE_LDIF);
        LDAPConnection writer = slapd.connect();
        Hub hub = Hub.start(ConfigLoader.load(Map.of(
            "SLX_DATA_DIR", work.resolve("data").toString(),
            "SLX_HTTP_HOST", "127.0.0.1", "SLX_HTTP_PORT", "0",
            "SLX_EMBEDDED_DB_PORT", Integer.toString(TestDatabase.freePort()),
            "SLX_ADMIN_USERNAME", ADMIN, "SLX_ADMIN_PASSWORD", PASSWORD), plugins))) {
      ApiClient api = ApiClient.forUrl("http://127.0.0.1:" + hub.port()).login(ADMIN, PASSWORD);
      for (int i = 0; i < CONNECTORS; i++) {
        String ou = "ou=dept" + i + "," + ExampleDirectory.PEOPLE;
        writer.add(new Entry(ou, new Attribute("objectClass", "organizationalUnit"),
            new Attribute("ou", "dept" + i)));
        Connectors.connectAndImport(api, new JsonObject().put("name", "Dept " + i)
            .put("type", "ldap").put("settings", new JsonObject()
                .put("urls", new JsonArray().add(slapd.url()))
                .put("security", "none").put("allowPlaintext", true)
                .put("bindDn", SlapdServer.ROOT_DN).put("bindPassword", slapd.rootPassword())
                .put("userBaseDn", ou).put("userFilter", "(objectClass=inetOrgPerson)")
                .put("changeDetection", "content-sync")));
      }
      JsonObject before = memory();
      Instant start = Instant.now();
      Map<String, Instant> hiredAt = new ConcurrentHashMap<>();
      AtomicInteger hired = new AtomicInteger();
      hr.scheduleAtFixedRate(() -> hire(writer, hired, hiredAt), 0, HIRE_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);

      List<Double> uploads = new ArrayList<>();
      List<Instant[]> windows = new ArrayList<>();
      for (int version = 1; version <= UPGRADES; version++) {
        waitMillis(500);
        Instant from = Instant.now();
        long t0 = System.nanoTime();
        var upgraded = api.upload("/api/v1/plugins", "slx-plugin-ldap.jar",
            TestPlugins.reversioned(TestPlugins.built("slx-plugin-ldap.jar"),
                "1." + version + ".0"));
        uploads.add((System.nanoTime() - t0) / 1e6);
        if (upgraded.status() != 200) {
          throw new IllegalStateException("Upgrade failed: " + upgraded.body());
        }
        windows.add(new Instant[] {from, Instant.now()});
      }
      waitMillis(500);
      hr.shutdown();
      try {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
            .until(() -> createdAt(api, start).size() >= hired.get());
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        Map<String, Instant> seen = createdAt(api, start);
        List<String> missing = hiredAt.keySet().stream().filter(u -> !seen.containsKey(u))
            .sorted().toList();
        throw new IllegalStateException(missing.size() + " of " + hired.get()
            + " hires never reached the hub, e.g. " + missing.subList(0,
            Math.min(10, missing.size())) + " hired at " + hiredAt.get(missing.get(0))
            + "; upgrades ran " + windows.stream().map(w -> w[0] + ".." + w[1]).toList(), e);
      }
      Map<String, Instant> arrived = createdAt(api, start);

      List<Double> quiet = new ArrayList<>();
      List<Double> upgrading = new ArrayList<>();
      hiredAt.forEach((uid, at) -> {
        double ms = Duration.between(at, arrived.get(uid)).toNanos() / 1e6;
        boolean during = windows.stream().anyMatch(w -> !at.isBefore(w[0]) && !at.isAfter(w[1]));
        (during ? upgrading : quiet).add(ms);
      });
      System.gc();
      System.out.println(new JsonObject()
          .put("connectors", CONNECTORS).put("upgrades", UPGRADES)
          .put("hires", hired.get()).put("hiresArrived", arrived.size())
          .put("uploadToAnswerMs", Timings.summary(uploads))
          .put("hireToHubMs", new JsonObject()
              .put("outsideUpgrades", Timings.summary(quiet).put("hires", quiet.size()))
              .put("duringUpgrades", Timings.summary(upgrading).put("hires", upgrading.size())))
          .put("memoryBefore", before).put("memoryAfter", memory())
          .put("machine", new JsonObject()
              .put("cores", Runtime.getRuntime().availableProcessors())
              .put("java", System.getProperty("java.version")))
          .encodePrettily());
    } finally {
      hr.shutdownNow();
    }
  }

  private static void hire(LDAPConnection writer, AtomicInteger hired,
      Map<String, Instant> hiredAt) {
    int n = hired.get();
    String uid = "hire-" + n;
    try {
      writer.add(new Entry("uid=" + uid + ",ou=dept" + n % CONNECTORS + ","
          + ExampleDirectory.PEOPLE, new Attribute("objectClass", "inetOrgPerson"),
          new Attribute("uid", uid), new Attribute("cn", "Hire " + n),
          new Attribute("sn", "Hire"), new Attribute("mail", uid + "@example.com")));
      hiredAt.put(uid, Instant.now());
      hired.incrementAndGet();
    } catch (LDAPException e) {
      throw new IllegalStateException("Hiring " + uid + " failed", e);
    }
  }

  /** When the hub recorded each hire's user.created event. */
  private static Map<String, Instant> createdAt(ApiClient api, Instant since) {
    Map<String, Instant> created = new ConcurrentHashMap<>();
    String cursor = null;
    do {
      JsonObject page = api.get("/api/v1/events?type=user.created&limit=200&since=" + since
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      for (Object item : page.getJsonArray("items")) {
        JsonObject event = (JsonObject) item;
        String userName = event.getJsonObject("data").getJsonObject("user", new JsonObject())
            .getString("userName");
        if (userName != null && userName.startsWith("hire-")) {
          created.put(userName, Instant.parse(event.getString("at")));
        }
      }
      cursor = page.getString("next");
    } while (cursor != null);
    return created;
  }

  /** Loaded classes and metaspace after a full collection. */
  private static JsonObject memory() {
    System.gc();
    long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed())
        .sum();
    return new JsonObject()
        .put("loadedClasses", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount())
        .put("metaspaceMiB", Math.round(metaspace / 1048576.0 * 10) / 10.0);
  }

  /** Lets the hires go on between upgrades. */
  private static void waitMillis(long millis) {
    Awaitility.await().pollDelay(Duration.ofMillis(millis)).until(() -> true);
  }
}
