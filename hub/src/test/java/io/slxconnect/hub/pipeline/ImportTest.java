package io.slxconnect.hub.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.TestLdap;
import io.slxconnect.hub.testplugin.shared.MemoryDirectory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Imports, from the memory test connector and from a real LDAP server through the LDAP
 * plugin: streamed pages with live counters and a kept summary, a second run that changes
 * nothing, failures reported record by record, one run at a time, cancellation, and schedules.
 */
class ImportTest {

  @RegisterExtension
  static final HubPerClass HUB = HubPerClass.withTestConnectors(Map.of());
  private static TestHub hub;
  private static ApiClient admin;

  @BeforeAll
  static void login() {
    hub = HUB.get();
    admin = hub.admin();
  }

  @Test
  void anImportCreatesUsersAndGroupsThenASecondOneChangesNothing() {
    String prefix = "i" + UUID.randomUUID().toString().substring(0, 6) + "-";
    MemoryDirectory legacy = MemoryDirectory.named(prefix + "legacy");
    for (int i = 1; i <= 7; i++) {
      legacy.put(user("l-" + i, prefix + "user" + i));
    }
    legacy.put(new ExternalGroup("lg-1", prefix + "Staff", "Everyone",
        List.of("l-1", "l-2", "l-3"), null));
    legacy.put(new ExternalGroup("lg-2", prefix + "Admins", null, List.of("l-7"), null));
    String id = connector(prefix + "legacy", new JsonObject());

    JsonObject first = runImport(id);
    assertEquals("succeeded", first.getString("status"), first.encode());
    assertEquals(9, first.getInteger("read"));
    assertEquals(9, first.getInteger("created"));
    assertEquals(0, first.getInteger("failed"));
    assertNull(first.getInteger("expected"), "no earlier run to compare with");
    JsonObject staff = admin.get("/api/v1/groups?q=" + prefix + "staff").json()
        .getJsonArray("items").getJsonObject(0);
    assertEquals(3, staff.getInteger("memberCount"));
    assertEquals("Everyone", staff.getString("description"));

    JsonObject second = runImport(id);
    assertEquals(9, second.getInteger("unchanged"), second.encode());
    assertEquals(0, second.getInteger("created") + second.getInteger("updated"));
    assertEquals(9, second.getInteger("expected"));

    // The connector watches too: a change is in the store before the next import reads it.
    legacy.put(new ExternalUser("l-3", prefix + "user3", "Renamed", null, null, List.of(),
        false, null, "Ops", null, null, null));
    await().until(() -> "Ops".equals(admin.get("/api/v1/users?q=" + prefix + "user3").json()
        .getJsonArray("items").getJsonObject(0).getString("department")));
    JsonObject third = runImport(id);
    assertEquals(9, third.getInteger("unchanged"), third.encode());
    JsonArray history = admin.get("/api/v1/connectors/" + id + "/imports").array();
    assertEquals(3, history.size());
    assertEquals(third.getString("id"), history.getJsonObject(0).getString("id"));
    assertEquals(TestHub.ADMIN, history.getJsonObject(0).getString("startedBy"));
  }

  @Test
  void recordsThatCannotBeImportedAreCountedWithTheirReason() {
    String prefix = "f" + UUID.randomUUID().toString().substring(0, 6) + "-";
    admin.post("/api/v1/users", new JsonObject().put("userName", prefix + "taken"));
    MemoryDirectory other = MemoryDirectory.named(prefix + "other");
    other.put(user("o-1", prefix + "taken"));
    other.put(user("o-2", prefix + "free"));
    String id = connector(prefix + "other", new JsonObject().put("correlation", "none"));

    JsonObject run = runImport(id);
    assertEquals("succeeded", run.getString("status"));
    assertEquals(1, run.getInteger("created"));
    assertEquals(1, run.getInteger("failed"));
    JsonObject failure = run.getJsonArray("failures").getJsonObject(0);
    assertEquals("o-1", failure.getString("externalId"));
    assertTrue(failure.getString("reason").contains("taken by another user"),
        failure.encode());
  }

  @Test
  void oneImportRunsAtATimeAndCanBeCancelled() {
    String prefix = "c" + UUID.randomUUID().toString().substring(0, 6) + "-";
    MemoryDirectory big = MemoryDirectory.named(prefix + "big");
    for (int i = 1; i <= 20_000; i++) {
      big.put(user("b-" + i, prefix + "user" + i));
    }
    String id = connector(prefix + "big", new JsonObject());
    var started = admin.post("/api/v1/connectors/" + id + "/imports", null);
    assertEquals(202, started.status(), started.body());
    String runId = started.json().getString("id");

    var again = admin.post("/api/v1/connectors/" + id + "/imports", null);
    assertEquals(409, again.status(), again.body());
    assertEquals(202, admin.post("/api/v1/imports/" + runId + "/cancel", null).status());
    JsonObject run = awaitFinished(runId);
    assertEquals("cancelled", run.getString("status"));
    assertTrue(run.getInteger("read") < 20_000, run.encode());
    assertEquals(409, admin.post("/api/v1/imports/" + runId + "/cancel", null).status(),
        "a finished run cannot be cancelled");
  }

  @Test
  void usersImportFromARealLdapServerAndLinkByTheirEntryUuid() {
    try (TestLdap ldap = TestLdap.start()) {
      var created = admin.post("/api/v1/connectors", new JsonObject().put("name", "Directory "
              + UUID.randomUUID()).put("type", "ldap")
          .put("settings", ldap.settings(TestLdap.BIND_PASSWORD)));
      assertEquals(201, created.status(), created.body());
      String id = created.json().getString("id");
      awaitRunning(id);

      JsonObject first = runImport(id);
      assertEquals(2, first.getInteger("created"), first.encode());
      JsonObject alice = admin.get("/api/v1/users?q=alice&source=" + id).json()
          .getJsonArray("items").getJsonObject(0);
      JsonObject account = admin.get("/api/v1/users/" + alice.getString("id")).json()
          .getJsonArray("accounts").getJsonObject(0);
      assertEquals(id, account.getString("connectorId"));
      assertTrue(account.getString("externalId").matches("[0-9a-f-]{36}"),
          "linked by entryUUID, not by name: " + account.getString("externalId"));

      ldap.replace("uid=alice,ou=people," + TestLdap.BASE_DN, "mail", "alice@new.example");
      JsonObject second = runImport(id);
      assertEquals(1, second.getInteger("updated"), second.encode());
      assertEquals(1, second.getInteger("unchanged"));
      assertEquals("alice@new.example", admin.get("/api/v1/users/" + alice.getString("id"))
          .json().getJsonArray("emails").getString(0));
    }
  }

  @Test
  void aScheduleIsValidatedShownAndRunsWhenDue() {
    String prefix = "s" + UUID.randomUUID().toString().substring(0, 6) + "-";
    MemoryDirectory timed = MemoryDirectory.named(prefix + "timed");
    timed.put(user("t-1", prefix + "user1"));
    String id = connector(prefix + "timed", new JsonObject());

    var bad = admin.put("/api/v1/connectors/" + id + "/schedule",
        new JsonObject().put("preset", "cron").put("cron", "61 * * * *"));
    assertEquals(422, bad.status(), bad.body());
    assertEquals("/cron", bad.json().getJsonArray("errors").getJsonObject(0)
        .getString("field"), bad.body());

    var daily = admin.put("/api/v1/connectors/" + id + "/schedule",
        new JsonObject().put("preset", "daily"));
    assertEquals(200, daily.status(), daily.body());
    Instant next = Instant.parse(daily.json().getString("nextRunAt"));
    assertTrue(next.isAfter(Instant.now()) && next.toString().contains("T02:00:00"),
        next.toString());
    assertEquals("0 2 * * *", admin.get("/api/v1/connectors/" + id).json()
        .getJsonObject("schedule").getString("cron"));

    // Bring the next run forward instead of waiting for 02:00.
    TestDatabase.queryOne(hub.database(), "UPDATE import_schedules SET next_run_at = now() "
        + "WHERE connector_id = '" + id + "' RETURNING connector_id");
    await().atMost(Duration.ofSeconds(40)).until(() -> admin.get("/api/v1/connectors/" + id)
        .json().getJsonObject("schedule").getString("lastRunId") != null);
    JsonObject schedule = admin.get("/api/v1/connectors/" + id).json()
        .getJsonObject("schedule");
    JsonObject run = awaitFinished(schedule.getString("lastRunId"));
    assertEquals("schedule", run.getString("trigger"));
    assertEquals(1, run.getInteger("created"));
    assertTrue(Instant.parse(schedule.getString("nextRunAt")).isAfter(Instant.now()));

    assertEquals(204, admin.delete("/api/v1/connectors/" + id + "/schedule").status());
    assertNull(admin.get("/api/v1/connectors/" + id).json().getValue("schedule"));
  }

  private static ExternalUser user(String id, String name) {
    return new ExternalUser(id, name, name, null, null, List.of(name + "@example.com"), true,
        null, null, null, null, null);
  }

  private static String connector(String directory, JsonObject provisioning) {
    var created = admin.post("/api/v1/connectors", new JsonObject().put("name", directory)
        .put("type", "memory").put("settings", new JsonObject().put("directory", directory)
            .put("pageSize", 50))
        .put("provisioning", provisioning));
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    awaitRunning(id);
    return id;
  }

  private static void awaitRunning(String id) {
    await().until(() -> "running".equals(admin.get("/api/v1/connectors/" + id).json()
        .getJsonObject("status").getString("state")));
  }

  private static JsonObject runImport(String connectorId) {
    var started = admin.post("/api/v1/connectors/" + connectorId + "/imports", null);
    assertEquals(202, started.status(), started.body());
    assertEquals("running", started.json().getString("status"));
    return awaitFinished(started.json().getString("id"));
  }

  private static JsonObject awaitFinished(String runId) {
    await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(
        admin.get("/api/v1/imports/" + runId).json().getString("status")));
    JsonObject run = admin.get("/api/v1/imports/" + runId).json();
    assertNotNull(run.getString("finishedAt"));
    return run;
  }
}
