package io.slxconnect.hub.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.slxconnect.hub.store.Database;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.HubPerClass;
import io.slxconnect.hub.support.WebhookReceiver.Answer;
import io.slxconnect.hub.support.WebhookReceiver.Received;
import io.slxconnect.hub.support.WebhookReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook subscriptions end to end: a change made through the API reaches a receiver on
 * loopback as a CloudEvent signed per Standard Webhooks (checked with the independent
 * {@code com.standardwebhooks} library), with retries, refusals, 410, time limits, ordering per
 * user, secret rotation, test events, replays and the delivery log.
 */
class WebhooksTest {

  @RegisterExtension
  static final HubPerClass HUB = HubPerClass.withTestConnectors(Map.of(
      "SLX_WEBHOOK_RETRY_DELAY", "200ms", "SLX_WEBHOOK_MAX_RETRY_DELAY", "1s",
      "SLX_WEBHOOK_MAX_ATTEMPTS", "3", "SLX_WEBHOOK_TIMEOUT", "1s"));
  private static ApiClient admin;
  private static WebhookReceiver receiver;

  @BeforeAll
  static void start() {
    admin = HUB.get().admin();
    receiver = WebhookReceiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  /** Each test's subscriptions go, so that none receives another test's events. */
  @AfterEach
  void removeSubscriptions() {
    receiver.answer(r -> Answer.of(204));
    admin.get("/api/v1/webhooks").json().getJsonArray("items").forEach(w -> admin.delete(
        "/api/v1/webhooks/" + ((JsonObject) w).getString("id")));
  }

  @Test
  void aChangeArrivesAsACloudEventSignedSoThatAnIndependentLibraryVerifiesIt()
      throws Exception {
    Subscribed hook = subscribe("/signed", new JsonArray());
    assertTrue(hook.secret().startsWith("whsec_"), hook.secret());
    String name = unique("ann");
    String userId = createUser(name);

    Received got = await().until(() -> receiver.at("/signed"), list -> !list.isEmpty()).get(0);
    got.verify(hook.secret());
    JsonObject event = got.event();
    assertEquals("1.0", event.getString("specversion"));
    assertEquals("user.created", event.getString("type"));
    assertEquals("users/" + userId, event.getString("subject"));
    assertEquals("/admin", event.getString("source"));
    assertEquals(name, event.getJsonObject("data").getJsonObject("user").getString("userName"));
    assertTrue(got.headers().get("content-type").startsWith("application/cloudevents+json"));
    assertTrue(got.headers().get("webhook-id").startsWith("msg_"));
    assertFalse(got.body().toLowerCase().contains("password"), got.body());
    // A tampered body or another secret does not verify.
    Received forged = new Received(got.path(), got.headers(), got.body().replace(name,
        name + "x"), got.receivedAtNanos(), got.answered());
    assertThrows(WebhookVerificationException.class, () -> forged.verify(hook.secret()));
    assertThrows(WebhookVerificationException.class,
        () -> got.verify(WebhookSecret.generate().text()));
    // The secret is shown once: never in a read, never in the audit log.
    assertFalse(admin.get("/api/v1/webhooks").body().contains(hook.secret()));
    assertFalse(admin.get("/api/v1/webhooks/" + hook.id()).body().contains("whsec_"));
    assertFalse(admin.get("/api/v1/audit?limit=200").body().contains("whsec_"));
  }

  @Test
  void onlyTheSubscribedEventTypesArrive() {
    subscribe("/disabled-only", new JsonArray().add("user.disabled"));
    String userId = createUser(unique("ben"));
    admin.post("/api/v1/users/" + userId + "/disable", new JsonObject());
    Received got = await().until(() -> receiver.at("/disabled-only"), l -> !l.isEmpty()).get(0);
    assertEquals("user.disabled", got.event().getString("type"));
    // A later event of another type would have arrived by now: the next disable proves it.
    admin.post("/api/v1/users/" + userId + "/enable", new JsonObject());
    admin.post("/api/v1/users/" + userId + "/disable", new JsonObject());
    await().until(() -> receiver.at("/disabled-only").size() == 2);
    assertTrue(receiver.at("/disabled-only").stream()
        .allMatch(r -> r.event().getString("type").equals("user.disabled")));
  }

  @Test
  void serverErrorsAreRetriedAfterTheWaitTheReceiverAsksForAndEveryAttemptIsLogged() {
    Subscribed hook = subscribe("/flaky", new JsonArray());
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() <= 2
        ? new Answer(503, Map.of("Retry-After", "1"), "busy, come back later")
        : Answer.of(204));
    createUser(unique("cat"));

    JsonObject delivery = awaitDelivery(hook, "succeeded");
    List<Received> got = receiver.at("/flaky");
    assertEquals(3, got.size());
    assertEquals(got.get(0).headers().get("webhook-id"), got.get(2).headers().get("webhook-id"),
        "every attempt carries the same webhook-id");
    long waited = Duration.ofNanos(got.get(1).receivedAtNanos() - got.get(0).receivedAtNanos())
        .toMillis();
    assertTrue(waited >= 950, "Retry-After: 1 was honoured, waited " + waited + " ms");
    JsonArray log = detail(hook, delivery).getJsonArray("log");
    assertEquals(List.of(503, 503, 204), log.stream()
        .map(a -> ((JsonObject) a).getInteger("statusCode")).toList());
    assertEquals("busy, come back later", log.getJsonObject(0).getString("response"));
    assertEquals("The endpoint answered HTTP 503", log.getJsonObject(0).getString("error"));
  }

  @Test
  void afterTheLastAttemptADeliveryIsExhaustedAndCanBeReplayedOneOrAllSinceATime() {
    Subscribed hook = subscribe("/down", new JsonArray());
    receiver.answer(r -> Answer.of(500));
    String since = java.time.Instant.now().toString();
    createUser(unique("dan"));
    createUser(unique("eve"));
    await().until(() -> deliveries(hook, "exhausted").size() == 2);
    assertEquals(6, receiver.at("/down").size(), "3 attempts each, then no more");
    assertEquals(2, health(hook).getInteger("exhausted"));

    receiver.answer(r -> Answer.of(204));
    JsonObject one = deliveries(hook, "exhausted").get(0);
    ApiClient.Response replayed = admin.post("/api/v1/webhooks/" + hook.id() + "/deliveries/"
        + one.getLong("id") + "/replay", new JsonObject());
    assertEquals(202, replayed.status(), replayed.body());
    await().until(() -> deliveries(hook, "succeeded").size() == 1);
    assertEquals(404, admin.post("/api/v1/webhooks/" + hook.id() + "/deliveries/"
        + (one.getLong("id") + 100_000) + "/replay", new JsonObject()).status());

    JsonObject all = admin.post("/api/v1/webhooks/" + hook.id() + "/replay",
        new JsonObject().put("since", since)).json();
    assertEquals(1, all.getInteger("replayed"));
    await().until(() -> deliveries(hook, "succeeded").size() == 2);
    assertEquals(400, admin.post("/api/v1/webhooks/" + hook.id() + "/replay",
        new JsonObject().put("since", "yesterday")).status());
  }

  @Test
  void goneDisablesTheSubscriptionAndTheDeliveryGoesOutWhenItIsEnabledAgain() {
    Subscribed hook = subscribe("/gone", new JsonArray());
    receiver.answer(r -> Answer.of(410));
    createUser(unique("fay"));
    JsonObject disabled = await().until(() -> admin.get("/api/v1/webhooks/" + hook.id()).json(),
        w -> !w.getBoolean("enabled"));
    assertTrue(disabled.getString("disabledReason").contains("410"), disabled.encode());
    assertEquals(1, receiver.at("/gone").size());

    receiver.answer(r -> Answer.of(200));
    assertEquals(200, admin.patch("/api/v1/webhooks/" + hook.id(),
        new JsonObject().put("enabled", true)).status());
    awaitDelivery(hook, "succeeded");
    assertEquals(2, receiver.at("/gone").size());
    assertNull(admin.get("/api/v1/webhooks/" + hook.id()).json().getString("disabledReason"));
  }

  @Test
  void refusalsAreNotRetriedAndRedirectsAreNotFollowed() {
    Subscribed hook = subscribe("/moved", new JsonArray());
    receiver.answer(r -> new Answer(302, Map.of("Location", receiver.url("/elsewhere")), ""));
    createUser(unique("gus"));
    JsonObject delivery = awaitDelivery(hook, "exhausted");
    assertEquals(302, delivery.getInteger("lastStatusCode"));
    assertEquals(1, receiver.at("/moved").size());
    assertTrue(receiver.at("/elsewhere").isEmpty());

    receiver.answer(r -> Answer.of(400));
    createUser(unique("hal"));
    await().until(() -> deliveries(hook, "exhausted").size() == 2);
    assertEquals(2, receiver.at("/moved").size(), "a 400 is not tried again");
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeIsCutOffAndTriedAgain() {
    Subscribed hook = subscribe("/slow", new JsonArray());
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Answer.late(204, Duration.ofMillis(2500))
        : Answer.of(204));
    createUser(unique("ida"));
    JsonObject delivery = awaitDelivery(hook, "succeeded");
    JsonObject first = detail(hook, delivery).getJsonArray("log").getJsonObject(0);
    assertNull(first.getInteger("statusCode"));
    assertEquals("No complete answer within 1000 ms", first.getString("error"));
  }

  @Test
  void eventsAboutOneUserArriveInTheOrderTheyHappenedEvenWhenAttemptsFail() {
    Subscribed hook = subscribe("/ordered", new JsonArray());
    // A third of the messages fail at their first attempt, so that later ones could overtake.
    Set<String> seen = ConcurrentHashMap.newKeySet();
    receiver.answer(r -> seen.add(r.headers().get("webhook-id"))
        && ThreadLocalRandom.current().nextInt(3) == 0 ? Answer.of(503) : Answer.of(204));
    List<String> users = new ArrayList<>();
    for (int u = 0; u < 6; u++) {
      users.add(createUser(unique("order" + u)));
    }
    for (int round = 0; round < 6; round++) {
      for (String user : users) {
        admin.put("/api/v1/users/" + user, new JsonObject().put("userName", "x" + user)
            .put("department", "dept-" + round));
      }
    }
    int expected = users.size() * 7;
    await().atMost(Duration.ofSeconds(60))
        .until(() -> receiver.accepted("/ordered").size() == expected);
    Map<String, List<Long>> perUser = new HashMap<>();
    for (Received r : receiver.accepted("/ordered")) {
      perUser.computeIfAbsent(r.event().getString("subject"), s -> new ArrayList<>())
          .add(Long.parseLong(r.event().getString("id")));
    }
    assertEquals(users.size(), perUser.size());
    perUser.forEach((user, ids) -> {
      List<Long> sorted = ids.stream().sorted().toList();
      assertEquals(sorted, ids, "events of " + user + " arrived out of order");
    });
  }

  @Test
  void aSubscriptionNeverHasMoreDeliveriesUnderWayThanItsBound() {
    // A receiver of its own, so that the count of requests open at once is this test's.
    try (WebhookReceiver slow = WebhookReceiver.start()) {
      slow.answer(r -> Answer.late(204, Duration.ofMillis(300)));
      ApiClient.Response created = admin.post("/api/v1/webhooks", new JsonObject()
          .put("url", slow.url("/bounded")).put("maxInFlight", 2));
      assertEquals(201, created.status(), created.body());
      for (int i = 0; i < 8; i++) {
        createUser(unique("bound" + i));
      }
      await().until(() -> slow.accepted("/bounded").size() == 8);
      assertEquals(2, slow.mostAtOnce(), "two at once, never more");
    }
  }

  @Test
  void deliveredDeliveriesPastTheRetentionLeaveTheLogAndExhaustedOnesStay() {
    Subscribed hook = subscribe("/retained", new JsonArray());
    createUser(unique("old"));
    awaitDelivery(hook, "succeeded");
    receiver.answer(r -> Answer.of(400));
    createUser(unique("refused"));
    awaitDelivery(hook, "exhausted");

    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.pool(vertx, HUB.get().database(), 1);
      DeliveryRetention retention = new DeliveryRetention(vertx, new DeliveryStore(pool),
          Duration.ZERO, Clock.systemUTC(), Duration.ofHours(1));
      assertTrue(retention.prune().await() >= 1);
      retention.close();
    } finally {
      vertx.close().await();
    }
    assertTrue(deliveries(hook, "succeeded").isEmpty());
    assertEquals(1, deliveries(hook, "exhausted").size());
  }

  @Test
  void afterARotationBothSecretsSignUntilTheOldOneExpires() throws Exception {
    Subscribed hook = subscribe("/rotated", new JsonArray());
    JsonObject rotated = admin.post("/api/v1/webhooks/" + hook.id() + "/secret",
        new JsonObject()).json();
    String newSecret = rotated.getString("secret");
    assertFalse(newSecret.equals(hook.secret()));
    assertTrue(rotated.getJsonObject("webhook").getString("previousSecretValidUntil") != null);
    createUser(unique("jon"));
    Received got = await().until(() -> receiver.at("/rotated"), l -> !l.isEmpty()).get(0);
    assertEquals(2, got.headers().get("webhook-signature").split(" ").length);
    got.verify(newSecret);
    got.verify(hook.secret());
  }

  @Test
  void aTestEventIsDeliveredAndItsAttemptShownInTheDeliveryLog() {
    Subscribed hook = subscribe("/test-event", new JsonArray().add("user.deleted"));
    ApiClient.Response sent = admin.post("/api/v1/webhooks/" + hook.id() + "/test",
        new JsonObject());
    assertEquals(202, sent.status(), sent.body());
    Received got = await().until(() -> receiver.at("/test-event"), l -> !l.isEmpty()).get(0);
    assertEquals("webhook.test", got.event().getString("type"));
    JsonObject delivery = awaitDelivery(hook, "succeeded");
    JsonObject detail = detail(hook, delivery);
    assertEquals("webhook.test", detail.getJsonObject("payload").getString("type"));
    JsonObject attempt = detail.getJsonArray("log").getJsonObject(0);
    assertEquals(204, attempt.getInteger("statusCode"));
    assertTrue(attempt.getInteger("durationMs") >= 0);
    assertEquals(1, health(hook).getInteger("succeededLastHour"));
    assertTrue(admin.get("/api/v1/audit?limit=50").body().contains("webhook.test_sent"));
    assertTrue(HUB.get().client().get("/metrics").body()
        .contains("slx_webhook_attempts_total{outcome=\"delivered\"}"));
  }

  @Test
  void subscriptionsThatCannotWorkAreRefusedInWords() {
    ApiClient.Response ftp = admin.post("/api/v1/webhooks", new JsonObject()
        .put("url", "ftp://127.0.0.1/hook"));
    assertEquals(400, ftp.status());
    assertEquals("application/problem+json", ftp.contentType());
    ApiClient.Response type = admin.post("/api/v1/webhooks", new JsonObject()
        .put("url", receiver.url("/x")).put("eventTypes", new JsonArray().add("no spaces")));
    assertEquals(400, type.status());
    ApiClient.Response credentials = admin.post("/api/v1/webhooks", new JsonObject()
        .put("url", "http://user:pw@127.0.0.1/hook"));
    assertEquals(400, credentials.status());
    assertTrue(credentials.json().getString("detail").contains("user name or password"));
    assertEquals(404, admin.get("/api/v1/webhooks/" + UUID.randomUUID()).status());
  }

  @Test
  void theLiveFeedStreamsEventsAsTheyAreCommittedAndTheStatsCountThem() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(HUB.get().baseUrl()
            + "/api/v1/events/stream"))
        .header("Authorization", "Bearer " + admin.token()).GET().build();
    HttpResponse<Stream<String>> stream = http.send(request,
        HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, stream.statusCode());
    assertTrue(stream.headers().firstValue("content-type").orElse("")
        .startsWith("text/event-stream"));
    String name = unique("liv");
    List<String> lines = new ArrayList<>();
    CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
      for (String line : (Iterable<String>) stream.body()::iterator) {
        lines.add(line);
        if (line.startsWith("data: ") && line.contains(name)) {
          return line.substring(6);
        }
      }
      return null;
    });
    String userId = createUser(name);
    JsonObject event = new JsonObject(data.get(10, TimeUnit.SECONDS));
    stream.body().close();
    assertEquals("users/" + userId, event.getString("subject"));
    assertTrue(lines.contains("event: user.created"), lines.toString());
    assertTrue(lines.contains("id: " + event.getString("id")), lines.toString());

    JsonObject stats = admin.get("/api/v1/stats/changes?minutes=5").json();
    long adminChanges = stats.getJsonArray("buckets").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("source").equals("/admin"))
        .mapToLong(b -> b.getLong("count")).sum();
    assertTrue(adminChanges >= 1, stats.encode());
    assertEquals(401, HUB.get().client().get("/api/v1/events/stream").status());
  }

  @Test
  void aReaderThatReconnectsWithTheLastEventIdGetsTheEventsItMissed() throws Exception {
    String first = createUser(unique("mia"));
    String missedName = unique("ned");
    createUser(missedName);
    long firstEvent = admin.get("/api/v1/events?type=user.created&user=" + first).json()
        .getJsonArray("items").getJsonObject(0).getLong("id");
    HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest
            .newBuilder(URI.create(HUB.get().baseUrl() + "/api/v1/events/stream"))
            .header("Authorization", "Bearer " + admin.token())
            .header("Last-Event-ID", Long.toString(firstEvent)).GET().build(),
        HttpResponse.BodyHandlers.ofLines());
    String replayed = CompletableFuture.supplyAsync(() -> stream.body()
        .filter(line -> line.startsWith("data: ")).findFirst().orElse(null))
        .get(10, TimeUnit.SECONDS);
    stream.body().close();
    // The next event after the one the reader had: the second user's creation.
    JsonObject event = new JsonObject(replayed.substring(6));
    assertEquals("user.created", event.getString("type"));
    assertEquals(missedName, event.getJsonObject("data").getJsonObject("user")
        .getString("userName"));
  }

  private record Subscribed(String id, String secret) {
  }

  private static Subscribed subscribe(String path, JsonArray types) {
    ApiClient.Response created = admin.post("/api/v1/webhooks", new JsonObject()
        .put("url", receiver.url(path)).put("eventTypes", types)
        .put("description", "test " + path));
    assertEquals(201, created.status(), created.body());
    return new Subscribed(created.json().getJsonObject("webhook").getString("id"),
        created.json().getString("secret"));
  }

  private static String createUser(String name) {
    ApiClient.Response created = admin.post("/api/v1/users", new JsonObject()
        .put("userName", name));
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  private static List<JsonObject> deliveries(Subscribed hook, String status) {
    return admin.get("/api/v1/webhooks/" + hook.id() + "/deliveries?status=" + status).json()
        .getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  private static JsonObject awaitDelivery(Subscribed hook, String status) {
    return await().until(() -> deliveries(hook, status), l -> !l.isEmpty()).get(0);
  }

  private static JsonObject detail(Subscribed hook, JsonObject delivery) {
    return admin.get("/api/v1/webhooks/" + hook.id() + "/deliveries/" + delivery.getLong("id"))
        .json();
  }

  private static JsonObject health(Subscribed hook) {
    return admin.get("/api/v1/webhooks/" + hook.id()).json().getJsonObject("health");
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 6);
  }
}
