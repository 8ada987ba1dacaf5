package io.slxconnect.hub.plugins;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.TestPlugins;
import io.slxconnect.hub.support.TestPlugins.Build;
import io.slxconnect.hub.testplugin.shared.PluginLoaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins installed, upgraded and removed while the hub runs, through the plugins directory and
 * the API, with the test plugin jar (probe and memory connector types) in several versions.
 */
class PluginHotDeployTest {

  private static final String PLUGIN = "/api/v1/plugins/test-connectors";
  private static final int MAX_BYTES = 1 << 20;

  @TempDir
  Path plugins;
  private TestHub hub;
  private ApiClient admin;

  @BeforeEach
  void start() {
    start(Map.of());
  }

  private void start(Map<String, String> settings) {
    if (hub != null) {
      hub.close();
    }
    Map<String, String> env = new java.util.HashMap<>(Map.of("SLX_ADMIN_USERNAME",
        TestHub.ADMIN, "SLX_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD,
        "SLX_PLUGIN_MAX_BYTES", Integer.toString(MAX_BYTES)));
    env.putAll(settings);
    hub = TestHub.start(env, plugins);
    admin = hub.admin();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void aJarDroppedIntoThePluginsDirectoryIsLoadedWhileTheHubRuns() {
    assertEquals(404, admin.get(PLUGIN).status());
    TestPlugins.drop(plugins, "test-connectors.jar", TestPlugins.jar("1.0.0", Build.GOOD));

    await().atMost(Duration.ofSeconds(20)).until(() -> admin.get(PLUGIN).status() == 200);
    JsonObject plugin = admin.get(PLUGIN).json();
    assertEquals("STARTED", plugin.getString("state"));
    assertEquals("1.0.0", plugin.getString("version"));
    assertEquals("^1.0.0", plugin.getString("requires"));
    assertEquals("Tests", plugin.getString("provider"));
    assertEquals(List.of("memory", "probe"), plugin.getJsonArray("connectorTypes").stream()
        .sorted().toList());
    awaitState(createProbe("dropped"), "running");
    JsonObject audited = admin.get("/api/v1/audit?action=plugin.install").json()
        .getJsonArray("items").getJsonObject(0);
    assertEquals("plugins-directory", audited.getString("actor"), audited.encode());
    assertEquals("test-connectors", audited.getString("target"));
  }

  @Test
  void aRunningPluginsJarOverwrittenWithABadOneIsPutBack() throws IOException {
    byte[] good = TestPlugins.jar("1.0.0", Build.GOOD);
    Path jar = TestPlugins.drop(plugins, "test-connectors.jar", good);
    await().atMost(Duration.ofSeconds(20)).until(() -> admin.get(PLUGIN).status() == 200);

    Files.write(jar, new byte[] {'P', 'K', 0, 0});
    Path aside = plugins.resolve(".refused/test-connectors.jar");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(aside));
    assertArrayEquals(good, Files.readAllBytes(jar),
        "the running version's jar is back, so the next start loads it");
    assertEquals("STARTED", admin.get(PLUGIN).json().getString("state"));
  }

  @Test
  void anUploadInstallsAndAnUploadOfAnotherVersionUpgradesItsRunningConnectors()
      throws IOException {
    var installed = upload("1.0.0", Build.GOOD);
    assertEquals(201, installed.status(), installed.body());
    assertEquals("1.0.0", installed.json().getString("version"));
    String probe = createProbe("upgraded");
    awaitState(probe, "running");
    assertEquals(200, pushTo(probe));

    var upgraded = upload("1.1.0", Build.GOOD);
    assertEquals(200, upgraded.status(), upgraded.body());
    assertEquals("1.1.0", upgraded.json().getString("version"));
    assertEquals("1.0.0", upgraded.json().getString("previousVersion"));
    assertEquals(probe, upgraded.json().getJsonArray("connectors").getJsonObject(0)
        .getString("id"));
    awaitState(probe, "running");
    assertEquals(200, pushTo(probe), "the connector runs on the new version");
    assertEquals("1.1.0", admin.get(PLUGIN).json().getString("version"));
    assertEquals(List.of("test-connectors-1.1.0.jar"), jarsIn(plugins),
        "the old version's jar is gone, the new one is in the plugins directory");

    JsonArray audit = admin.get("/api/v1/audit?action=plugin.upgrade").json()
        .getJsonArray("items");
    assertEquals("test-connectors", audit.getJsonObject(0).getString("target"), audit.encode());
  }

  @Test
  void aBrokenUpgradeIsRolledBackAndTheConnectorsRunOnThePreviousVersionAgain()
      throws IOException {
    assertEquals(201, upload("1.0.0", Build.GOOD).status());
    String probe = createProbe("survivor");
    awaitState(probe, "running");

    var broken = upload("2.0.0", Build.BROKEN);
    assertEquals(422, broken.status(), broken.body());
    String detail = broken.json().getString("detail");
    assertTrue(detail.contains("rolled back to 1.0.0")
        && detail.contains("this build of the probe plugin is broken"), detail);

    JsonObject plugin = admin.get(PLUGIN).json();
    assertEquals("1.0.0", plugin.getString("version"));
    assertEquals("STARTED", plugin.getString("state"));
    assertTrue(plugin.getString("error").contains("2.0.0"), plugin.encode());
    awaitState(probe, "running");
    assertEquals(200, pushTo(probe));
    assertEquals(List.of("test-connectors-1.0.0.jar"), jarsIn(plugins));
  }

  @Test
  void jarsThatCannotWorkAreRefusedWithAClearMessageAndChangeNothing() throws IOException {
    var future = admin.upload("/api/v1/plugins", "future.jar", TestPlugins.manifestOnly(
        "future-connector", "^2.0.0"));
    assertEquals(422, future.status(), future.body());
    String detail = future.json().getString("detail");
    assertTrue(detail.contains("requires plugin API ^2.0.0 but this hub provides 1.0.0"),
        detail);

    var garbage = admin.upload("/api/v1/plugins", "garbage.jar", new byte[] {1, 2, 3});
    assertEquals(422, garbage.status());
    assertTrue(garbage.json().getString("detail").startsWith("Not a jar file"), garbage.body());

    var none = admin.send("POST", "/api/v1/plugins", "{}", "application/json");
    assertEquals(400, none.status(), none.body());

    assertEquals(201, upload("1.0.0", Build.GOOD).status());
    var again = upload("1.0.0", Build.GOOD);
    assertEquals(409, again.status());
    assertTrue(again.json().getString("detail").contains("already installed"), again.body());

    admin.post("/api/v1/admins", new JsonObject().put("username", "ops")
        .put("password", "password-of-ops").put("role", "operator"));
    ApiClient operator = hub.client().login("ops", "password-of-ops");
    assertEquals(403, operator.upload("/api/v1/plugins", "x.jar",
        TestPlugins.jar("3.0.0", Build.GOOD)).status());
    assertEquals(403, operator.delete(PLUGIN).status());

    assertEquals(List.of("test-connectors-1.0.0.jar"), jarsIn(plugins));
    assertEquals(1, admin.get("/api/v1/plugins").array().size());
  }

  @Test
  void anUploadLargerThanTheLimitIsRefusedWithTheLimit() {
    var tooLarge = admin.upload("/api/v1/plugins", "huge.jar", new byte[MAX_BYTES + 1]);
    assertEquals(413, tooLarge.status(), tooLarge.body());
    assertTrue(tooLarge.json().getString("detail").contains(MAX_BYTES
        + " bytes (SLX_PLUGIN_MAX_BYTES)"), tooLarge.body());
    assertEquals(List.of(), admin.get("/api/v1/plugins").array().getList());
  }

  @Test
  void withAChecksumListOnlyListedJarsAreInstalled() throws Exception {
    byte[] trusted = TestPlugins.jar("1.0.0", Build.GOOD);
    String checksum = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(trusted));
    start(Map.of("SLX_PLUGIN_SHA256", checksum));

    var other = upload("1.1.0", Build.GOOD);
    assertEquals(422, other.status(), other.body());
    assertTrue(other.json().getString("detail").contains("is not in SLX_PLUGIN_SHA256"),
        other.body());
    var listed = admin.upload("/api/v1/plugins", "test-connectors.jar", trusted);
    assertEquals(201, listed.status(), listed.body());
    assertEquals(checksum, listed.json().getString("sha256"));
  }

  @Test
  void removingAPluginIsRefusedWhileConnectorsUseItUnlessForced() throws IOException {
    assertEquals(201, upload("1.0.0", Build.GOOD).status());
    String probe = createProbe("user-of-plugin");
    awaitState(probe, "running");

    var refused = admin.delete(PLUGIN);
    assertEquals(409, refused.status());
    assertTrue(refused.json().getString("detail").contains("user-of-plugin"), refused.body());
    assertEquals(200, admin.get(PLUGIN).status());

    assertEquals(204, admin.delete(PLUGIN + "?force=true").status());
    assertEquals(404, admin.get(PLUGIN).status());
    JsonObject status = awaitState(probe, "failing");
    assertTrue(status.getString("lastError").contains("not installed"), status.encode());
    assertEquals(List.of(), jarsIn(plugins));
    assertEquals(204, admin.delete("/api/v1/connectors/" + probe).status());
    assertEquals(404, admin.delete(PLUGIN).status());
  }

  @Test
  void twentyUpgradesLeaveNoClassLoaderBehind() {
    int before = PluginLoaders.recorded();
    assertEquals(201, upload("1.0.0", Build.GOOD).status());
    String probe = createProbe("long-lived");
    awaitState(probe, "running");
    for (int minor = 1; minor <= 20; minor++) {
      var upgraded = upload("1." + minor + ".0", Build.GOOD);
      assertEquals(200, upgraded.status(), upgraded.body());
    }
    awaitState(probe, "running");
    assertEquals("1.20.0", admin.get(PLUGIN).json().getString("version"));
    assertTrue(PluginLoaders.recorded() - before >= 21, "every version was loaded");
    // Only the running version's class loader may stay reachable; a leak keeps old ones.
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      System.gc();
      return PluginLoaders.aliveSince(before) == 1;
    });
  }

  private ApiClient.Response upload(String version, Build build) {
    return admin.upload("/api/v1/plugins", "test-connectors.jar",
        TestPlugins.jar(version, build));
  }

  private String createProbe(String name) {
    var created = admin.post("/api/v1/connectors", new JsonObject().put("name", name)
        .put("type", "probe").put("settings", new JsonObject().put("mode", "ok")
            .put("token", "t0ken")));
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  private int pushTo(String connector) {
    return hub.client().sendWithHeader("POST", "/hooks/" + connector + "/ping", "hi",
        "X-Probe-Token", "t0ken").status();
  }

  private JsonObject awaitState(String id, String state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(admin
        .get("/api/v1/connectors/" + id).json().getJsonObject("status").getString("state")));
    return admin.get("/api/v1/connectors/" + id).json().getJsonObject("status");
  }

  private static List<String> jarsIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
          .sorted().toList();
    }
  }
}
