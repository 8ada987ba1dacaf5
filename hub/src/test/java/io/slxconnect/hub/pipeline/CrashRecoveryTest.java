package io.slxconnect.hub.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubProcess;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestPlugins;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a hub process killed with SIGKILL in the middle of a burst of changes, then
 * restarted, ends with every change in the store and every provisioning push done. The source
 * generates users through its watch and resumes from the checkpoint the hub committed; the
 * target appends each create to a journal file that outlives the process.
 */
class CrashRecoveryTest {

  private static final int USERS = 2000;

  @Test
  void aHubKilledMidBurstLosesNoChangeAndFinishesEveryPush(@TempDir Path dataDir,
      @TempDir Path pluginsDir) throws Exception {
    TestPlugins.pluginsDirectory(pluginsDir);
    Path journal = dataDir.resolve("target-journal.txt");
    int httpPort = TestDatabase.freePort();
    int dbPort = TestDatabase.freePort();

    Process first = HubProcess.start(dataDir, httpPort, dbPort, pluginsDir, Map.of());
    try {
      ApiClient admin = HubProcess.admin(httpPort);
      create(admin, "target", new JsonObject().put("directory", "crash-target")
          .put("journal", journal.toString()), new JsonObject().put("direction", "target")
          .put("operations", new JsonArray().add("create")));
      create(admin, "source", new JsonObject().put("directory", "crash-source")
          .put("burst", USERS), new JsonObject().put("direction", "source"));
      await().atMost(Duration.ofSeconds(60)).until(() -> created(journal).size() >= 200);
    } finally {
      first.destroyForcibly().waitFor();
    }
    int beforeCrash = created(journal).size();
    assertTrue(beforeCrash < USERS, "killed in the middle of the burst: " + beforeCrash);

    Process second = HubProcess.start(dataDir, httpPort, dbPort, pluginsDir, Map.of());
    try {
      ApiClient admin = HubProcess.admin(httpPort);
      await().atMost(Duration.ofSeconds(120)).until(() -> created(journal).size() == USERS);
      assertEquals(USERS, countUsers(admin), "every generated user is in the store");
      await().atMost(Duration.ofSeconds(30)).until(() -> admin
          .get("/api/v1/provisioning?status=pending").json().getJsonArray("items").isEmpty()
          && admin.get("/api/v1/provisioning?status=retrying").json().getJsonArray("items")
          .isEmpty());
      assertTrue(admin.get("/api/v1/provisioning?status=failed").json().getJsonArray("items")
          .isEmpty());
    } finally {
      second.destroy();
      second.waitFor();
    }
  }

  private static void create(ApiClient admin, String name, JsonObject settings,
      JsonObject provisioning) {
    var created = admin.post("/api/v1/connectors", new JsonObject().put("name", name)
        .put("type", "memory").put("settings", settings).put("provisioning", provisioning));
    assertEquals(201, created.status(), created.body());
  }

  /** The user names the target created, each counted once. */
  private static Set<String> created(Path journal) throws IOException {
    Set<String> names = new HashSet<>();
    if (Files.exists(journal)) {
      Files.readAllLines(journal).stream().filter(l -> l.startsWith("create "))
          .forEach(l -> names.add(l.split(" ")[1]));
    }
    return names;
  }

  private static int countUsers(ApiClient admin) {
    int count = 0;
    String cursor = null;
    do {
      JsonObject page = admin.get("/api/v1/users?limit=200&q=burst-"
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      count += page.getJsonArray("items").size();
      cursor = page.getString("next");
    } while (cursor != null);
    return count;
  }
}
