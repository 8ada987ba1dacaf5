package io.slxconnect.hub.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.hub.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users and groups through the API, stored in a real PostgreSQL. */
class IdentityApiTest {

  @RegisterExtension
  static final HubPerClass HUB = new HubPerClass();
  private static ApiClient admin;

  @BeforeAll
  static void login() {
    admin = HUB.get().admin();
  }

  @Test
  void aCreatedUserCanBeFoundByAnyPartOfItsNamesOrEmail() {
    String id = createUser(new JsonObject().put("userName", "Grace.Hopper")
        .put("displayName", "Grace Hopper").put("givenName", "Grace").put("familyName", "Hopper")
        .put("emails", new JsonArray().add("grace@navy.example")).put("department", "R&D"));
    for (String q : List.of("grace.h", "HOPPER", "navy.example", "ace hop")) {
      var page = admin.get("/api/v1/users?q=" + q.replace(" ", "%20")).json();
      assertTrue(ids(page).contains(id), q + " finds the user: " + page.encode());
    }
    assertFalse(ids(admin.get("/api/v1/users?q=%25").json()).contains(id),
        "LIKE wildcards in a search are taken literally");
    JsonObject user = admin.get("/api/v1/users/" + id).json();
    assertEquals("R&D", user.getString("department"));
    assertEquals(new JsonArray(), user.getJsonArray("accounts"));
  }

  @Test
  void userNamesAreUniqueWithoutRegardToCase() {
    createUser(new JsonObject().put("userName", "ada"));
    var again = admin.post("/api/v1/users", new JsonObject().put("userName", "ADA"));
    assertEquals(409, again.status(), again.body());
    assertTrue(again.json().getString("detail").contains("ADA"));
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    var badEmail = admin.post("/api/v1/users", new JsonObject().put("userName", "x1")
        .put("emails", new JsonArray().add("not-an-email")));
    assertEquals(400, badEmail.status());
    assertEquals("/emails/0", badEmail.json().getJsonArray("errors").getJsonObject(0)
        .getString("field"));
    var unknownManager = admin.post("/api/v1/users", new JsonObject().put("userName", "x2")
        .put("managerId", "00000000-0000-0000-0000-000000000001"));
    assertEquals(422, unknownManager.status());
    assertEquals("/managerId", unknownManager.json().getJsonArray("errors").getJsonObject(0)
        .getString("field"));
    assertEquals(400, admin.get("/api/v1/users?cursor=%21%21").status());
    assertEquals(400, admin.get("/api/v1/users?group=not-a-uuid").status());
  }

  @Test
  void listingPagesThroughEveryUserOnceInNameOrder() {
    for (int i = 0; i < 7; i++) {
      createUser(new JsonObject().put("userName", "pager-" + i).put("department", "Paging"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = admin.get("/api/v1/users?q=pager-&limit=3"
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.getJsonArray("items").forEach(u -> seen.add(((JsonObject) u).getString("userName")));
      cursor = page.getString("next");
    } while (cursor != null);
    assertEquals(List.of("pager-0", "pager-1", "pager-2", "pager-3", "pager-4", "pager-5",
        "pager-6"), seen);
  }

  @Test
  void disablingAndEnablingShowsInTheStatusFilter() {
    String id = createUser(new JsonObject().put("userName", "leaver-1"));
    assertFalse(admin.post("/api/v1/users/" + id + "/disable", null).json()
        .getBoolean("active"));
    assertTrue(ids(admin.get("/api/v1/users?q=leaver-1&status=disabled").json()).contains(id));
    assertFalse(ids(admin.get("/api/v1/users?q=leaver-1&status=active").json()).contains(id));
    assertTrue(admin.post("/api/v1/users/" + id + "/enable", null).json().getBoolean("active"));
    var actions = admin.get("/api/v1/audit?limit=20").json().getJsonArray("items").stream()
        .map(e -> ((JsonObject) e).getString("action")).toList();
    assertTrue(actions.containsAll(List.of("user.created", "user.disabled", "user.enabled")),
        actions.toString());
  }

  @Test
  void anUpdateReplacesTheUserAndKeepsItsManager() {
    String boss = createUser(new JsonObject().put("userName", "boss"));
    String id = createUser(new JsonObject().put("userName", "worker")
        .put("displayName", "Old Name").put("managerId", boss));
    var updated = admin.put("/api/v1/users/" + id, new JsonObject().put("userName", "worker")
        .put("displayName", "New Name").put("managerId", boss));
    assertEquals(200, updated.status(), updated.body());
    assertEquals("New Name", updated.json().getString("displayName"));
    assertEquals("boss", updated.json().getJsonObject("manager").getString("userName"));
    assertEquals(2, updated.json().getInteger("version"));
    var self = admin.put("/api/v1/users/" + id, new JsonObject().put("userName", "worker")
        .put("managerId", id));
    assertEquals(422, self.status());
    assertEquals(204, admin.delete("/api/v1/users/" + boss).status());
    assertNull(admin.get("/api/v1/users/" + id).json().getValue("manager"),
        "deleting the manager clears the reference");
  }

  @Test
  void groupsHoldMembersAndListThemPaged() {
    var group = admin.post("/api/v1/groups", new JsonObject().put("name", "Engineering")
        .put("description", "Builds things"));
    assertEquals(201, group.status(), group.body());
    String groupId = group.json().getString("id");
    assertEquals(409, admin.post("/api/v1/groups", new JsonObject().put("name", "ENGINEERING"))
        .status());
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String user = createUser(new JsonObject().put("userName", "eng-" + i));
      members.add(user);
      assertEquals(204, admin.send("PUT", "/api/v1/groups/" + groupId + "/members/" + user,
          null, null).status());
    }
    assertEquals(204, admin.send("PUT", "/api/v1/groups/" + groupId + "/members/"
        + members.get(0), null, null).status(), "adding twice changes nothing");
    assertEquals(4, admin.get("/api/v1/groups/" + groupId).json().getInteger("memberCount"));
    JsonObject first = admin.get("/api/v1/groups/" + groupId + "/members?limit=3").json();
    assertEquals(3, first.getJsonArray("items").size());
    JsonObject second = admin.get("/api/v1/groups/" + groupId + "/members?limit=3&cursor="
        + first.getString("next")).json();
    assertEquals(1, second.getJsonArray("items").size());
    assertNull(second.getValue("next"));
    assertEquals("Engineering", admin.get("/api/v1/users/" + members.get(1)).json()
        .getJsonArray("groups").getJsonObject(0).getString("name"));
    assertTrue(ids(admin.get("/api/v1/users?group=" + groupId).json()).contains(members.get(2)));

    assertEquals(204, admin.delete("/api/v1/groups/" + groupId + "/members/" + members.get(0))
        .status());
    assertEquals(3, admin.get("/api/v1/groups/" + groupId).json().getInteger("memberCount"));
    var renamed = admin.put("/api/v1/groups/" + groupId, new JsonObject()
        .put("name", "Platform Engineering"));
    assertEquals("Platform Engineering", renamed.json().getString("name"));
    assertEquals(204, admin.delete("/api/v1/groups/" + groupId).status());
    assertEquals(200, admin.get("/api/v1/users/" + members.get(1)).status(),
        "members outlive their group");
    assertEquals(404, admin.send("PUT", "/api/v1/groups/" + groupId + "/members/"
        + members.get(1), null, null).status());
  }

  @Test
  void aUserShowsItsLinkedAccountsAndCanBeFilteredBySource() {
    String id = createUser(new JsonObject().put("userName", "linked-user"));
    var connector = admin.post("/api/v1/connectors", new JsonObject().put("name", "Directory")
        .put("type", "ldap").put("enabled", false).put("settings", new JsonObject()
            .put("urls", new JsonArray().add("ldaps://ldap.example.com"))
            .put("userBaseDn", "dc=example,dc=com")));
    assertEquals(201, connector.status(), connector.body());
    String connectorId = connector.json().getString("id");
    // Links are written by imports and provisioning; here the test writes one directly.
    TestDatabase.queryOne(HUB.get().database(), "INSERT INTO account_links (connector_id, "
        + "external_id, user_id) VALUES ('" + connectorId + "', 'entry-uuid-1', '" + id
        + "') RETURNING external_id");
    JsonObject account = admin.get("/api/v1/users/" + id).json().getJsonArray("accounts")
        .getJsonObject(0);
    assertEquals("Directory", account.getString("connectorName"));
    assertEquals("entry-uuid-1", account.getString("externalId"));
    assertEquals(List.of(id), ids(admin.get("/api/v1/users?source=" + connectorId).json()));
  }

  @Test
  void anAuditorCanReadButNotChangeUsers() {
    admin.post("/api/v1/admins", new JsonObject().put("username", "reader")
        .put("password", "reader-password-1").put("role", "auditor"));
    ApiClient auditor = HUB.get().client().login("reader", "reader-password-1");
    assertEquals(200, auditor.get("/api/v1/users").status());
    assertEquals(403, auditor.post("/api/v1/users", new JsonObject().put("userName", "nope"))
        .status());
  }

  private static String createUser(JsonObject body) {
    var created = admin.post("/api/v1/users", body);
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(u -> ((JsonObject) u).getString("id"))
        .toList();
  }
}
