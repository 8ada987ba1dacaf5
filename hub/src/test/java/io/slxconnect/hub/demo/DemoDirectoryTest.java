package io.slxconnect.hub.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.slxconnect.hub.config.DatabaseConfig;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo directory a newcomer starts with {@code SLX_DEMO_DIRECTORY=true}: connected as a
 * running LDAP connector, an import brings its people, groups (All Staff nesting the
 * departments) and disabled accounts, and after a restart on the same data directory the same
 * accounts are still linked by entryUUID.
 */
class DemoDirectoryTest {

  private static final int PEOPLE = 300;
  private static final int GROUPS = 9; // 8 departments and All Staff
  private static final int DISABLED = 6;

  @Test
  void aNewcomerImportsThePeopleGroupsAndDisabledAccountsOfTheDemoDirectory() throws Exception {
    try (TestHub hub = TestHub.start(demoEnv(0))) {
      ApiClient admin = hub.admin();
      JsonObject connector = awaitRunningDemoConnector(admin);
      assertEquals("ldap", connector.getString("type"));
      JsonObject settings = connector.getJsonObject("settings");
      DemoFiles files = DemoFiles.in(hub.dataDir());
      assertEquals(Files.readString(files.certificate()), settings.getString("trustedCertificate"),
          "the connector trusts exactly the generated certificate");
      assertTrue(settings.getJsonArray("urls").getString(0).startsWith("ldaps://127.0.0.1:"));
      assertEquals(new JsonArray().add("bindPassword"), connector.getJsonArray("secretsSet"));
      assertFalse(settings.containsKey("bindPassword"), "the password is sealed, not shown");
      JsonObject provisioning = connector.getJsonObject("provisioning");
      assertEquals("both", provisioning.getString("direction"));
      assertEquals(6, provisioning.getJsonArray("operations").size(), provisioning.encode());
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(files.managerPassword())));
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(files.servicePassword())));
      assertEquals("rwx------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(files.folder())));

      String password = Files.readString(files.servicePassword());
      JsonObject audit = admin.get("/api/v1/audit?action=connector.created").json();
      assertTrue(audit.encode().contains("Demo directory"), audit.encode());
      assertFalse(audit.encode().contains(password), "no password in the audit log");

      String id = connector.getString("id");
      JsonObject run = runImport(admin, id);
      assertEquals("succeeded", run.getString("status"), run.encode());
      assertEquals(PEOPLE + GROUPS, run.getInteger("created"), run.encode());
      assertEquals(0, run.getInteger("failed"), run.encode());

      JsonArray groups = admin.get("/api/v1/groups?limit=50").json().getJsonArray("items");
      assertEquals(GROUPS, groups.size(), groups.encode());
      long inDepartments = 0;
      for (int i = 0; i < groups.size(); i++) {
        JsonObject group = groups.getJsonObject(i);
        assertTrue(group.getLong("memberCount") > 0, group.encode());
        if (!"All Staff".equals(group.getString("name"))) {
          inDepartments += group.getLong("memberCount");
        }
      }
      assertEquals(PEOPLE, inDepartments, "everyone is in exactly one department");
      JsonObject allStaff = admin.get("/api/v1/groups?q=All%20Staff").json()
          .getJsonArray("items").getJsonObject(0);
      assertEquals(PEOPLE, allStaff.getLong("memberCount"),
          "All Staff holds everyone through the nested department groups");

      JsonArray disabled = admin.get("/api/v1/users?status=disabled&limit=200&source=" + id)
          .json().getJsonArray("items");
      assertEquals(DISABLED, disabled.size(), disabled.encode());
      disabled.forEach(u -> assertFalse(((JsonObject) u).getBoolean("active")));

      // A change made with an LDAP client, as the quick start does with ldapmodify, reaches
      // the hub through the connector's watch of the changelog.
      String dn = "uid=" + firstUid() + "," + DemoDirectory.PEOPLE;
      try (LDAPConnection ldap = connect(hub, files)) {
        ldap.modify(dn, new Modification(ModificationType.REPLACE, "nsAccountLock", "TRUE"),
            new Modification(ModificationType.REPLACE, "displayName", "Changed In LDAP"));
      }
      await().atMost(Duration.ofSeconds(15)).until(() -> admin.get("/api/v1/users?q="
          + firstUid() + "&source=" + id).json().getJsonArray("items").stream()
          .map(JsonObject.class::cast).anyMatch(u -> u.getString("userName").equals(firstUid())
              && "Changed In LDAP".equals(u.getString("displayName"))
              && !u.getBoolean("active")));
    }
  }

  @Test
  void afterARestartOnTheSameDataTheSameAccountsAreLinkedAndAReimportChangesNothing()
      throws Exception {
    Path dataDir = Files.createTempDirectory("slx-test-demo");
    DatabaseConfig db = TestDatabase.newDatabase();
    Path plugins = Path.of(System.getProperty("slx.test.plugins-dir"));
    DemoFiles files = DemoFiles.in(dataDir);
    Map<String, String> env = demoEnv(TestDatabase.freePort()); // the same port at each start
    String id;
    String dn = "uid=" + firstUid() + "," + DemoDirectory.PEOPLE;
    try (TestHub hub = TestHub.startOn(dataDir, db, env, plugins)) {
      ApiClient admin = hub.admin();
      id = awaitRunningDemoConnector(admin).getString("id");
      // A change made with an LDAP client, as the quick start does with ldapmodify.
      try (LDAPConnection ldap = connect(hub, files)) {
        ldap.modify(dn, new Modification(ModificationType.REPLACE, "title", "Chief Demo Officer"));
      }
      JsonObject first = runImport(admin, id);
      assertEquals(PEOPLE + GROUPS, first.getInteger("created"), first.encode());
    }
    String ldif = Files.readString(files.content());
    assertTrue(ldif.contains("entryUUID: "), "saved with the ids the hub links to");
    assertTrue(ldif.contains("Chief Demo Officer"), "saved when the hub stopped");
    String oldPassword = Files.readString(files.servicePassword());
    Files.delete(files.servicePassword()); // a new one is made, and the connector follows

    try (TestHub hub = TestHub.startOn(dataDir, db, env, plugins)) {
      ApiClient admin = hub.admin();
      JsonObject connector = awaitRunningDemoConnector(admin);
      assertEquals(id, connector.getString("id"), "the same connector, updated");
      assertNotEquals(oldPassword, Files.readString(files.servicePassword()));
      try (LDAPConnection ldap = connect(hub, files)) {
        assertEquals("Chief Demo Officer", ldap.getEntry(dn, "title").getAttributeValue("title"));
      }
      JsonObject again = runImport(admin, id);
      assertEquals("succeeded", again.getString("status"), again.encode());
      assertEquals(PEOPLE + GROUPS, again.getInteger("unchanged"), again.encode());
      assertEquals(0, again.getInteger("created") + again.getInteger("updated"),
          again.encode());
      JsonArray named = admin.get("/api/v1/connectors").array();
      assertEquals(1, named.stream().filter(c -> DemoConnector.NAME.equals(
          ((JsonObject) c).getString("name"))).count(), "not created twice");
    }

    try (TestHub hub = TestHub.startOn(dataDir, db, env, plugins)) {
      ApiClient admin = hub.admin();
      awaitRunningDemoConnector(admin);
      assertEquals(1, admin.get("/api/v1/audit?action=connector.updated").json()
          .getJsonArray("items").size(), "a start that changes nothing records nothing");
    }
  }

  /** The uid of the first person, as the generated content names them. */
  private static String firstUid() {
    return DemoContent.entries().stream()
        .filter(e -> e.getDN().endsWith(DemoDirectory.PEOPLE) && e.hasAttribute("uid"))
        .findFirst().orElseThrow().getAttributeValue("uid");
  }

  private static Map<String, String> demoEnv(int port) {
    Map<String, String> env = new HashMap<>(Map.of("SLX_ADMIN_USERNAME", TestHub.ADMIN,
        "SLX_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD));
    env.put("SLX_DEMO_DIRECTORY", "true");
    env.put("SLX_DEMO_DIRECTORY_PORT", Integer.toString(port));
    return env;
  }

  /** An LDAPS connection that trusts only the demo certificate, bound as the manager. */
  private static LDAPConnection connect(TestHub hub, DemoFiles files) throws Exception {
    JsonObject connector = hub.admin().get("/api/v1/connectors").array().stream()
        .map(JsonObject.class::cast).filter(c -> DemoConnector.NAME.equals(c.getString("name")))
        .findFirst().orElseThrow();
    String url = connector.getJsonObject("settings").getJsonArray("urls").getString(0);
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(files.certificate().toFile()));
    return new LDAPConnection(ssl.createSSLSocketFactory(), "127.0.0.1", port,
        DemoDirectory.MANAGER_DN, Files.readString(files.managerPassword(),
            StandardCharsets.US_ASCII));
  }

  private static JsonObject awaitRunningDemoConnector(ApiClient admin) {
    await().atMost(Duration.ofSeconds(30)).until(() -> demoConnector(admin)
        .getJsonObject("status").getString("state").equals("running"));
    return demoConnector(admin);
  }

  private static JsonObject demoConnector(ApiClient admin) {
    return admin.get("/api/v1/connectors").array().stream().map(JsonObject.class::cast)
        .filter(c -> DemoConnector.NAME.equals(c.getString("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no connector named " + DemoConnector.NAME));
  }

  private static JsonObject runImport(ApiClient admin, String connectorId) {
    var started = admin.post("/api/v1/connectors/" + connectorId + "/imports", null);
    assertEquals(202, started.status(), started.body());
    String runId = started.json().getString("id");
    await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(
        admin.get("/api/v1/imports/" + runId).json().getString("status")));
    return admin.get("/api/v1/imports/" + runId).json();
  }
}
