package io.slxconnect.hub.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.hub.support.TestLdap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LDAP connector as a provisioning target, through the whole hub: what an admin does in the
 * hub (create, change, disable, add to a group, delete) is written to a real LDAP server.
 */
class LdapTargetTest {

  @RegisterExtension
  static final HubPerClass HUB = new HubPerClass();
  private static ApiClient admin;
  private static TestLdap ldap;
  private static String connectorId;

  @BeforeAll
  static void connect() {
    admin = HUB.get().admin();
    ldap = TestLdap.start();
    ldap.add("dn: cn=engineers,ou=groups," + TestLdap.BASE_DN, "objectClass: groupOfNames",
        "cn: engineers", "member: uid=alice,ou=people," + TestLdap.BASE_DN);
    var created = admin.post("/api/v1/connectors", new JsonObject()
        .put("name", "Directory " + UUID.randomUUID()).put("type", "ldap")
        .put("settings", ldap.settings(TestLdap.BIND_PASSWORD)
            .put("groupBaseDn", "ou=groups," + TestLdap.BASE_DN)
            .put("disabledAttribute", "employeeType").put("disabledValue", "disabled"))
        .put("provisioning", new JsonObject().put("direction", "both")
            .put("operations", new JsonArray().add("create").add("update").add("disable")
                .add("delete").add("groups"))));
    assertEquals(201, created.status(), created.body());
    connectorId = created.json().getString("id");
    await().until(() -> "running".equals(admin.get("/api/v1/connectors/" + connectorId).json()
        .getJsonObject("status").getString("state")));
    var run = admin.post("/api/v1/connectors/" + connectorId + "/imports", null);
    assertEquals(202, run.status(), run.body());
    String runId = run.json().getString("id");
    await().until(() -> "succeeded".equals(admin.get("/api/v1/imports/" + runId).json()
        .getString("status")));
  }

  @AfterAll
  static void disconnect() {
    admin.delete("/api/v1/connectors/" + connectorId);
    ldap.close();
  }

  @Test
  void whatAnAdminDoesInTheHubIsWrittenToTheDirectory() {
    var created = admin.post("/api/v1/users", new JsonObject().put("userName", "carol")
        .put("displayName", "Carol Shaw").put("familyName", "Shaw")
        .put("emails", new JsonArray().add("carol@example.com")).put("department", "R&D"));
    assertEquals(201, created.status(), created.body());
    String userId = created.json().getString("id");
    String dn = "uid=carol,ou=people," + TestLdap.BASE_DN;
    Entry entry = awaitEntry(dn);
    assertEquals("Carol Shaw", entry.getAttributeValue("displayName"));
    assertEquals("R&D", entry.getAttributeValue("departmentNumber"));
    await().until(() -> admin.get("/api/v1/users/" + userId).json().getJsonArray("accounts")
        .size() == 1);
    String account = admin.get("/api/v1/users/" + userId).json().getJsonArray("accounts")
        .getJsonObject(0).getString("externalId");
    assertEquals(entry.getAttributeValue("entryUUID"), account, "linked by entryUUID");

    JsonObject changed = new JsonObject().put("userName", "carol")
        .put("displayName", "Carol Shaw").put("familyName", "Shaw")
        .put("emails", new JsonArray().add("carol@example.com")).put("department", "Research");
    var put = admin.put("/api/v1/users/" + userId, changed);
    assertEquals(200, put.status(), put.body());
    await().until(() -> "Research".equals(ldap.entry(dn).getAttributeValue("departmentNumber")));

    assertEquals(200, admin.post("/api/v1/users/" + userId + "/disable", null).status());
    await().until(() -> ldap.entry(dn).hasAttributeValue("employeeType", "disabled"));
    assertEquals(200, admin.post("/api/v1/users/" + userId + "/enable", null).status());
    await().until(() -> !ldap.entry(dn).hasAttribute("employeeType"));

    String groupId = admin.get("/api/v1/groups?q=engineers").json().getJsonArray("items")
        .getJsonObject(0).getString("id");
    assertEquals(204, admin.send("PUT", "/api/v1/groups/" + groupId + "/members/" + userId,
        null, null).status());
    String group = "cn=engineers,ou=groups," + TestLdap.BASE_DN;
    await().until(() -> ldap.entry(group).hasAttributeValue("member", dn));

    assertEquals(204, admin.delete("/api/v1/users/" + userId).status());
    await().until(() -> ldap.entry(dn) == null);
    assertTrue(ldap.entry(group).hasAttributeValue("member",
        "uid=alice,ou=people," + TestLdap.BASE_DN), "other members stay");
  }

  private static Entry awaitEntry(String dn) {
    await().atMost(Duration.ofSeconds(20)).until(() -> ldap.entry(dn) != null);
    return ldap.entry(dn);
  }
}
