package io.slxconnect.google;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A context as the hub gives one: a bounded worker pool, settings, a last checkpoint, and a
 * loopback HTTP server that hands requests under {@code /hooks/<instance id>} to the handler the
 * instance registered, as the hub's router does.
 */
final class TestContext implements ConnectorContext, AutoCloseable {

  private final Vertx vertx;
  private final JsonObject settings;
  private final String instanceId;
  private final WorkerExecutor executor;
  private final HttpServer hooks;
  private final Checkpoint lastCheckpoint;
  private volatile Handler<HttpServerRequest> hookHandler;
  /** What the instance reported of its connection: "connected", or "lost: " and why. */
  final List<String> connectionReports = new CopyOnWriteArrayList<>();

  TestContext(Vertx vertx, JsonObject settings, String instanceId, Checkpoint lastCheckpoint)
      throws Exception {
    this.vertx = vertx;
    this.settings = settings.copy();
    this.instanceId = instanceId;
    this.lastCheckpoint = lastCheckpoint;
    this.executor = vertx.createSharedWorkerExecutor("google-" + instanceId, 4);
    this.hooks = vertx.createHttpServer().requestHandler(request -> {
      Handler<HttpServerRequest> handler = hookHandler;
      if (handler == null || !request.path().startsWith("/hooks/" + instanceId)) {
        request.response().setStatusCode(404).end();
      } else {
        handler.handle(request);
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
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
    return System.getLogger("io.slxconnect.google.test." + instanceId);
  }

  @Override
  public Future<Optional<Checkpoint>> lastCheckpoint() {
    return Future.succeededFuture(Optional.ofNullable(lastCheckpoint));
  }

  @Override
  public void onHookRequest(Handler<HttpServerRequest> handler) {
    hookHandler = handler;
  }

  @Override
  public String hookUrl() {
    return "http://127.0.0.1:" + hooks.actualPort() + "/hooks/" + instanceId;
  }

  @Override
  public void reportConnection(boolean connected, String reason) {
    connectionReports.add(connected ? "connected" : "lost: " + reason);
  }

  @Override
  public void close() throws Exception {
    executor.close();
    hooks.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
