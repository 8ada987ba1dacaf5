package io.slxconnect.hub.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.ChangeLog;
import io.slxconnect.hub.support.HubProcess;
import io.slxconnect.hub.support.TestDatabase;
import io.slxconnect.hub.support.TestPlugins;
import io.slxconnect.hub.support.WebhookReceiver;
import io.slxconnect.hub.support.WebhookReceiver.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least once, through a crash: a hub process killed with SIGKILL in the middle of a burst of
 * deliveries, then restarted, delivers every event to every subscription that matches it.
 */
class WebhookCrashTest {

  private static final int USERS = 1000;

  @Test
  void aHubKilledMidDeliveryDeliversEveryEventToEveryMatchingSubscriberAfterItsRestart(
      @TempDir Path dataDir, @TempDir Path pluginsDir) throws Exception {
    TestPlugins.pluginsDirectory(pluginsDir);
    int httpPort = TestDatabase.freePort();
    int dbPort = TestDatabase.freePort();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(r -> Answer.late(204, Duration.ofMillis(5)));
      Process first = HubProcess.start(dataDir, httpPort, dbPort, pluginsDir, Map.of());
      try {
        ApiClient admin = HubProcess.admin(httpPort);
        subscribe(admin, receiver.url("/all"), new JsonArray());
        subscribe(admin, receiver.url("/created"), new JsonArray().add("user.created"));
        var source = admin.post("/api/v1/connectors", new JsonObject().put("name", "hr")
            .put("type", "memory").put("settings", new JsonObject()
                .put("directory", "webhook-crash").put("burst", USERS))
            .put("provisioning", new JsonObject().put("direction", "source")));
        assertEquals(201, source.status(), source.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.at("/all").size() >= 300);
      } finally {
        first.destroyForcibly().waitFor();
      }
      int beforeCrash = WebhookReceiver.eventIds(receiver.at("/created")).size();
      assertTrue(beforeCrash < USERS, "killed in the middle of the burst: " + beforeCrash);

      Process second = HubProcess.start(dataDir, httpPort, dbPort, pluginsDir, Map.of());
      try {
        ApiClient admin = HubProcess.admin(httpPort);
        await().atMost(Duration.ofSeconds(120)).until(() -> ChangeLog.eventIds(admin,
            "user.created").size() == USERS);
        Set<String> created = ChangeLog.eventIds(admin, "user.created");
        Set<String> all = ChangeLog.eventIds(admin, null);
        await().atMost(Duration.ofSeconds(120)).until(() ->
            WebhookReceiver.eventIds(receiver.accepted("/created")).containsAll(created)
                && WebhookReceiver.eventIds(receiver.accepted("/all")).containsAll(all));
        assertEquals(created, WebhookReceiver.eventIds(receiver.accepted("/created")),
            "only user.created reaches that subscription");
      } finally {
        second.destroy();
        second.waitFor();
      }
    }
  }

  private static void subscribe(ApiClient admin, String url, JsonArray types) {
    var created = admin.post("/api/v1/webhooks", new JsonObject().put("url", url)
        .put("eventTypes", types));
    assertEquals(201, created.status(), created.body());
  }
}
