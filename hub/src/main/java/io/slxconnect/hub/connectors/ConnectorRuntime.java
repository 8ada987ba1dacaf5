package io.slxconnect.hub.connectors;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.hub.plugins.InstalledType;
import io.slxconnect.hub.plugins.PluginRuntime;
import io.slxconnect.hub.store.ConnectorRecord;
import io.slxconnect.hub.store.ConnectorStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured connector instances: creates each from its plugin's type, starts it,
 * tracks its state (running, failing with the last error and since when, stopped), retries a
 * failed start with growing delays, and stops it. Every call into plugin code has a time limit.
 */
public final class ConnectorRuntime implements ConnectorCalls {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorRuntime.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  /** Settings of the runtime. */
  public record Options(Duration callTimeout, int workerThreads, String publicUrl) {
  }

  private final Vertx vertx;
  private final PluginRuntime plugins;
  private final ConnectorStore store;
  private final ConnectorSettings settings;
  private final Options options;
  private final WatchSinks sinks;
  private final Map<UUID, Running> running = new ConcurrentHashMap<>();
  private final Map<UUID, ConnectorState> states = new ConcurrentHashMap<>();
  private final Map<UUID, Retry> retries = new ConcurrentHashMap<>();
  /** Starts under way: a stop waits for them, so no instance outlives its plugin's unload. */
  private final Map<UUID, Future<ConnectorState>> launching = new ConcurrentHashMap<>();
  /** Connection tests under way, by connector type: an upgrade waits for them. */
  private final Map<Future<ConnectionReport>, String> testing = new ConcurrentHashMap<>();
  /** Bumped by every start and stop: a start that finishes after a newer one began is undone. */
  private final Map<UUID, Long> generations = new ConcurrentHashMap<>();

  /** Opens the sink a connector's watch delivers into. */
  @FunctionalInterface
  public interface WatchSinks {
    /**
     * Opens a sink for one watch.
     *
     * @param connectorId the connector
     * @param onLost told when a batch could not be stored: the watch must start again
     * @return the sink
     */
    ChangeSink open(UUID connectorId, Consumer<String> onLost);
  }

  private record Running(ConnectorInstance instance, HubConnectorContext context) {
  }

  private record Retry(long timerId, Duration delay) {
  }

  /**
   * Creates the runtime.
   *
   * @param vertx the Vert.x instance
   * @param plugins the installed connector types
   * @param store the connectors table
   * @param settings opens secrets
   * @param options time limit, worker threads, public URL
   * @param sinks where each connector's watch delivers its changes
   */
  public ConnectorRuntime(Vertx vertx, PluginRuntime plugins, ConnectorStore store,
      ConnectorSettings settings, Options options, WatchSinks sinks) {
    this.vertx = vertx;
    this.sinks = sinks;
    this.plugins = plugins;
    this.store = store;
    this.settings = settings;
    this.options = options;
  }

  /**
   * Starts every enabled connector. A connector that fails to start is reported as failing and
   * retried; it does not fail the hub's start.
   *
   * @return completes when each has started or failed once
   */
  public Future<Void> startAll() {
    return store.list().compose(all -> {
      List<Future<ConnectorState>> starts = new ArrayList<>();
      all.stream().filter(ConnectorRecord::enabled).forEach(r -> starts.add(start(r)));
      return Future.join(starts).otherwiseEmpty().mapEmpty();
    });
  }

  /**
   * (Re)starts a connector with its stored settings.
   *
   * @param record the connector
   * @return its state after the attempt (never a failed future)
   */
  public Future<ConnectorState> start(ConnectorRecord record) {
    cancelRetry(record.id());
    retries.remove(record.id());
    return launch(record);
  }

  /** Starts without resetting the retry delay, which the retry timer keeps growing. */
  private Future<ConnectorState> launch(ConnectorRecord record) {
    UUID id = record.id();
    long generation = generations.merge(id, 1L, Long::sum);
    Future<ConnectorState> launched = settled(id).compose(v -> attempt(record, generation));
    launching.put(id, launched);
    return launched.onComplete(done -> launching.remove(id, launched));
  }

  /** Completes once the start under way, if any, has finished (and undone itself if stale). */
  private Future<Void> settled(UUID id) {
    Future<ConnectorState> current = launching.get(id);
    return current == null ? Future.succeededFuture() : current.otherwiseEmpty().mapEmpty();
  }

  private Future<ConnectorState> attempt(ConnectorRecord record, long generation) {
    UUID id = record.id();
    return stopInstance(id).compose(v -> {
      Optional<InstalledType> type = plugins.type(record.type());
      if (type.isEmpty()) {
        return Future.succeededFuture(fail(record, "Connector type '" + record.type()
            + "' is not installed: no loaded plugin provides it", false));
      }
      HubConnectorContext context;
      ConnectorInstance instance;
      try {
        context = context(id, record.settings().copy().mergeIn(
            settings.open(id, record.sealedSecrets())));
      } catch (RuntimeException e) {
        return Future.succeededFuture(fail(record, e.getMessage(), false));
      }
      try {
        instance = type.get().type().create(context);
      } catch (RuntimeException | LinkageError e) {
        context.close();
        return Future.succeededFuture(fail(record, "The plugin could not create the connector: "
            + e, true));
      }
      return PluginCalls.call("Starting " + record.name(), options.callTimeout(), instance::start)
          .compose(started -> {
            if (generations.get(id) != generation) {
              // Stopped, deleted or restarted meanwhile: this instance must not stay running.
              return stopAndClose(record, instance, context).map(state(id));
            }
            return watch(record, type.get(), instance, generation).compose(watching -> {
              if (generations.get(id) != generation) {
                return stopAndClose(record, instance, context).map(state(id));
              }
              running.put(id, new Running(instance, context));
              retries.remove(id);
              // Listening first, then reading the last report inside the update: a report in
              // between is either seen here or applied after, never lost.
              context.onConnectionReport((connected, reason) ->
                  connectionReported(record, generation, connected, reason));
              ConnectorState state = states.compute(id, (key, previous) ->
                  context.disconnected() == null ? ConnectorState.running()
                      : ConnectorState.degraded(context.disconnected(), null));
              LOG.info("Connector {} ({}) is running{}", record.name(), id,
                  watching ? " and watching for changes" : "");
              return Future.succeededFuture(state);
            });
          }).recover(e -> stopAndClose(record, instance, context).map(v2 ->
              generations.get(id) == generation ? fail(record, message(e), true) : state(id)));
    });
  }

  /**
   * Starts the watch of a source whose type can watch, from its last committed checkpoint.
   *
   * @return whether a watch was started
   */
  private Future<Boolean> watch(ConnectorRecord record, InstalledType type,
      ConnectorInstance instance, long generation) {
    if (!record.policy().isSource() || !type.capabilities().contains(Capability.WATCH)) {
      return Future.succeededFuture(false);
    }
    return store.checkpoint(record.id()).compose(checkpoint -> PluginCalls.call(
            "Starting the watch of " + record.name(), options.callTimeout(),
            () -> instance.watch(checkpoint.orElse(null), current(record.id(), generation,
                sinks.open(record.id(), reason -> restartWatch(record, generation, reason))))))
        .map(true);
  }

  /**
   * A sink that refuses batches once the instance it was given to is no longer the current one
   * (stopped, restarted, upgraded): a watch that did not stop cannot write beside its successor.
   */
  private ChangeSink current(UUID id, long generation, ChangeSink sink) {
    return (changes, after) -> generations.get(id) == generation ? sink.accept(changes, after)
        : Future.failedFuture(new ConnectorException(ConnectorException.Reason.UNAVAILABLE,
            "This watch was stopped"));
  }

  /** A running instance lost or regained its connection: {@code degraded} or {@code running}. */
  private void connectionReported(ConnectorRecord record, long generation, boolean connected,
      String reason) {
    UUID id = record.id();
    states.computeIfPresent(id, (key, current) -> {
      if (generations.get(id) != generation || !running.containsKey(id)
          || "failing".equals(current.state()) || "stopped".equals(current.state())) {
        return current;
      }
      return connected ? ConnectorState.running() : ConnectorState.degraded(reason, current);
    });
    if (connected) {
      LOG.info("Connector {} ({}) is connected again", record.name(), id);
    } else {
      LOG.warn("Connector {} ({}) lost its connection and reconnects: {}", record.name(), id,
          reason);
    }
  }

  /**
   * Restarts a connector whose watch delivered a batch the hub could not store, after the
   * usual growing delay, so that its watch resumes from the last stored checkpoint and no
   * change is skipped.
   */
  private void restartWatch(ConnectorRecord record, long generation, String reason) {
    UUID id = record.id();
    if (generations.get(id) != generation) {
      return;
    }
    generations.merge(id, 1L, Long::sum);
    stopInstance(id).onComplete(stopped -> fail(record, "Changes from the connector could not be "
        + "stored (" + reason + "); it restarts from the last stored checkpoint", true));
  }

  @Override
  public <T> Future<T> call(UUID connectorId, String what,
      Function<ConnectorInstance, Future<T>> operation) {
    Running current = running.get(connectorId);
    if (current == null) {
      return Future.failedFuture(new ConnectorException(ConnectorException.Reason.UNAVAILABLE,
          "The connector is not running"));
    }
    return PluginCalls.call(what, options.callTimeout(),
        () -> operation.apply(current.instance())).onFailure(e -> {
          if (e instanceof PluginBlockedException) {
            takeOut(connectorId, e.getMessage());
          }
        });
  }

  /**
   * Stops an instance whose plugin blocked an event loop and reports it failing; it is
   * restarted after the usual growing delay, and taken out again if it blocks again.
   */
  private void takeOut(UUID id, String reason) {
    generations.merge(id, 1L, Long::sum);
    stopInstance(id).compose(v -> store.find(id))
        .onSuccess(record -> record.ifPresent(r -> fail(r, reason, true)))
        .onFailure(e -> LOG.error("Connector {} could not be taken out: {}", id,
            e.getMessage()));
  }

  private Future<Void> stopAndClose(ConnectorRecord record, ConnectorInstance instance,
      HubConnectorContext context) {
    return PluginCalls.call("Stopping " + record.name(), options.callTimeout(), instance::stop)
        .otherwiseEmpty()
        .eventually(() -> {
          context.close();
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  /**
   * Stops a connector and cancels pending restarts.
   *
   * @param id the connector
   * @return completes when stopped
   */
  public Future<Void> stop(UUID id) {
    generations.merge(id, 1L, Long::sum);
    cancelRetry(id);
    retries.remove(id);
    return settled(id).compose(v -> stopInstance(id))
        .onComplete(r -> states.put(id, ConnectorState.stopped()));
  }

  /**
   * Stops a connector and forgets it.
   *
   * @param id the connector
   * @return completes when stopped
   */
  public Future<Void> remove(UUID id) {
    return stop(id).onComplete(r -> states.remove(id));
  }

  /** @return completes when every connector has stopped */
  public Future<Void> stopAll() {
    List<Future<Void>> stops = new ArrayList<>();
    java.util.Set<UUID> ids = new java.util.HashSet<>(generations.keySet());
    ids.addAll(running.keySet());
    ids.forEach(id -> stops.add(stop(id)));
    return Future.join(stops).otherwiseEmpty().mapEmpty();
  }

  /**
   * Tests settings with a fresh instance that is stopped afterwards, so the test never disturbs
   * a running connector and works whether or not it runs.
   *
   * @param type the connector type
   * @param id the connector's id, or a random one for unsaved settings
   * @param merged every setting, secrets included
   * @return the report
   */
  public Future<ConnectionReport> test(InstalledType type, UUID id, JsonObject merged) {
    HubConnectorContext context = context(id, merged);
    ConnectorInstance instance;
    try {
      instance = type.type().create(context);
    } catch (RuntimeException | LinkageError e) {
      context.close();
      return Future.succeededFuture(failedTest("The plugin could not create the connector: "
          + e));
    }
    Future<ConnectionReport> report = PluginCalls.call("Testing the connection",
            options.callTimeout(), instance::test)
        .recover(e -> Future.succeededFuture(failedTest(message(e))))
        .eventually(() -> PluginCalls.call("Stopping the test connection",
                options.callTimeout(), instance::stop)
            .eventually(() -> {
              context.close();
              return Future.succeededFuture();
            }));
    testing.put(report, type.id());
    return report.onComplete(done -> testing.remove(report));
  }

  /**
   * Waits until no connection test of the given types is under way: their plugin is about to
   * be unloaded. (Their connectors are stopped by then.)
   *
   * @param typeIds the connector types
   * @return completes when the tests have finished
   */
  public Future<Void> quiesce(List<String> typeIds) {
    List<Future<ConnectionReport>> running = testing.entrySet().stream()
        .filter(e -> typeIds.contains(e.getValue())).map(Map.Entry::getKey).toList();
    return Future.join(running).otherwiseEmpty().mapEmpty();
  }

  /** A test that could not run is still answered as a report, with the reason as its step. */
  private static ConnectionReport failedTest(String reason) {
    return new ConnectionReport(List.of(ConnectionReport.Step.failed("test", reason)), Map.of());
  }

  /**
   * The state of a connector.
   *
   * @param id the connector
   * @return its state; stopped when it was never started
   */
  public ConnectorState state(UUID id) {
    return states.getOrDefault(id, ConnectorState.stopped());
  }

  /**
   * The receiver of push requests a running connector registered.
   *
   * @param id the connector
   * @return the handler, or empty
   */
  public Optional<Handler<HttpServerRequest>> hook(UUID id) {
    return Optional.ofNullable(running.get(id)).map(r -> r.context().hookHandler());
  }

  private HubConnectorContext context(UUID id, JsonObject merged) {
    return new HubConnectorContext(vertx, id, merged, options.workerThreads(), store,
        options.publicUrl());
  }

  private Future<Void> stopInstance(UUID id) {
    Running current = running.remove(id);
    if (current == null) {
      return Future.succeededFuture();
    }
    return PluginCalls.call("Stopping connector " + id, options.callTimeout(),
            current.instance()::stop)
        .onFailure(e -> LOG.warn("Connector {} did not stop cleanly: {}", id, e.getMessage()))
        .otherwiseEmpty()
        .eventually(() -> {
          current.context().close();
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private ConnectorState fail(ConnectorRecord record, String error, boolean retry) {
    ConnectorState state = ConnectorState.failing(error, states.get(record.id()));
    states.put(record.id(), state);
    LOG.warn("Connector {} ({}) is failing: {}", record.name(), record.id(), error);
    if (retry) {
      Retry previous = retries.get(record.id());
      Duration delay = previous == null ? FIRST_RETRY
          : previous.delay().multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY
          : previous.delay().multipliedBy(2);
      long timer = vertx.setTimer(delay.toMillis(), t -> store.find(record.id())
          .onSuccess(current -> current.filter(ConnectorRecord::enabled).ifPresent(this::launch))
          .onFailure(e -> fail(record, "Restart postponed: " + e.getMessage(), true)));
      retries.put(record.id(), new Retry(timer, delay));
    }
    return state;
  }

  private void cancelRetry(UUID id) {
    Retry retry = retries.get(id);
    if (retry != null) {
      vertx.cancelTimer(retry.timerId());
    }
  }

  private static String message(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
