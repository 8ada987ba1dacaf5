package io.slxconnect.cognito;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The context the hub gives a Cognito instance, for tests: settings with the schema's defaults
 * filled in as the hub does, a worker pool, and a record of the connection reports.
 */
final class TestContext implements ConnectorContext {

  /**
   * One call of {@link #reportConnection}.
   *
   * @param connected whether the instance said it is connected
   * @param reason why not, or {@code null}
   */
  record Report(boolean connected, String reason) {
  }

  private final Vertx vertx;
  private final JsonObject settings;
  private final String instanceId = "test-" + UUID.randomUUID();
  private final WorkerExecutor executor;
  private final List<Report> reports = new CopyOnWriteArrayList<>();

  TestContext(Vertx vertx, JsonObject settings) {
    this.vertx = vertx;
    this.settings = withDefaults(settings);
    this.executor = vertx.createSharedWorkerExecutor("cognito-" + instanceId, 2);
  }

  /** Fills in the schema's top-level defaults, as the hub does before creating an instance. */
  private static JsonObject withDefaults(JsonObject settings) {
    JsonObject filled = settings.copy();
    JsonObject properties = new CognitoConnectorType().settingsSchema()
        .getJsonObject("properties");
    for (String name : properties.fieldNames()) {
      Object fallback = properties.getJsonObject(name).getValue("default");
      if (fallback != null && !filled.containsKey(name)) {
        filled.put(name, fallback);
      }
    }
    return filled;
  }

  /**
   * Waits for a future, as the hub's caller would asynchronously.
   *
   * @param future the future
   * @param <T> the result type
   * @return the result
   * @throws Exception the failure, unwrapped
   */
  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** {@return the connection reports so far, in order} */
  List<Report> reports() {
    return List.copyOf(reports);
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public JsonObject settings() {
    return settings.copy();
  }

  @Override
  public WorkerExecutor blockingExecutor() {
    return executor;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("io.slxconnect.cognito.test." + instanceId);
  }

  @Override
  public Future<Optional<Checkpoint>> lastCheckpoint() {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public void onHookRequest(Handler<HttpServerRequest> handler) {
    throw new UnsupportedOperationException("The Cognito connector receives no HTTP requests");
  }

  @Override
  public String hookUrl() {
    return "http://127.0.0.1/hooks/" + instanceId;
  }

  @Override
  public void reportConnection(boolean connected, String reason) {
    reports.add(new Report(connected, reason));
  }
}
