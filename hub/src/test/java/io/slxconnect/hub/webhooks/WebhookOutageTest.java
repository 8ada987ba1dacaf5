package io.slxconnect.hub.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.support.AcceleratedClock;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.ChangeLog;
import io.slxconnect.hub.support.TestHub;
import io.slxconnect.hub.support.WebhookReceiver;
import io.slxconnect.hub.support.WebhookReceiver.Received;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A receiver that is down for ten minutes gets every event, in order per user, once it is back,
 * with the default retry schedule. The hub's webhook clock runs 60 times faster than real time,
 * so the ten minutes pass in ten seconds; everything else is real (HTTP, the database, the
 * refused connections while the receiver is down).
 */
class WebhookOutageTest {

  private static final long SPEED = 60;

  @Test
  void aReceiverDownForTenMinutesGetsEverythingInOrderPerUserWhenItIsBack() {
    AcceleratedClock clock = new AcceleratedClock(SPEED);
    try (TestHub hub = TestHub.start(Map.of("SLX_ADMIN_USERNAME", TestHub.ADMIN,
        "SLX_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD), clock);
        WebhookReceiver receiver = WebhookReceiver.start()) {
      ApiClient admin = hub.admin();
      assertEquals(201, admin.post("/api/v1/webhooks", new JsonObject()
          .put("url", receiver.url("/hr-app"))).status());
      receiver.goDown();
      Instant down = clock.instant();

      List<String> users = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        users.add(admin.post("/api/v1/users", new JsonObject().put("userName", "outage-" + i))
            .json().getString("id"));
      }
      // Changes keep coming while the receiver is down: one round a (hub) minute.
      int round = 0;
      while (clock.instant().isBefore(down.plus(Duration.ofMinutes(10)))) {
        Instant next = clock.instant().plus(Duration.ofMinutes(1));
        round++;
        for (String user : users) {
          admin.put("/api/v1/users/" + user, new JsonObject().put("userName", "outage-" + user)
              .put("department", "round " + round));
        }
        await().until(() -> !clock.instant().isBefore(next));
      }
      receiver.comeBack();
      Instant back = clock.instant();

      Set<String> events = ChangeLog.eventIds(admin, null);
      await().atMost(Duration.ofSeconds(60)).until(() -> WebhookReceiver.eventIds(
          receiver.accepted("/hr-app")).containsAll(events));
      Map<String, List<Long>> perUser = new HashMap<>();
      for (Received r : receiver.accepted("/hr-app")) {
        perUser.computeIfAbsent(r.event().getString("subject"), s -> new ArrayList<>())
            .add(Long.parseLong(r.event().getString("id")));
      }
      perUser.forEach((user, ids) -> assertEquals(ids.stream().sorted().toList(), ids,
          "events of " + user + " arrived out of order"));
      assertEquals(users.size(), perUser.size());

      String hook = admin.get("/api/v1/webhooks").json().getJsonArray("items")
          .getJsonObject(0).getString("id");
      assertTrue(admin.get("/api/v1/webhooks/" + hook + "/deliveries?status=exhausted").json()
          .getJsonArray("items").isEmpty(), "nothing was given up");
      JsonObject first = admin.get("/api/v1/webhooks/" + hook + "/deliveries?limit=200").json()
          .getJsonArray("items").stream().map(JsonObject.class::cast)
          .filter(d -> d.getInteger("attempts") > 1)
          .reduce((newer, older) -> older).orElseThrow();
      var log = admin.get("/api/v1/webhooks/" + hook + "/deliveries/" + first.getLong("id"))
          .json().getJsonArray("log");
      Instant firstAttempt = Instant.parse(log.getJsonObject(0).getString("at"));
      Instant delivered = Instant.parse(log.getJsonObject(log.size() - 1).getString("at"));
      assertTrue(firstAttempt.isBefore(down.plus(Duration.ofMinutes(1))), log.encode());
      assertTrue(!delivered.isBefore(back), "delivered once the receiver was back: "
          + log.encode());
      assertEquals(204, log.getJsonObject(log.size() - 1).getInteger("statusCode"));
    }
  }
}
