package io.slxconnect.hub.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.testplugin.shared.MemoryDirectory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline end to end, with connectors of the memory test plugin as sources and targets:
 * changes in a source reach the store and every target; matching and linking; echoes change
 * nothing; a target that fails then recovers gets every change in order; failures are logged
 * and can be retried; deletions deprovision; passwords are pushed and never stored.
 */
class PipelineTest {

  @RegisterExtension
  static final HubPerClass HUB = HubPerClass.withTestConnectors(Map.of("SLX_PROVISIONING_RETRY_DELAY", "200ms"));
  private static TestHub hub;
  private static ApiClient admin;

  @BeforeAll
  static void login() {
    hub = HUB.get();
    admin = hub.admin();
  }

  /** Each test's connectors go, so that no test's targets receive another test's users. */
  @AfterEach
  void removeConnectors() {
    admin.get("/api/v1/connectors").array().forEach(c -> admin.delete("/api/v1/connectors/"
        + ((JsonObject) c).getString("id")));
  }

  @Test
  void aChangeInASourceReachesTheStoreAndEveryTargetThatTakesIt() {
    String prefix = unique();
    MemoryDirectory hr = MemoryDirectory.named(prefix + "hr");
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    connector(prefix + "hr", source("userName"));
    connector(prefix + "app", target("create", "update", "disable"));

    hr.put(account("hr-1", prefix + "alice", "Sales", true));
    JsonObject user = awaitUser(prefix + "alice", u -> true);
    assertEquals("Sales", user.getString("department"));
    ExternalUser created = awaitAccount(app, prefix + "alice", a -> true);
    assertEquals("Sales", created.department());

    hr.put(account("hr-1", prefix + "alice", "Engineering", true));
    awaitAccount(app, prefix + "alice", a -> "Engineering".equals(a.department()));

    hr.put(account("hr-1", prefix + "alice", "Engineering", false));
    awaitAccount(app, prefix + "alice", a -> !a.active());
    assertFalse(awaitUser(prefix + "alice", u -> !u.getBoolean("active"))
        .getBoolean("active"));

    JsonArray accounts = detail(user).getJsonArray("accounts");
    assertEquals(2, accounts.size(), accounts.encode());
    JsonArray types = events(user.getString("id"));
    assertTrue(types.contains("user.created") && types.contains("user.updated")
        && types.contains("user.disabled") && types.contains("account.linked"), types.encode());
    assertEquals(List.of("create " + prefix + "alice", "update " + created.externalId(),
        "disable " + created.externalId()), app.calls());
  }

  @Test
  void aRecordThatChangesNothingWritesNothingSoEchoesDieInTheHub() {
    String prefix = unique();
    MemoryDirectory hr = MemoryDirectory.named(prefix + "hr");
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    connector(prefix + "hr", source("userName"));
    String appId = connector(prefix + "app", new JsonObject().put("direction", "both")
        .put("operations", new JsonArray().add("create").add("update")));
    hr.put(account("hr-1", prefix + "bob", "Sales", true));
    ExternalUser pushed = awaitAccount(app, prefix + "bob", a -> true);
    JsonObject user = awaitUser(prefix + "bob", u -> true);
    await().until(() -> detail(user).getJsonArray("accounts").size() == 2);
    int before = events(user.getString("id")).size();

    // The target reports the account the hub just pushed (an echo), the source repeats itself.
    app.put(pushed);
    hr.put(account("hr-1", prefix + "bob", "Sales", true));
    // A later real change proves both records above were processed before it.
    hr.put(account("hr-1", prefix + "bob", "Support", true));
    awaitAccount(app, prefix + "bob", a -> "Support".equals(a.department()));
    assertEquals(before + 1, events(user.getString("id")).size(),
        "only the real change is an event: " + events(user.getString("id")).encode());
    assertEquals(2, app.calls().size(), app.calls().toString());
    assertTrue(tasks("connector=" + appId).stream()
        .allMatch(t -> "succeeded".equals(((JsonObject) t).getString("status"))));
  }

  @Test
  void aNewAccountIsMatchedToItsUserByTheCorrelationAttribute() {
    String prefix = unique();
    MemoryDirectory crm = MemoryDirectory.named(prefix + "crm");
    var existing = admin.post("/api/v1/users", new JsonObject().put("userName", prefix + "carol")
        .put("emails", new JsonArray().add(prefix + "carol@example.com")));
    assertEquals(201, existing.status(), existing.body());
    String crmId = connector(prefix + "crm", source("email"));

    crm.put(new ExternalUser("crm-7", prefix + "c.smith", "Carol Smith", "Carol", "Smith",
        List.of(prefix.toUpperCase() + "carol@example.com"), true, null, null, null, null,
        null));
    JsonObject user = awaitUser(prefix + "c.smith", u -> true);
    assertEquals(existing.json().getString("id"), user.getString("id"),
        "matched by email (any case), not created again");
    JsonObject account = detail(user).getJsonArray("accounts").getJsonObject(0);
    assertEquals(crmId, account.getString("connectorId"));
    assertEquals("crm-7", account.getString("externalId"));
    assertEquals("active", account.getString("state"));
    assertNotNull(account.getString("lastSyncAt"));
  }

  @Test
  void aTargetThatFailsThenRecoversGetsEveryChangeInOrder() {
    String prefix = unique();
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    String appId = connector(prefix + "app", target("create", "update", "disable"));
    app.failNext(3, ConnectorException.Reason.UNAVAILABLE);
    String id = admin.post("/api/v1/users", new JsonObject().put("userName", prefix + "dave")
        .put("department", "One")).json().getString("id");
    ExternalUser account = awaitAccount(app, prefix + "dave", a -> true);
    String ext = account.externalId();

    // The target fails again while three changes queue up behind each other.
    app.failNext(3, ConnectorException.Reason.UNAVAILABLE);
    JsonObject input = new JsonObject().put("userName", prefix + "dave");
    admin.put("/api/v1/users/" + id, input.copy().put("department", "Two"));
    admin.put("/api/v1/users/" + id, input.copy().put("department", "Three"));
    admin.post("/api/v1/users/" + id + "/disable", null);

    await().until(() -> app.calls().contains("disable " + ext));
    account = app.accountNamed(prefix + "dave");
    assertEquals("Three", account.department());
    assertFalse(account.active());
    String create = "create " + prefix + "dave";
    assertEquals(List.of(create, create, create, create, "update " + ext, "update " + ext,
        "update " + ext, "update " + ext, "update " + ext, "disable " + ext), app.calls(),
        "each push waits for the one before it, retried until the target is back");
    JsonArray log = tasks("user=" + id);
    assertEquals(4, log.size(), log.encode());
    assertTrue(log.stream().allMatch(t -> "succeeded".equals(((JsonObject) t)
        .getString("status"))), log.encode());
    JsonObject first = log.getJsonObject(3);
    assertEquals("create", first.getString("operation"));
    assertEquals(4, first.getInteger("attempts"), first.encode());
    assertEquals(appId, first.getString("connectorId"));
  }

  @Test
  void aChangeMadeWhileTheAccountIsBeingCreatedFollowsTheCreate() {
    String prefix = unique();
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    connector(prefix + "app", target("create", "disable"));
    app.failNext(2, ConnectorException.Reason.UNAVAILABLE);
    String id = admin.post("/api/v1/users", new JsonObject().put("userName", prefix + "jo"))
        .json().getString("id");
    await().until(() -> app.calls().size() >= 1);
    assertEquals(200, admin.post("/api/v1/users/" + id + "/disable", null).status());

    await().until(() -> app.calls().size() == 4);
    String ext = app.accountNamed(prefix + "jo").externalId();
    String create = "create " + prefix + "jo";
    assertEquals(List.of(create, create, create, "disable " + ext), app.calls());
  }

  @Test
  void aRefusedPushIsLoggedWithTheReasonAndCanBeRetried() {
    String prefix = unique();
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    connector(prefix + "app", target("create"));
    app.failNext(1, ConnectorException.Reason.REJECTED);
    String id = admin.post("/api/v1/users", new JsonObject().put("userName", prefix + "erin"))
        .json().getString("id");

    await().until(() -> !tasks("user=" + id + "&status=failed").isEmpty());
    JsonObject failed = tasks("user=" + id + "&status=failed").getJsonObject(0);
    assertTrue(failed.getString("lastError").contains("injected failure"), failed.encode());
    assertTrue(events(id).contains("provisioning.failed"));
    assertNull(app.accountNamed(prefix + "erin"));

    var retried = admin.post("/api/v1/provisioning/" + failed.getLong("id") + "/retry", null);
    assertEquals(202, retried.status(), retried.body());
    awaitAccount(app, prefix + "erin", a -> true);
    assertEquals(409, admin.post("/api/v1/provisioning/" + failed.getLong("id") + "/retry",
        null).status(), "only a failed task can be retried");
  }

  @Test
  void aUserDeletedInItsOnlySourceIsDeletedAndDeprovisioned() {
    String prefix = unique();
    MemoryDirectory hr = MemoryDirectory.named(prefix + "hr");
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    connector(prefix + "hr", source("userName"));
    connector(prefix + "app", target("create", "delete"));
    hr.put(account("hr-9", prefix + "frank", null, true));
    ExternalUser pushed = awaitAccount(app, prefix + "frank", a -> true);
    String id = awaitUser(prefix + "frank", u -> true).getString("id");

    hr.remove("hr-9");
    await().until(() -> app.account(pushed.externalId()) == null);
    assertEquals(404, admin.get("/api/v1/users/" + id).status());
    assertTrue(events(id).contains("user.deleted"));
  }

  @Test
  void groupsFromASourceAreCreatedOnTheFlyAndMembershipsReachTargets() {
    String prefix = unique();
    MemoryDirectory hr = MemoryDirectory.named(prefix + "hr");
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    connector(prefix + "hr", source("userName"));
    connector(prefix + "app", new JsonObject().put("direction", "both")
        .put("operations", new JsonArray().add("create").add("groups")));
    hr.put(account("hr-1", prefix + "gina", null, true));
    ExternalUser inApp = awaitAccount(app, prefix + "gina", a -> true);
    hr.put(new ExternalGroup("hr-g1", prefix + "Engineering", null, List.of("hr-1"), null));
    app.put(new ExternalGroup("app-g1", prefix + "Engineering", null,
        List.of(inApp.externalId()), null));

    String userId = awaitUser(prefix + "gina", u -> true).getString("id");
    await().until(() -> detail(admin.get("/api/v1/users/" + userId).json())
        .getJsonArray("groups").size() == 1);
    String groupId = detail(admin.get("/api/v1/users/" + userId).json())
        .getJsonArray("groups").getJsonObject(0).getString("id");
    // Matched by name, the group is linked to both systems.
    await().until(() -> admin.get("/api/v1/groups/" + groupId).json().getJsonArray("links")
        .size() == 2);
    admin.delete("/api/v1/groups/" + groupId + "/members/" + userId);
    assertEquals(204, admin.send("PUT", "/api/v1/groups/" + groupId + "/members/" + userId,
        null, null).status());
    await().until(() -> app.calls().contains("add " + inApp.externalId() + " to app-g1"));
    assertTrue(app.calls().contains("remove " + inApp.externalId() + " from app-g1"));
  }

  @Test
  void anAccountCreatedForAUserDeletedMeanwhileIsDeletedAgain() {
    String prefix = unique();
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    connector(prefix + "app", target("create", "update", "delete"));
    app.holdCreates();
    try {
      var created = admin.post("/api/v1/users", new JsonObject().put("userName",
          prefix + "temp").put("emails", new JsonArray().add(prefix + "temp@example.com")));
      assertEquals(201, created.status(), created.body());
      String userId = created.json().getString("id");
      await().until(() -> app.createsWaiting() == 1);
      assertEquals(204, admin.delete("/api/v1/users/" + userId).status());
    } finally {
      app.releaseCreates();
    }
    await().until(() -> app.calls().size() == 2);
    assertEquals("create " + prefix + "temp", app.calls().get(0));
    assertTrue(app.calls().get(1).startsWith("delete "), app.calls().toString());
    assertNull(app.accountNamed(prefix + "temp"), "no account is left behind");
  }

  @Test
  void twoAccountsSwappingNamesInOneBatchAreBothRenamed() {
    String prefix = unique();
    MemoryDirectory hr = MemoryDirectory.named(prefix + "hr");
    connector(prefix + "hr", source("userName"));
    hr.put(account("hr-1", prefix + "ann", "Sales", true));
    hr.put(account("hr-2", prefix + "ben", "Sales", true));
    String ann = awaitUser(prefix + "ann", u -> true).getString("id");
    String ben = awaitUser(prefix + "ben", u -> true).getString("id");

    hr.report(List.of(
        ChangeRecord.userUpserted(account("hr-1", prefix + "ben", "Sales", true)),
        ChangeRecord.userUpserted(account("hr-2", prefix + "ann", "Sales", true))));
    assertEquals(ann, awaitUser(prefix + "ben", u -> true).getString("id"));
    assertEquals(ben, awaitUser(prefix + "ann", u -> true).getString("id"));
  }

  @Test
  void aSecondGroupOfOneSourceWithTheSameNameIsNotMergedIntoTheFirst() {
    String prefix = unique();
    MemoryDirectory hr = MemoryDirectory.named(prefix + "hr");
    connector(prefix + "hr", source("userName"));
    hr.put(account("hr-1", prefix + "cai", null, true));
    hr.put(account("hr-2", prefix + "dov", null, true));
    String cai = awaitUser(prefix + "cai", u -> true).getString("id");
    awaitUser(prefix + "dov", u -> true);
    hr.put(new ExternalGroup("hr-g1", prefix + "Team", null, List.of("hr-1"), null));
    hr.put(new ExternalGroup("hr-g2", prefix + "Team", null, List.of("hr-2"), null));
    // A later change proves both groups above were processed before it.
    hr.put(account("hr-1", prefix + "cai", "Done", true));
    awaitUser(prefix + "cai", u -> "Done".equals(u.getString("department")));

    JsonArray groups = admin.get("/api/v1/groups?q=" + prefix + "Team").json()
        .getJsonArray("items");
    assertEquals(1, groups.size(), groups.encode());
    String groupId = groups.getJsonObject(0).getString("id");
    JsonArray members = admin.get("/api/v1/users?group=" + groupId).json()
        .getJsonArray("items");
    assertEquals(List.of(cai), members.stream().map(m -> ((JsonObject) m).getString("id"))
        .toList());
    assertEquals(1, admin.get("/api/v1/groups/" + groupId).json().getJsonArray("links")
        .size());
  }

  @Test
  void aPasswordGoesToLinkedSystemsThatTakePasswordsAndIsNotKept() {
    String prefix = unique();
    MemoryDirectory app = MemoryDirectory.named(prefix + "app");
    String appId = connector(prefix + "app", target("create", "password"));
    String id = admin.post("/api/v1/users", new JsonObject().put("userName", prefix + "hank"))
        .json().getString("id");
    awaitAccount(app, prefix + "hank", a -> true);
    await().until(() -> detail(admin.get("/api/v1/users/" + id).json())
        .getJsonArray("accounts").size() == 1);

    var set = admin.post("/api/v1/users/" + id + "/password",
        new JsonObject().put("password", "N3w-secret-value"));
    assertEquals(200, set.status(), set.body());
    JsonObject result = set.json().getJsonArray("results").getJsonObject(0);
    assertEquals(appId, result.getString("connectorId"));
    assertEquals("succeeded", result.getString("status"));
    assertTrue(app.calls().stream().anyMatch(c -> c.endsWith(" N3w-secret-value")));
    assertTrue(events(id).contains("user.password_changed"));
    assertFalse(admin.get("/api/v1/events?user=" + id).body().contains("N3w-secret-value"));
    assertFalse(admin.get("/api/v1/provisioning?user=" + id).body()
        .contains("N3w-secret-value"));

    // Disabled, so no target creates an account for it.
    String lonely = admin.post("/api/v1/users", new JsonObject().put("userName",
        prefix + "nobody-linked").put("active", false)).json().getString("id");
    assertEquals(409, admin.post("/api/v1/users/" + lonely + "/password",
        new JsonObject().put("password", "whatever-1")).status());
  }

  @Test
  void changeEventsAreListedAsCloudEventsAndFilteredBySourceAndTime() {
    String prefix = unique();
    MemoryDirectory hr = MemoryDirectory.named(prefix + "hr");
    String hrId = connector(prefix + "hr", source("userName"));
    String before = java.time.Instant.now().minusSeconds(1).toString();
    hr.put(account("hr-1", prefix + "kai", "Sales", true));
    String userId = awaitUser(prefix + "kai", u -> true).getString("id");
    var admins = admin.post("/api/v1/users", new JsonObject().put("userName", prefix + "lou"));
    assertEquals(201, admins.status(), admins.body());

    JsonArray fromHr = admin.get("/api/v1/events?format=cloudevents&source=" + hrId)
        .json().getJsonArray("items");
    JsonObject created = fromHr.stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("user.created")).findFirst().orElseThrow();
    assertEquals("1.0", created.getString("specversion"));
    assertEquals("/connectors/" + hrId, created.getString("source"));
    assertEquals("users/" + userId, created.getString("subject"));
    assertEquals("application/json", created.getString("datacontenttype"));
    assertEquals(prefix + "kai", created.getJsonObject("data").getJsonObject("user")
        .getString("userName"));
    assertTrue(created.getString("id").matches("[0-9]+"), created.encode());
    assertTrue(fromHr.stream().map(JsonObject.class::cast)
        .allMatch(e -> e.getString("source").equals("/connectors/" + hrId)), fromHr.encode());

    JsonArray byAdmin = admin.get("/api/v1/events?format=cloudevents&type=user.created&since="
        + before).json().getJsonArray("items");
    JsonObject lou = byAdmin.stream().map(JsonObject.class::cast)
        .filter(e -> e.getJsonObject("data").getJsonObject("user").getString("userName")
            .equals(prefix + "lou")).findFirst().orElseThrow();
    assertEquals("/admin", lou.getString("source"));
    assertEquals(TestHub.ADMIN, lou.getString("actor"));
    assertEquals(0, admin.get("/api/v1/events?since=2999-01-01T00:00:00Z").json()
        .getJsonArray("items").size());
    assertEquals(400, admin.get("/api/v1/events?since=yesterday").status());
  }

  @Test
  void theChangeLogCannotBeRewritten() {
    String id = admin.post("/api/v1/users", new JsonObject().put("userName", unique() + "ivy"))
        .json().getString("id");
    for (String sql : new String[] {
        "UPDATE change_events SET type = 'user.deleted' WHERE user_id = '" + id + "' RETURNING id",
        "DELETE FROM change_events WHERE user_id = '" + id + "' RETURNING id"}) {
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> TestDatabase.queryOne(hub.database(), sql));
      assertTrue(refused.getCause().getMessage().contains("change_events is append-only"),
          refused.getCause().getMessage());
    }
    assertEquals(List.of("user.created"), events(id).getList());
  }

  @Test
  void aBatchTheStoreRefusedIsDeliveredAgainFromTheLastStoredCheckpoint() {
    // The store refuses the third batch of ten (a fault the test injects) until it is fixed.
    TestDatabase.execute(hub.database(), """
        CREATE FUNCTION refuse_burst_25() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.user_name = 'burst-00025' THEN
            RAISE EXCEPTION 'injected failure';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_burst_25 BEFORE INSERT ON users
          FOR EACH ROW EXECUTE FUNCTION refuse_burst_25();
        """);
    String id;
    try {
      var created = admin.post("/api/v1/connectors", new JsonObject().put("name", unique())
          .put("type", "memory").put("settings", new JsonObject().put("directory", unique())
              .put("burst", 60))
          .put("provisioning", source("userName")));
      assertEquals(201, created.status(), created.body());
      id = created.json().getString("id");
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        JsonObject status = admin.get("/api/v1/connectors/" + id).json()
            .getJsonObject("status");
        return "failing".equals(status.getString("state"))
            && status.getString("lastError").contains("injected failure");
      });
      assertEquals(20, burstUsers(), "the two batches before the refused one are stored, "
          + "none after it");
    } finally {
      TestDatabase.execute(hub.database(), "DROP TRIGGER refuse_burst_25 ON users; "
          + "DROP FUNCTION refuse_burst_25()");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> burstUsers() == 60);
    await().until(() -> "running".equals(admin.get("/api/v1/connectors/" + id).json()
        .getJsonObject("status").getString("state")));
  }

  @Test
  void aWatchThatLostItsConnectionShowsTheConnectorDegradedUntilItIsBack() {
    String prefix = unique();
    MemoryDirectory hr = MemoryDirectory.named(prefix + "hr");
    String id = connector(prefix + "hr", source("userName"));

    hr.connection(false, "server down (81); reconnecting");
    await().until(() -> "degraded".equals(status(id).getString("state")));
    assertEquals("server down (81); reconnecting", status(id).getString("lastError"));
    JsonObject check = admin.get("/health").json().getJsonArray("checks").stream()
        .map(c -> (JsonObject) c).filter(c -> c.getString("name").equals("connector:" + prefix
            + "hr")).findFirst().orElseThrow();
    assertEquals("degraded", check.getString("status"));
    assertFalse(check.encode().contains("server down"), "health names states only");

    hr.connection(true, null);
    await().until(() -> "running".equals(status(id).getString("state")));
  }

  // Helpers.

  private static JsonObject status(String connectorId) {
    return admin.get("/api/v1/connectors/" + connectorId).json().getJsonObject("status");
  }

  private static int burstUsers() {
    return admin.get("/api/v1/users?q=burst-&limit=100").json().getJsonArray("items").size();
  }

  private static String unique() {
    return "t" + UUID.randomUUID().toString().substring(0, 6) + "-";
  }

  private static JsonObject source(String correlation) {
    return new JsonObject().put("direction", "source").put("correlation", correlation);
  }

  private static JsonObject target(String... operations) {
    return new JsonObject().put("direction", "target")
        .put("operations", new JsonArray(List.of(operations)));
  }

  static String connector(String directory, JsonObject provisioning) {
    var created = admin.post("/api/v1/connectors", new JsonObject().put("name", directory)
        .put("type", "memory").put("settings", new JsonObject().put("directory", directory))
        .put("provisioning", provisioning));
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    await().until(() -> "running".equals(admin.get("/api/v1/connectors/" + id).json()
        .getJsonObject("status").getString("state")));
    return id;
  }

  private static ExternalUser account(String id, String userName, String department,
      boolean active) {
    return new ExternalUser(id, userName, userName, null, null,
        List.of(userName + "@example.com"), active, null, department, null, null, null);
  }

  private static JsonObject awaitUser(String userName, Predicate<JsonObject> condition) {
    JsonObject[] found = new JsonObject[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      JsonArray items = admin.get("/api/v1/users?q=" + userName).json().getJsonArray("items");
      for (Object o : items) {
        JsonObject u = (JsonObject) o;
        if (u.getString("userName").equals(userName) && condition.test(u)) {
          found[0] = u;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private static ExternalUser awaitAccount(MemoryDirectory directory, String userName,
      Predicate<ExternalUser> condition) {
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      ExternalUser a = directory.accountNamed(userName);
      return a != null && condition.test(a);
    });
    return directory.accountNamed(userName);
  }

  private static JsonObject detail(JsonObject user) {
    return admin.get("/api/v1/users/" + user.getString("id")).json();
  }

  private static JsonArray events(String userId) {
    return new JsonArray(admin.get("/api/v1/events?user=" + userId + "&limit=200").json()
        .getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("type")).toList());
  }

  private static JsonArray tasks(String query) {
    return admin.get("/api/v1/provisioning?" + query).json().getJsonArray("items");
  }
}
