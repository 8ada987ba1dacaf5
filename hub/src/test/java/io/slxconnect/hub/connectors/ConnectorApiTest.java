package io.slxconnect.hub.connectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.TestLdap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connectors through the API, against the real LDAP plugin jar and a real LDAP server. */
class ConnectorApiTest {

  private static TestHub hub;
  private static TestLdap ldap;
  private static ApiClient admin;

  @BeforeAll
  static void start() {
    ldap = TestLdap.start();
    hub = TestHub.start();
    admin = hub.admin();
  }

  @AfterAll
  static void stop() {
    hub.close();
    ldap.close();
  }

  @Test
  void theLdapPluginIsLoadedAndDescribesItsSettings() {
    var types = admin.get("/api/v1/connector-types").array();
    JsonObject ldapType = types.stream().map(JsonObject.class::cast)
        .filter(t -> "ldap".equals(t.getString("id"))).findFirst().orElseThrow();
    JsonObject password = ldapType.getJsonObject("settingsSchema").getJsonObject("properties")
        .getJsonObject("bindPassword");
    assertTrue(password.getBoolean("writeOnly"), "the bind password is a secret");
    var plugins = admin.get("/api/v1/plugins").array();
    assertTrue(plugins.stream().map(JsonObject.class::cast).anyMatch(p ->
        "ldap".equals(p.getString("id")) && "STARTED".equals(p.getString("state"))),
        plugins.encode());
  }

  @Test
  void aCreatedConnectorRunsAndKeepsItsSecretEncrypted() {
    var created = admin.post("/api/v1/connectors", new JsonObject().put("name", "Corp LDAP")
        .put("type", "ldap").put("settings", ldap.settings(TestLdap.BIND_PASSWORD)));
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    assertFalse(created.body().contains(TestLdap.BIND_PASSWORD), "secret never returned");
    assertEquals(new JsonArray().add("bindPassword"), created.json().getJsonArray("secretsSet"));

    await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(
        admin.get("/api/v1/connectors/" + id).json().getJsonObject("status")
            .getString("state")));

    String storedSettings = TestDatabase.queryOne(hub.database(),
        "SELECT settings::text FROM connectors WHERE id = '" + id + "'");
    String storedSecrets = TestDatabase.queryOne(hub.database(),
        "SELECT encode(secrets, 'escape') FROM connectors WHERE id = '" + id + "'");
    assertFalse(storedSettings.contains(TestLdap.BIND_PASSWORD));
    assertNotNull(storedSecrets);
    assertFalse(storedSecrets.contains(TestLdap.BIND_PASSWORD), "secret encrypted at rest");

    var report = admin.post("/api/v1/connectors/" + id + "/test", null);
    assertEquals(200, report.status(), report.body());
    assertTrue(report.json().getBoolean("success"), report.body());

    // An edit without the password keeps the stored one.
    JsonObject edited = ldap.settings("");
    var updated = admin.put("/api/v1/connectors/" + id, new JsonObject()
        .put("name", "Corp LDAP (renamed)").put("settings", edited));
    assertEquals(200, updated.status(), updated.body());
    assertTrue(admin.post("/api/v1/connectors/" + id + "/test", null).json()
        .getBoolean("success"));

    assertEquals("stopped", admin.post("/api/v1/connectors/" + id + "/stop", null).json()
        .getJsonObject("status").getString("state"));
    assertEquals(204, admin.delete("/api/v1/connectors/" + id).status());
    assertEquals(404, admin.get("/api/v1/connectors/" + id).status());

    var actions = admin.get("/api/v1/audit?limit=50").json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).map(e -> e.getString("action")).toList();
    assertTrue(actions.containsAll(java.util.List.of("connector.created", "connector.tested",
        "connector.updated", "connector.stopped", "connector.deleted")), actions.toString());
    assertFalse(admin.get("/api/v1/audit?limit=50").body().contains(TestLdap.BIND_PASSWORD));
  }

  @Test
  void aWrongPasswordIsDiagnosedAndTheConnectorShowsFailing() {
    var tested = admin.post("/api/v1/connector-types/ldap/test", new JsonObject()
        .put("settings", ldap.settings("wrong-password")));
    assertEquals(200, tested.status(), tested.body());
    assertFalse(tested.json().getBoolean("success"));
    JsonObject bind = tested.json().getJsonArray("steps").stream().map(JsonObject.class::cast)
        .filter(s -> "bind".equals(s.getString("name"))).findFirst().orElseThrow();
    assertFalse(bind.getBoolean("success"));
    assertTrue(bind.getString("detail").toLowerCase().contains("invalid credentials"),
        bind.getString("detail"));

    var created = admin.post("/api/v1/connectors", new JsonObject().put("name", "Bad LDAP")
        .put("type", "ldap").put("settings", ldap.settings("wrong-password")));
    String id = created.json().getString("id");
    await().atMost(Duration.ofSeconds(20)).until(() -> "failing".equals(
        admin.get("/api/v1/connectors/" + id).json().getJsonObject("status")
            .getString("state")));
    JsonObject status = admin.get("/api/v1/connectors/" + id).json().getJsonObject("status");
    assertNotNull(status.getString("lastError"));
    assertNotNull(status.getString("since"));
    assertFalse(status.encode().contains("wrong-password"), "errors never show secrets");
  }

  @Test
  void invalidSettingsAreRefusedNamingTheField() {
    JsonObject settings = ldap.settings(TestLdap.BIND_PASSWORD).put("pageSize", "many");
    var r = admin.post("/api/v1/connectors", new JsonObject().put("name", "Broken")
        .put("type", "ldap").put("settings", settings));
    assertEquals(422, r.status(), r.body());
    assertEquals("/settings/pageSize", r.json().getJsonArray("errors").getJsonObject(0)
        .getString("field"), r.body());

    var unknownType = admin.post("/api/v1/connectors", new JsonObject().put("name", "X")
        .put("type", "sap").put("settings", new JsonObject()));
    assertEquals(422, unknownType.status());
  }

  @Test
  void anOperatorCanTestAndStopButNotCreate() {
    admin.post("/api/v1/admins", new JsonObject().put("username", "ops")
        .put("password", "operator-password").put("role", "operator"));
    ApiClient operator = hub.client().login("ops", "operator-password");
    var r = operator.post("/api/v1/connectors", new JsonObject().put("name", "Nope")
        .put("type", "ldap").put("settings", ldap.settings(TestLdap.BIND_PASSWORD)));
    assertEquals(403, r.status());
    var denied = admin.get("/api/v1/audit?action=access.denied&actor=ops").json()
        .getJsonArray("items");
    assertEquals("createConnector", denied.getJsonObject(0).getString("target"),
        "refused attempts are audited");
  }
}
