package io.slxconnect.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** What the hub gives one connector instance. Valid from creation until the instance stops. */
public interface ConnectorContext {

  /**
   * The hub's Vert.x instance: timers, HTTP clients, the event bus.
   *
   * @return the shared Vert.x instance
   */
  Vertx vertx();

  /**
   * The id the hub gave this connector instance; stable across restarts and upgrades.
   *
   * @return the instance id
   */
  String instanceId();

  /**
   * The instance's settings, validated against {@link ConnectorType#settingsSchema()}, with
   * secrets decrypted. Treat secrets with care: never log them, never put them in errors.
   *
   * @return a copy of the settings; changing it changes nothing in the hub
   */
  JsonObject settings();

  /**
   * A bounded worker pool for blocking SDK calls, so that they never run on an event loop.
   * Its size is set by the hub; tasks beyond it queue.
   *
   * @return this instance's worker executor
   */
  WorkerExecutor blockingExecutor();

  /**
   * A logger named after this instance. Messages reach the hub's log with the instance id.
   *
   * @return the logger
   */
  System.Logger logger();

  /**
   * The last checkpoint the hub committed for this instance, to resume watching after a
   * restart or an upgrade without losing or repeating changes.
   *
   * @return the checkpoint, or empty when the instance never committed one
   */
  Future<Optional<Checkpoint>> lastCheckpoint();

  /**
   * Lets the instance receive HTTP requests, for push notifications from the connected system
   * (Google's users.watch channels, for example). Requests to {@link #hookUrl()} and below are
   * handed to the handler on an event loop; the handler must answer each of them.
   *
   * @param handler the receiver; replaces an earlier one
   */
  void onHookRequest(Handler<HttpServerRequest> handler);

  /**
   * The public URL under which {@link #onHookRequest(Handler)} receives requests.
   *
   * @return an absolute URL ending without a slash
   */
  String hookUrl();

  /**
   * Reports whether the instance is connected to its system. Call it with {@code false} and the
   * reason when a connection the instance keeps open (a watch's, say) is lost and the instance
   * reconnects on its own, and with {@code true} once it is back. Meanwhile the hub shows the
   * connector as {@code degraded}, with the reason, in the console, the API and
   * {@code /health}; the instance stays running and is not restarted. Safe from any thread;
   * repeating the same report changes nothing.
   *
   * @param connected whether the connection works
   * @param reason why it does not, in words; ignored when connected
   */
  void reportConnection(boolean connected, String reason);
}
