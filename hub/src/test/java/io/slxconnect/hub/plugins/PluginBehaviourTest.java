package io.slxconnect.hub.plugins;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.TestPlugins;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin does at run time, with a real plugin jar built from the test's probe connector:
 * its push receiver gets requests under /hooks, and a plugin that throws or never answers leaves
 * its connector failing with the reason while the hub carries on; one that blocks the event
 * loop is taken out of service.
 */
class PluginBehaviourTest {

  @TempDir
  static Path plugins;
  private static TestHub hub;
  private static ApiClient admin;

  @BeforeAll
  static void start() throws IOException {
    TestPlugins.pack(plugins.resolve("test-connectors.jar"));
    hub = TestHub.start(Map.of("SLX_ADMIN_USERNAME", TestHub.ADMIN, "SLX_ADMIN_PASSWORD",
        TestHub.ADMIN_PASSWORD, "SLX_PLUGIN_CALL_TIMEOUT", "2s"), plugins);
    admin = hub.admin();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void aRunningConnectorReceivesPushRequestsOnItsHookRoute() {
    String id = create("receiver", new JsonObject().put("mode", "ok").put("token", "s3cret"));
    awaitState(id, "running");
    String hook = "/hooks/" + id + "/notify";
    var forged = hub.client().sendWithHeader("POST", hook, "hello", "X-Probe-Token", "guess");
    assertEquals(403, forged.status(), "the connector checks its own credentials");

    var accepted = hub.client().sendWithHeader("POST", hook, "hello", "X-Probe-Token", "s3cret");
    assertEquals(200, accepted.status());
    assertEquals("probe " + id + " got hello", accepted.body());

    admin.post("/api/v1/connectors/" + id + "/stop", null);
    assertEquals(404, hub.client().sendWithHeader("POST", hook, "hello", "X-Probe-Token",
        "s3cret").status(), "a stopped connector receives nothing");
  }

  @Test
  void aPluginThatThrowsLeavesItsConnectorFailingWithTheReason() {
    String id = create("thrower", new JsonObject().put("mode", "throw"));
    JsonObject status = awaitState(id, "failing");
    assertTrue(status.getString("lastError").contains("boom from the probe plugin"),
        status.encode());
    assertEquals(200, hub.get("/health").statusCode());
  }

  @Test
  void aPluginThatNeverAnswersIsTimedOut() {
    String id = create("hanger", new JsonObject().put("mode", "hang"));
    JsonObject status = awaitState(id, "failing");
    assertTrue(status.getString("lastError").contains("did not finish within 2 s"),
        status.encode());
    assertEquals(200, admin.get("/api/v1/connectors").status(), "the hub carries on");
  }

  @Test
  void aPluginThatBlocksTheEventLoopIsTakenOutAndTheHubStaysHealthy() {
    String id = create("blocker", new JsonObject().put("mode", "block"));
    String neighbour = create("neighbour", new JsonObject().put("mode", "ok")
        .put("token", "n"));
    JsonObject status = awaitState(id, "failing");
    assertTrue(status.getString("lastError").contains("blocked its event loop for"),
        status.encode());
    awaitState(neighbour, "running");
    assertEquals(200, hub.get("/health").statusCode());
  }

  @Test
  void aPluginThatHangsWhileLoadingIsRefusedAndTheInstalledVersionStays() {
    var hanging = admin.upload("/api/v1/plugins", "test-connectors.jar",
        TestPlugins.jar("9.0.0", TestPlugins.Build.HANGS));
    assertEquals(422, hanging.status(), hanging.body());
    assertTrue(hanging.json().getString("detail").contains("did not finish within 2 s"),
        hanging.body());
    assertEquals("1.0.0", admin.get("/api/v1/plugins/test-connectors").json()
        .getString("version"));
  }

  private static String create(String name, JsonObject settings) {
    var created = admin.post("/api/v1/connectors", new JsonObject().put("name", name)
        .put("type", "probe").put("settings", settings));
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  private static JsonObject awaitState(String id, String state) {
    await().atMost(Duration.ofSeconds(20)).until(() -> state.equals(admin
        .get("/api/v1/connectors/" + id).json().getJsonObject("status").getString("state")));
    return admin.get("/api/v1/connectors/" + id).json().getJsonObject("status");
  }
}
