package io.slxconnect.hub.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Connecting a system through the API, as an admin does in the console. */
public final class Connectors {

  private Connectors() {
  }

  /**
   * Creates a connector, waits until it runs, then imports it and waits until the import
   * succeeded.
   *
   * @param admin a logged-in client
   * @param connector the connector to create ({@code ConnectorCreate})
   * @return its id
   */
  public static String connectAndImport(ApiClient admin, JsonObject connector) {
    var created = admin.post("/api/v1/connectors", connector);
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(
        admin.get("/api/v1/connectors/" + id).json().getJsonObject("status")
            .getString("state")));
    var run = admin.post("/api/v1/connectors/" + id + "/imports", null);
    assertEquals(202, run.status(), run.body());
    String runId = run.json().getString("id");
    await().atMost(Duration.ofSeconds(60)).until(() -> "succeeded".equals(
        admin.get("/api/v1/imports/" + runId).json().getString("status")));
    return id;
  }
}
