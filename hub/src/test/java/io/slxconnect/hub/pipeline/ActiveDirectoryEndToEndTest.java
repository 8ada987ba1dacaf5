package io.slxconnect.hub.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.Connectors;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.testdirectories.SambaDc;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LDAP connector's promise with a real Active Directory (Samba AD DC), through the whole
 * hub as an admin would use it: connect, import users and groups, see a user disabled in AD
 * disabled in the hub at once, and create a user in the hub who appears in AD and logs in with
 * the password given.
 */
class ActiveDirectoryEndToEndTest {

  @RegisterExtension
  static final HubPerClass HUB = new HubPerClass();
  private static final SambaDc DC = SambaDc.shared();
  private static final String PASSWORD = "Corr3ct-Horse-Battery!";
  private static ApiClient admin;
  private static DN ou;
  private static String connectorId;

  @BeforeAll
  static void connectTheDirectory() throws Exception {
    admin = HUB.get().admin();
    ou = DC.newOu("hub");
    try (LDAPConnection ldap = DC.connectAsAdmin()) {
      ldap.add(new Entry("CN=Erin Example," + ou, new Attribute("objectClass", "user"),
          new Attribute("sAMAccountName", "erin"), new Attribute("givenName", "Erin"),
          new Attribute("sn", "Example"), new Attribute("displayName", "Erin Example"),
          new Attribute("mail", "erin@example.test")));
      ldap.modify("CN=Erin Example," + ou, new Modification(ModificationType.REPLACE,
          "unicodePwd", unicodePwd(PASSWORD)));
      ldap.modify("CN=Erin Example," + ou, new Modification(ModificationType.REPLACE,
          "userAccountControl", "512"));
      ldap.add(new Entry("CN=Staff," + ou, new Attribute("objectClass", "group"),
          new Attribute("sAMAccountName", "staff-" + Integer.toHexString(ou.hashCode())),
          new Attribute("member", "CN=Erin Example," + ou)));
    }
    connectorId = Connectors.connectAndImport(admin, new JsonObject().put("name", "Corp AD")
        .put("type", "ldap").put("settings", new JsonObject()
            .put("directoryType", "active-directory")
            .put("urls", new JsonArray().add(DC.url()))
            .put("trustedCertificate", DC.certificatePem())
            .put("bindDn", SambaDc.ADMIN_DN).put("bindPassword", DC.adminPassword())
            .put("userBaseDn", ou.toString()).put("groupBaseDn", ou.toString()))
        .put("provisioning", new JsonObject().put("direction", "both")
            .put("operations", new JsonArray().add("create").add("update").add("disable")
                .add("delete").add("password").add("groups"))));
  }

  @Test
  void aUserDisabledInActiveDirectoryIsDisabledInTheHubAtOnce() throws Exception {
    JsonObject erin = user("erin");
    assertTrue(erin.getBoolean("active"));
    JsonObject staff = admin.get("/api/v1/groups?q=Staff").json().getJsonArray("items")
        .getJsonObject(0);
    assertEquals(List.of(erin.getString("id")), admin.get("/api/v1/users?group="
        + staff.getString("id")).json().getJsonArray("items").stream()
        .map(u -> ((JsonObject) u).getString("id")).toList(), "imported with its members");

    long start = System.nanoTime();
    try (LDAPConnection ldap = DC.connectAsAdmin()) {
      ldap.modify("CN=Erin Example," + ou, new Modification(ModificationType.REPLACE,
          "userAccountControl", "514"));
    }
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> !user("erin").getBoolean("active"));
    System.out.printf("Disabled in Active Directory, disabled in the hub after %.0f ms%n",
        (System.nanoTime() - start) / 1e6);
  }

  @Test
  void aUserCreatedInTheHubAppearsInActiveDirectoryAndLogsInWithThePasswordGiven()
      throws Exception {
    var created = admin.post("/api/v1/users", new JsonObject().put("userName", "newhire")
        .put("displayName", "New Hire").put("givenName", "New").put("familyName", "Hire")
        .put("emails", new JsonArray().add("newhire@example.test")));
    assertEquals(201, created.status(), created.body());
    String userId = created.json().getString("id");
    await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/v1/users/" + userId)
        .json().getJsonArray("accounts").size() == 1);

    var password = admin.post("/api/v1/users/" + userId + "/password",
        new JsonObject().put("password", PASSWORD));
    assertEquals(200, password.status(), password.body());
    assertTrue(password.body().contains("succeeded"), password.body());

    try (LDAPConnection ldap = DC.connectAsAdmin()) {
      Entry entry = ldap.search(ou.toString(), SearchScope.SUB, "(sAMAccountName=newhire)",
          "userAccountControl", "userPrincipalName").getSearchEntries().get(0);
      assertEquals("512", entry.getAttributeValue("userAccountControl"), "enabled");
      assertEquals("newhire@example.test", entry.getAttributeValue("userPrincipalName"));
      assertEquals(ResultCode.SUCCESS, ldap.bind("newhire@example.test", PASSWORD)
          .getResultCode(), "the new user logs in with the password given in the hub");
    }
    JsonObject account = admin.get("/api/v1/users/" + userId).json().getJsonArray("accounts")
        .getJsonObject(0);
    assertFalse(account.containsKey("lastError") && account.getString("lastError") != null,
        account.encode());
  }

  private static JsonObject user(String userName) {
    return admin.get("/api/v1/users?q=" + userName + "&source=" + connectorId).json()
        .getJsonArray("items").stream().map(u -> (JsonObject) u)
        .filter(u -> u.getString("userName").equals(userName)).findFirst().orElseThrow();
  }

  private static byte[] unicodePwd(String password) {
    return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
  }
}
