package io.slxconnect.hub.bench;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import io.slxconnect.hub.Hub;
import io.slxconnect.hub.config.ConfigLoader;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.testdirectories.ApacheDsServer;
import io.slxconnect.testdirectories.ExampleDirectory;
import io.slxconnect.testdirectories.SambaDc;
import io.slxconnect.testdirectories.SlapdServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Times each change-detection strategy of the LDAP connector against the server that offers it:
 * from the moment a user is added (or renamed) in the directory until the hub's API shows it,
 * through the watch, the change feed and the ingest transaction. Prints one JSON document.
 * The API is polled every 2 ms, which adds about 1 ms to each time. The connector binds as a
 * read-only account of its own, as a production service account would, and the changes are
 * written by an administrator.
 */
public final class WatchLatencyBenchmark {

  private static final String ADMIN = "bench-admin";
  private static final String PASSWORD = "bench-admin-password";
  private static final int CHANGES = 50;
  private static final String READER_DN = "cn=reader," + ExampleDirectory.SUFFIX;
  private static final String READER_PASSWORD = UUID.randomUUID().toString();

  /** A directory under test: its connector settings and how to write to it. */
  interface Directory extends AutoCloseable {
    JsonObject settings();

    DN people();

    LDAPInterface writer() throws LDAPException;

    /** The entry of a new person; Active Directory's differs. */
    default Entry person(String name) {
      return new Entry(new DN(new RDN("uid", name), people()),
          new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", name),
          new Attribute("cn", name), new Attribute("sn", name),
          new Attribute("displayName", name));
    }

    @Override
    void close() throws Exception;
  }

  private WatchLatencyBenchmark() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args unused
   * @throws Exception when a step fails
   */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("slx-watch-bench");
    JsonObject strategies = new JsonObject();
    try (Hub hub = Hub.start(ConfigLoader.load(Map.of(
        "SLX_DATA_DIR", work.resolve("data").toString(),
        "SLX_HTTP_HOST", "127.0.0.1", "SLX_HTTP_PORT", "0",
        "SLX_EMBEDDED_DB_PORT", Integer.toString(TestDatabase.freePort()),
        "SLX_ADMIN_USERNAME", ADMIN, "SLX_ADMIN_PASSWORD", PASSWORD),
        Path.of(System.getProperty("slx.bench.plugins-dir", "target/plugins"))))) {
      ApiClient api = ApiClient.forUrl("http://127.0.0.1:" + hub.port()).login(ADMIN, PASSWORD);
      try (Directory slapd = slapd()) {
        strategies.put("content-sync (OpenLDAP)", measure(api, "content-sync", slapd));
        strategies.put("poll every 1 s (OpenLDAP)", measure(api, "poll", slapd));
      }
      try (Directory apacheDs = apacheDs()) {
        strategies.put("persistent-search (ApacheDS)", measure(api, "persistent-search",
            apacheDs));
      }
      try (Directory unboundId = inMemory()) {
        strategies.put("changelog every 1 s (UnboundID)", measure(api, "changelog", unboundId));
      }
      try (Directory samba = samba()) {
        strategies.put("ad-notification (Samba AD)", measure(api, "ad-notification", samba));
      }
    }
    System.out.println(new JsonObject().put("changesPerStrategy", CHANGES)
        .put("writeToHubMs", strategies)
        .put("machine", new JsonObject()
            .put("cores", Runtime.getRuntime().availableProcessors())
            .put("java", System.getProperty("java.version")))
        .encodePrettily());
    System.exit(0);
  }

  /** Adds users, then renames them, one at a time, timing each until the hub shows it. */
  private static JsonObject measure(ApiClient api, String strategy, Directory directory)
      throws Exception {
    String tag = strategy.replaceAll("[^a-z]", "") + "-" + UUID.randomUUID().toString()
        .substring(0, 4);
    JsonObject settings = directory.settings().put("changeDetection", strategy)
        .put("pollIntervalSeconds", 1);
    var created = api.post("/api/v1/connectors", new JsonObject().put("name", "Latency " + tag)
        .put("type", "ldap").put("settings", settings));
    if (created.status() != 201) {
      throw new IllegalStateException("Connector not created: " + created.body());
    }
    String connector = created.json().getString("id");
    awaitRunning(api, connector);
    LDAPInterface ldap = directory.writer();
    warmUp(api, ldap, directory, tag);
    List<Double> adds = new ArrayList<>();
    List<Double> renames = new ArrayList<>();
    for (int i = 0; i < CHANGES; i++) {
      String name = tag + "-" + i;
      long start = System.nanoTime();
      ldap.add(directory.person(name));
      awaitUser(api, name, u -> true);
      adds.add((System.nanoTime() - start) / 1e6);
    }
    for (int i = 0; i < CHANGES; i++) {
      String name = tag + "-" + i;
      Entry person = directory.person(name);
      String renamed = "Renamed " + i;
      long start = System.nanoTime();
      ldap.modify(person.getDN(), new Modification(ModificationType.REPLACE, "displayName",
          renamed));
      awaitUser(api, name, u -> renamed.equals(u.getString("displayName")));
      renames.add((System.nanoTime() - start) / 1e6);
    }
    api.delete("/api/v1/connectors/" + connector);
    return new JsonObject().put("add", Timings.summary(adds))
        .put("change", Timings.summary(renames));
  }

  /**
   * Writes until a change reaches the hub: a watch counts as started once connected, and takes
   * its position from the server just after.
   */
  private static void warmUp(ApiClient api, LDAPInterface ldap, Directory directory, String tag)
      throws Exception {
    for (int attempt = 0; attempt < 10; attempt++) {
      String name = tag + "-warm" + attempt;
      ldap.add(directory.person(name));
      if (seen(api, name, 3_000)) {
        return;
      }
    }
    throw new IllegalStateException("The watch of " + tag + " reports nothing");
  }

  private static boolean seen(ApiClient api, String userName, long millis) {
    try {
      polling(Duration.ofMillis(millis)).until(() -> shows(api, userName, u -> true));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  private static void awaitUser(ApiClient api, String userName,
      Predicate<JsonObject> condition) {
    polling(Duration.ofSeconds(30)).alias(userName + " reaches the hub")
        .until(() -> shows(api, userName, condition));
  }

  /** Asks the users API every 2 ms, in the calling thread, so the timing stays close. */
  private static ConditionFactory polling(Duration atMost) {
    return Awaitility.await().atMost(atMost).pollInSameThread().pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2));
  }

  private static boolean shows(ApiClient api, String userName,
      Predicate<JsonObject> condition) {
    return api.get("/api/v1/users?limit=5&q=" + userName).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .anyMatch(u -> u.getString("userName").equalsIgnoreCase(userName) && condition.test(u));
  }

  static void awaitRunning(ApiClient api, String connector) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .alias("connector " + connector + " running")
        .until(() -> "running".equals(api.get("/api/v1/connectors/" + connector).json()
            .getJsonObject("status").getString("state")));
  }

  static Directory slapd() throws Exception {
    SlapdServer server = SlapdServer.start(ExampleDirectory.BASE_LDIF);
    addReader(server.connect());
    return plain(server.url(), server::connect, server::close);
  }

  private static Directory apacheDs() throws Exception {
    ApacheDsServer server = ApacheDsServer.start();
    addReader(server.connect());
    return plain(server.url(), server::connect, server::close);
  }

  /** The connector's own account, beside the people. */
  private static void addReader(LDAPInterface admin) throws LDAPException {
    admin.add(new Entry(READER_DN, new Attribute("objectClass", "person"),
        new Attribute("cn", "reader"), new Attribute("sn", "reader"),
        new Attribute("userPassword", READER_PASSWORD)));
  }

  /** The SDK's in-memory server with a changelog. */
  private static Directory inMemory() throws Exception {
    String password = UUID.randomUUID().toString();
    InMemoryDirectoryServerConfig config =
        new InMemoryDirectoryServerConfig(ExampleDirectory.SUFFIX);
    config.addAdditionalBindCredentials("cn=Directory Manager", password);
    config.addAdditionalBindCredentials(READER_DN, READER_PASSWORD);
    config.setMaxChangeLogEntries(10_000);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), 0, null));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add("dn: " + ExampleDirectory.SUFFIX, "objectClass: domain", "dc: example");
    server.add("dn: " + ExampleDirectory.PEOPLE, "objectClass: organizationalUnit",
        "ou: People");
    server.startListening();
    return plain("ldap://127.0.0.1:" + server.getListenPort(),
        () -> {
          LDAPConnection connection = server.getConnection();
          connection.bind("cn=Directory Manager", password);
          return connection;
        },
        () -> server.shutDown(true));
  }

  private static Directory samba() throws Exception {
    SambaDc dc = SambaDc.shared();
    DN ou = dc.newOu("latency");
    LDAPConnection admin = dc.connectAsAdmin();
    return new Directory() {
      @Override
      public JsonObject settings() {
        return new JsonObject().put("directoryType", "active-directory")
            .put("urls", new JsonArray().add(dc.url()))
            .put("trustedCertificate", dc.certificatePem())
            .put("bindDn", SambaDc.ADMIN_DN).put("bindPassword", dc.adminPassword())
            .put("userBaseDn", ou.toString());
      }

      @Override
      public DN people() {
        return ou;
      }

      @Override
      public LDAPInterface writer() {
        return admin;
      }

      @Override
      public Entry person(String name) {
        return new Entry(new DN(new RDN("cn", name), ou), new Attribute("objectClass", "user"),
            new Attribute("sAMAccountName", name), new Attribute("displayName", name));
      }

      @Override
      public void close() {
        admin.close();
      }
    };
  }

  /** Opens a writer connection. */
  @FunctionalInterface
  private interface Writer {
    LDAPInterface open() throws LDAPException;
  }

  /** Stops a server. */
  @FunctionalInterface
  private interface Stop {
    void stop() throws Exception;
  }

  private static Directory plain(String url, Writer writer, Stop stop) {
    return new Directory() {
      @Override
      public JsonObject settings() {
        return new JsonObject().put("urls", new JsonArray().add(url))
            .put("security", "none").put("allowPlaintext", true)
            .put("bindDn", READER_DN).put("bindPassword", READER_PASSWORD)
            .put("userBaseDn", ExampleDirectory.PEOPLE)
            .put("userFilter", "(objectClass=inetOrgPerson)");
      }

      @Override
      public DN people() {
        try {
          return new DN(ExampleDirectory.PEOPLE);
        } catch (LDAPException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public LDAPInterface writer() throws LDAPException {
        return writer.open();
      }

      @Override
      public void close() throws Exception {
        stop.stop();
      }
    };
  }
}
