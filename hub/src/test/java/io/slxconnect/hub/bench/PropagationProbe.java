package io.slxconnect.hub.bench;

import io.slxconnect.api.ExternalUser;
import io.slxconnect.hub.support.ApiClient;
import io.slxconnect.hub.testplugin.shared.MemoryDirectory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Times the whole pipeline: a user disabled or enabled in one connected system (a watching
 * source of the memory test connector) until the other system (a target) has the account in
 * that state, through watch, ingest, the outbox and the provisioner.
 */
final class PropagationProbe {

  private PropagationProbe() {
  }

  /**
   * Flips one user's state back and forth and times each trip.
   *
   * @param api a logged-in client
   * @param trips how many changes
   * @return median, 99th percentile and worst, in milliseconds
   */
  static JsonObject measure(ApiClient api, int trips) {
    MemoryDirectory source = MemoryDirectory.named("probe-source");
    MemoryDirectory target = MemoryDirectory.named("probe-target");
    connector(api, "probe-source", new JsonObject().put("direction", "source"));
    connector(api, "probe-target", new JsonObject().put("direction", "target")
        .put("operations", new JsonArray().add("create").add("update").add("disable")));
    source.put(user(true));
    awaitTarget(target, true);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < trips; i++) {
      boolean active = i % 2 == 1;
      long start = System.nanoTime();
      source.put(user(active));
      awaitTarget(target, active);
      times.add((System.nanoTime() - start) / 1e6);
    }
    return new JsonObject().put("changes", trips).mergeIn(Timings.summary(times));
  }

  private static ExternalUser user(boolean active) {
    return new ExternalUser("p-1", "propagation-probe", "Probe", null, null,
        List.of("probe@example.com"), active, null, null, null, null, null);
  }

  private static void awaitTarget(MemoryDirectory target, boolean active) {
    Awaitility.await().alias("the change reached the target")
        .atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofNanos(200_000))
        .until(() -> {
          ExternalUser account = target.accountNamed("propagation-probe");
          return account != null && account.active() == active;
        });
  }

  private static void connector(ApiClient api, String name, JsonObject provisioning) {
    var created = api.post("/api/v1/connectors", new JsonObject().put("name", name)
        .put("type", "memory").put("settings", new JsonObject().put("directory", name))
        .put("provisioning", provisioning));
    if (created.status() != 201) {
      throw new IllegalStateException("Connector not created: " + created.body());
    }
    WatchLatencyBenchmark.awaitRunning(api, created.json().getString("id"));
  }
}
