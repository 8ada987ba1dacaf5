package io.slxconnect.hub.connectors;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.hub.store.ConnectorStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/** What the hub gives one connector instance; closed with it. */
final class HubConnectorContext implements ConnectorContext, AutoCloseable {

  private final Vertx vertx;
  private final UUID id;
  private final JsonObject settings;
  private final WorkerExecutor workers;
  private final ConnectorStore store;
  private final String hookUrl;
  private volatile Handler<HttpServerRequest> hookHandler;
  /** The last report: {@code null} while connected, else why not. */
  private volatile String disconnected;
  private volatile BiConsumer<Boolean, String> connectionListener = (connected, reason) -> { };

  HubConnectorContext(Vertx vertx, UUID id, JsonObject settings, int workerThreads,
      ConnectorStore store, String publicUrl) {
    this.vertx = vertx;
    this.id = id;
    this.settings = settings;
    this.store = store;
    this.hookUrl = publicUrl + "/hooks/" + id;
    // A pool per context, not per connector id: a test instance and the running one never
    // share (and close) each other's threads.
    this.workers = vertx.createSharedWorkerExecutor("slx-connector-" + id + "-"
        + UUID.randomUUID(), workerThreads);
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public String instanceId() {
    return id.toString();
  }

  @Override
  public JsonObject settings() {
    return settings.copy();
  }

  @Override
  public WorkerExecutor blockingExecutor() {
    return workers;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("slx.connector." + id);
  }

  @Override
  public Future<Optional<Checkpoint>> lastCheckpoint() {
    return store.checkpoint(id);
  }

  @Override
  public void onHookRequest(Handler<HttpServerRequest> handler) {
    this.hookHandler = handler;
  }

  @Override
  public String hookUrl() {
    return hookUrl;
  }

  @Override
  public synchronized void reportConnection(boolean connected, String reason) {
    String now = connected ? null : reason == null || reason.isBlank()
        ? "The connection was lost" : reason;
    if (!java.util.Objects.equals(now, disconnected)) {
      disconnected = now;
      connectionListener.accept(connected, now);
    }
  }

  /**
   * Follows the instance's connection reports; the runtime listens only to the running
   * instance's context.
   *
   * @param listener told of each change
   */
  void onConnectionReport(BiConsumer<Boolean, String> listener) {
    connectionListener = listener;
  }

  /** {@return why the instance last said it is not connected, or {@code null}} */
  String disconnected() {
    return disconnected;
  }

  Handler<HttpServerRequest> hookHandler() {
    return hookHandler;
  }

  @Override
  public void close() {
    workers.close();
  }
}
