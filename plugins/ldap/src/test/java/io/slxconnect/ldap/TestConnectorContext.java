package io.slxconnect.ldap;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A real, minimal context as the hub would give it: a Vert.x worker pool and settings. */
final class TestConnectorContext implements ConnectorContext {

  private final Vertx vertx;
  private final JsonObject settings;
  private final String instanceId = "test-" + UUID.randomUUID();
  private final WorkerExecutor executor;

  TestConnectorContext(Vertx vertx, JsonObject settings) {
    this.vertx = vertx;
    this.settings = settings.copy();
    this.executor = vertx.createSharedWorkerExecutor("ldap-" + instanceId, 4);
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
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
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
    return System.getLogger("io.slxconnect.ldap.test." + instanceId);
  }

  @Override
  public Future<Optional<Checkpoint>> lastCheckpoint() {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public void onHookRequest(Handler<HttpServerRequest> handler) {
    throw new UnsupportedOperationException("The LDAP connector receives no HTTP requests");
  }

  @Override
  public String hookUrl() {
    return "http://127.0.0.1/hooks/" + instanceId;
  }

  @Override
  public void reportConnection(boolean connected, String reason) {
    // The instances tested with this context read and write; watches are tested with their
    // own recorder (WatchHarness.recorder).
  }
}
