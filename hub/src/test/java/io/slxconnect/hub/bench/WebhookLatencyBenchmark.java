package io.slxconnect.hub.bench;

import com.standardwebhooks.Webhook;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import io.slxconnect.hub.Hub;
import io.slxconnect.hub.config.ConfigLoader;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * End to end, a change in a real directory to a signed webhook: OpenLDAP with the RFC 4533
 * content-sync watch, the hub with its production settings (embedded PostgreSQL with fsync and
 * synchronous commit), and a receiver on loopback that checks every signature with the
 * independent Standard Webhooks library. Changes (a new display name) are written at a steady
 * rate, each timed from the moment it was due to be written (so a slow write counts against
 * the hub, not hidden) until its webhook arrived ({@code latencyMs}), and until the hub had
 * its event in the change log ({@code toChangeLogMs}, wall clock, millisecond precision).
 * Prints JSON.
 */
public final class WebhookLatencyBenchmark {

  private static final String ADMIN = "bench-admin";
  private static final String PASSWORD = "bench-admin-password";
  private static final int PEOPLE = 1000;
  private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
  private static final int[] STEADY_RATES = {100, 500};
  private static final int[] RAMP_RATES = {750, 1000, 1500, 2000};
  private static final int RAMP_SECONDS = 20;

  /** When each change was due, by its number; and when its webhook arrived. */
  private static final Map<Integer, Long> DUE = new ConcurrentHashMap<>();
  private static final Map<Integer, Long> ARRIVED = new ConcurrentHashMap<>();
  /** Wall-clock milliseconds: when each change was due, and when the hub logged its event. */
  private static final Map<Integer, Long> DUE_WALL = new ConcurrentHashMap<>();
  private static final Map<Integer, Long> LOGGED_WALL = new ConcurrentHashMap<>();
  private static final AtomicInteger BAD_SIGNATURES = new AtomicInteger();

  private WebhookLatencyBenchmark() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args unused
   * @throws Exception when a step fails
   */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("slx-webhook-bench");
    JsonObject result = new JsonObject();
    Vertx vertx = Vertx.vertx();
    try (WatchLatencyBenchmark.Directory slapd = WatchLatencyBenchmark.slapd();
        Hub hub = Hub.start(ConfigLoader.load(Map.of(
            "SLX_DATA_DIR", work.resolve("data").toString(),
            "SLX_HTTP_HOST", "127.0.0.1", "SLX_HTTP_PORT", "0",
            "SLX_EMBEDDED_DB_PORT", Integer.toString(TestDatabase.freePort()),
            "SLX_ADMIN_USERNAME", ADMIN, "SLX_ADMIN_PASSWORD", PASSWORD),
            Path.of(System.getProperty("slx.bench.plugins-dir", "target/plugins"))))) {
      LDAPConnection writer = (LDAPConnection) slapd.writer();
      List<DN> people = addPeople(writer, slapd.people());
      ApiClient api = ApiClient.forUrl("http://127.0.0.1:" + hub.port()).login(ADMIN, PASSWORD);
      AtomicReference<String> secret = new AtomicReference<>();
      String receiverUrl = "http://127.0.0.1:" + startReceiver(vertx, secret) + "/webhooks";
      String connector = watch(api, slapd.settings().put("changeDetection", "content-sync"));
      api.post("/api/v1/connectors/" + connector + "/imports", new JsonObject());
      awaitImported(api, people.size());
      secret.set(subscribe(api, receiverUrl));

      LDAPConnectionPool pool = new LDAPConnectionPool(writer, 8);
      ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      AtomicInteger sequence = new AtomicInteger();
      run(pool, pacer, writers, people, sequence, 50, 5);
      JsonObject steady = new JsonObject();
      for (int rate : STEADY_RATES) {
        steady.put(rate + "/s", run(pool, pacer, writers, people, sequence, rate, SECONDS));
      }
      result.put("steady", steady);
      int sustained = STEADY_RATES[STEADY_RATES.length - 1];
      JsonObject ramp = new JsonObject();
      for (int rate : RAMP_RATES) {
        JsonObject step = run(pool, pacer, writers, people, sequence, rate, RAMP_SECONDS);
        ramp.put(rate + "/s", step);
        if (step.getInteger("lost") > 0 || step.getJsonObject("latencyMs").getDouble("p99")
            > 1000) {
          break;
        }
        sustained = rate;
      }
      result.put("ramp", ramp).put("highestSustainedRatePerSecond", sustained)
          .put("badSignatures", BAD_SIGNATURES.get());
      pacer.shutdownNow();
      writers.shutdownNow();
      pool.close();
    } finally {
      vertx.close().await();
    }
    System.out.println(result.put("path", "OpenLDAP content sync -> hub -> signed webhook")
        .put("people", PEOPLE)
        .put("machine", new JsonObject()
            .put("cores", Runtime.getRuntime().availableProcessors())
            .put("java", System.getProperty("java.version")))
        .encodePrettily());
    System.exit(0);
  }

  /**
   * Writes changes at a steady rate for a while, then waits for the stragglers.
   *
   * @return latencies from due to arrival, what was sent, what never came
   */
  private static JsonObject run(LDAPConnectionPool pool, ScheduledExecutorService pacer,
      ExecutorService writers, List<DN> people, AtomicInteger sequence, int rate, int seconds) {
    int first = sequence.get();
    int count = rate * seconds;
    // One pacer thread hands each write to the writers at its moment, scheduled up front.
    long start = System.nanoTime() + 1_000_000_000L;
    AtomicLong failedWrites = new AtomicLong();
    for (int i = 0; i < count; i++) {
      int number = sequence.getAndIncrement();
      long due = start + (long) i * 1_000_000_000L / rate;
      DUE.put(number, due);
      DUE_WALL.put(number, System.currentTimeMillis() + (due - System.nanoTime()) / 1_000_000);
      DN person = people.get(number % people.size());
      pacer.schedule(() -> writers.execute(() -> {
        try {
          pool.modify(person.toString(), new Modification(ModificationType.REPLACE,
              "displayName", "bench " + number));
        } catch (Exception e) {
          failedWrites.incrementAndGet();
        }
      }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    try {
      Awaitility.await().atMost(Duration.ofSeconds(seconds + 31L))
          .pollInterval(Duration.ofMillis(10)).until(() -> allArrived(first, first + count));
    } catch (ConditionTimeoutException e) {
      // What has not arrived 30 s after the phase is counted as lost below.
    }
    List<Double> latencies = new ArrayList<>();
    List<Double> toLog = new ArrayList<>();
    int lost = 0;
    for (int n = first; n < first + count; n++) {
      Long arrived = ARRIVED.get(n);
      if (arrived == null) {
        lost++;
      } else {
        latencies.add((arrived - DUE.get(n)) / 1e6);
        toLog.add((double) (LOGGED_WALL.get(n) - DUE_WALL.get(n)));
      }
    }
    return new JsonObject().put("changes", count).put("seconds", seconds)
        .put("failedWrites", failedWrites.get()).put("lost", lost)
        .put("latencyMs", latencies.isEmpty() ? new JsonObject()
            .put("p99", Double.MAX_VALUE) : Timings.summary(latencies))
        .put("toChangeLogMs", toLog.isEmpty() ? null : Timings.summary(toLog));
  }

  private static boolean allArrived(int from, int to) {
    for (int n = from; n < to; n++) {
      if (!ARRIVED.containsKey(n)) {
        return false;
      }
    }
    return true;
  }

  /** A receiver that checks each signature and notes when each change's webhook came. */
  private static int startReceiver(Vertx vertx, AtomicReference<String> secret) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
        .requestHandler(request -> request.body().onSuccess(body -> {
          long now = System.nanoTime();
          Map<String, List<String>> headers = Map.of(
              "webhook-id", List.of(request.getHeader("webhook-id")),
              "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
              "webhook-signature", List.of(request.getHeader("webhook-signature")));
          try {
            new Webhook(secret.get()).verify(body.toString(), headers);
          } catch (Exception e) {
            BAD_SIGNATURES.incrementAndGet();
          }
          JsonObject event = body.toJsonObject();
          JsonObject user = event.getJsonObject("data").getJsonObject("user", new JsonObject());
          String name = user.getString("displayName", "");
          if (name.startsWith("bench ")) {
            int number = Integer.parseInt(name.substring(6));
            ARRIVED.putIfAbsent(number, now);
            LOGGED_WALL.putIfAbsent(number, Instant.parse(event.getString("time"))
                .toEpochMilli());
          }
          request.response().setStatusCode(204).end();
        }));
    return server.listen(0).await().actualPort();
  }

  private static String subscribe(ApiClient api, String url) {
    var created = api.post("/api/v1/webhooks", new JsonObject().put("url", url)
        .put("eventTypes", new JsonArray().add("user.updated")).put("maxInFlight", 50));
    if (created.status() != 201) {
      throw new IllegalStateException("Webhook not created: " + created.body());
    }
    return created.json().getString("secret");
  }

  private static List<DN> addPeople(LDAPConnection writer, DN base) throws Exception {
    List<DN> people = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      String name = "hook" + i;
      DN dn = new DN(new RDN("uid", name), base);
      writer.add(new Entry(dn, new Attribute("objectClass", "inetOrgPerson"),
          new Attribute("uid", name), new Attribute("cn", name), new Attribute("sn", name),
          new Attribute("displayName", name)));
      people.add(dn);
    }
    return people;
  }

  private static String watch(ApiClient api, JsonObject settings) {
    var created = api.post("/api/v1/connectors", new JsonObject().put("name", "OpenLDAP")
        .put("type", "ldap").put("settings", settings));
    if (created.status() != 201) {
      throw new IllegalStateException("Connector not created: " + created.body());
    }
    String id = created.json().getString("id");
    WatchLatencyBenchmark.awaitRunning(api, id);
    return id;
  }

  private static void awaitImported(ApiClient api, int people) {
    String last = "hook" + (people - 1);
    Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> !api.get("/api/v1/users?limit=5&q=" + last).json().getJsonArray("items")
            .isEmpty());
  }
}
