package io.slxconnect.hub.health;

import io.slxconnect.hub.connectors.ConnectorRuntime;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.store.ConnectorStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health/live}: the process answers. {@code /health}: readiness, the database answers
 * within two seconds (else 503), plus the state of each enabled connector. A failing connector is
 * reported but does not make the hub unready: the hub still serves everything else. Both are
 * public, so they name states and times only; error messages are in the API and the log.
 */
public final class HealthApi {

  private static final Logger LOG = LoggerFactory.getLogger(HealthApi.class);

  private final Pool pool;
  private final ConnectorStore connectors;
  private final ConnectorRuntime runtime;

  /**
   * Creates the API.
   *
   * @param pool the database
   * @param connectors the connectors table
   * @param runtime the running instances
   */
  public HealthApi(Pool pool, ConnectorStore connectors, ConnectorRuntime runtime) {
    this.pool = pool;
    this.connectors = connectors;
    this.runtime = runtime;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("getLiveness", request -> Future.succeededFuture(
            Reply.ok(new JsonObject().put("status", "UP"))))
        .handle("getHealth", request -> readiness());
  }

  private Future<Reply> readiness() {
    JsonArray checks = new JsonArray();
    return pool.query("SELECT 1").execute()
        .timeout(2, TimeUnit.SECONDS)
        .compose(ok -> {
          checks.add(check("database", "UP", "reachable"));
          return connectors.list().map(all -> {
            all.stream().filter(c -> c.enabled()).forEach(c -> {
              var state = runtime.state(c.id());
              checks.add(check("connector:" + c.name(), state.state(), "since " + state.since()));
            });
            return new Reply(200, new JsonObject().put("status", "UP").put("checks", checks));
          });
        }, e -> {
          LOG.warn("Readiness check: the database does not answer: {}", e.getMessage());
          return Future.succeededFuture(new Reply(503, new JsonObject().put("status", "DOWN")
              .put("checks", checks.add(check("database", "DOWN", "not reachable")))));
        });
  }

  private static JsonObject check(String name, String status, String detail) {
    return new JsonObject().put("name", name).put("status", status).put("detail", detail);
  }
}
