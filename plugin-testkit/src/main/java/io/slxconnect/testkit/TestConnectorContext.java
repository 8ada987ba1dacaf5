package io.slxconnect.testkit;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real {@link ConnectorContext} for tests, behaving as the hub's: the real Vert.x instance
 * you pass in, the settings (with the schema's top-level defaults filled in, when built
 * {@linkplain Builder#defaultsFrom(ConnectorType) from the type}), a bounded worker pool of its
 * own, a logger, an in-memory committed checkpoint, the hook handler the instance registers, and
 * a record of its connection reports.
 *
 * <pre>{@code
 * TestConnectorContext context = TestConnectorContext.builder(vertx)
 *     .defaultsFrom(new MyConnectorType())
 *     .settings(new JsonObject().put("path", file.toString()))
 *     .build();
 * ConnectorInstance instance = new MyConnectorType().create(context);
 * TestConnectorContext.await(instance.start());
 * }</pre>
 *
 * <p>{@link #close()} it after the instance stopped, as the hub does, to release its workers
 * (and its hook server, if {@link #serveHooks()} started one).
 */
public final class TestConnectorContext implements ConnectorContext, AutoCloseable {

  /** How long {@link #await(Future)} waits: the hub's default time limit for plugin calls. */
  public static final Duration DEFAULT_AWAIT = Duration.ofSeconds(30);

  /**
   * One call of {@link #reportConnection(boolean, String)}.
   *
   * @param connected whether the instance said it is connected
   * @param reason why not, or {@code null} when connected
   */
  public record ConnectionEvent(boolean connected, String reason) {

    /** {@return {@code connected}, or {@code lost: } and the reason} */
    @Override
    public String toString() {
      return connected ? "connected" : "lost: " + reason;
    }
  }

  private final Vertx vertx;
  private final JsonObject settings;
  private final String instanceId;
  private final WorkerExecutor executor;
  private final List<ConnectionEvent> connectionEvents = new CopyOnWriteArrayList<>();
  private volatile Checkpoint committed;
  private volatile Handler<HttpServerRequest> hookHandler;
  private volatile String hookUrl;
  private volatile HttpServer hookServer;

  private TestConnectorContext(Builder builder) {
    this.vertx = builder.vertx;
    this.settings = builder.settings.copy();
    this.instanceId = builder.instanceId;
    this.committed = builder.lastCheckpoint;
    this.hookUrl = "http://127.0.0.1/hooks/" + instanceId;
    // A pool per context, as the hub's: a test instance and another never share threads.
    this.executor = vertx.createSharedWorkerExecutor("slx-test-" + instanceId + "-"
        + UUID.randomUUID(), builder.workerThreads);
  }

  /**
   * A context with these settings as they are (no defaults filled in), a random instance id,
   * no committed checkpoint and four worker threads.
   *
   * @param vertx the Vert.x instance of the test
   * @param settings the settings, secrets in plain text
   */
  public TestConnectorContext(Vertx vertx, JsonObject settings) {
    this(builder(vertx).settings(settings));
  }

  /**
   * Starts building a context.
   *
   * @param vertx the Vert.x instance of the test
   * @return a builder with empty settings, a random instance id and four worker threads
   */
  public static Builder builder(Vertx vertx) {
    return new Builder(vertx);
  }

  /** Builds a {@link TestConnectorContext}. */
  public static final class Builder {
    private final Vertx vertx;
    private JsonObject settings = new JsonObject();
    private JsonObject schema;
    private String instanceId = "test-" + UUID.randomUUID();
    private Checkpoint lastCheckpoint;
    private int workerThreads = 4;

    private Builder(Vertx vertx) {
      this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    /**
     * The settings the instance gets, secrets in plain text as the hub decrypts them.
     *
     * @param settings the settings; copied
     * @return this builder
     */
    public Builder settings(JsonObject settings) {
      this.settings = settings.copy();
      return this;
    }

    /**
     * Fills in the {@code default} of every top-level property of the type's settings schema
     * that the settings leave out, as the hub does before it creates an instance.
     *
     * @param type the connector type whose schema gives the defaults
     * @return this builder
     */
    public Builder defaultsFrom(ConnectorType type) {
      this.schema = type.settingsSchema();
      return this;
    }

    /**
     * The instance id; the hub's are UUIDs, stable across restarts.
     *
     * @param instanceId the id
     * @return this builder
     */
    public Builder instanceId(String instanceId) {
      this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
      return this;
    }

    /**
     * The checkpoint the hub committed before, which {@link #lastCheckpoint()} returns: set it
     * to test a restart.
     *
     * @param checkpoint the last committed checkpoint, or {@code null} for none
     * @return this builder
     */
    public Builder lastCheckpoint(Checkpoint checkpoint) {
      this.lastCheckpoint = checkpoint;
      return this;
    }

    /**
     * The size of {@link #blockingExecutor()}; the hub's default is 4.
     *
     * @param threads the number of worker threads, at least 1
     * @return this builder
     */
    public Builder workerThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("At least one worker thread");
      }
      this.workerThreads = threads;
      return this;
    }

    /**
     * Builds the context; its worker pool is created now.
     *
     * @return the context
     */
    public TestConnectorContext build() {
      if (schema != null) {
        JsonObject properties = schema.getJsonObject("properties", new JsonObject());
        for (String name : properties.fieldNames()) {
          Object fallback = properties.getJsonObject(name).getValue("default");
          if (fallback != null && !settings.containsKey(name)) {
            settings.put(name, fallback);
          }
        }
      }
      return new TestConnectorContext(this);
    }
  }

  /**
   * Waits up to {@link #DEFAULT_AWAIT} for a future, as the hub's caller would asynchronously.
   * For test threads only: never call it on an event loop.
   *
   * @param future the future
   * @param <T> the result type
   * @return the result
   * @throws Exception the failure, unwrapped, or a {@link TimeoutException}
   */
  public static <T> T await(Future<T> future) throws Exception {
    return await(future, DEFAULT_AWAIT);
  }

  /**
   * Waits for a future, as the hub's caller would asynchronously. For test threads only.
   *
   * @param future the future
   * @param timeout how long at most
   * @param <T> the result type
   * @return the result
   * @throws Exception the failure, unwrapped, or a {@link TimeoutException}
   */
  public static <T> T await(Future<T> future, Duration timeout) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /**
   * Records a checkpoint as committed, as the hub does when a batch that carries it is stored;
   * {@link RecordingSink} calls it. {@link #lastCheckpoint()} returns it from now on.
   *
   * @param checkpoint the committed checkpoint
   */
  public void commit(Checkpoint checkpoint) {
    this.committed = Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /**
   * The checkpoint committed last: the one given to the builder, or the latest
   * {@link #commit(Checkpoint)}. Start the next instance from it to test a restart.
   *
   * @return the checkpoint, or empty when none was committed
   */
  public Optional<Checkpoint> committedCheckpoint() {
    return Optional.ofNullable(committed);
  }

  /**
   * The connection reports so far, in order.
   *
   * @return a copy of the reports
   */
  public List<ConnectionEvent> connectionEvents() {
    return List.copyOf(connectionEvents);
  }

  /**
   * The handler the instance registered with {@link #onHookRequest(Handler)}.
   *
   * @return the handler, or empty
   */
  public Optional<Handler<HttpServerRequest>> hookHandler() {
    return Optional.ofNullable(hookHandler);
  }

  /**
   * Starts a loopback HTTP server that hands requests under {@code /hooks/<instance id>} to
   * the registered handler, as the hub's router does, and answers 404 to others; from then on
   * {@link #hookUrl()} points at it. Call it before the instance reads {@link #hookUrl()}.
   *
   * @return the hook URL, once the server listens
   */
  public Future<String> serveHooks() {
    String prefix = "/hooks/" + instanceId;
    return vertx.createHttpServer().requestHandler(request -> {
      Handler<HttpServerRequest> handler = hookHandler;
      if (handler == null || !request.path().startsWith(prefix)) {
        request.response().setStatusCode(404).end();
      } else {
        handler.handle(request);
      }
    }).listen(0, "127.0.0.1").map(server -> {
      hookServer = server;
      hookUrl = "http://127.0.0.1:" + server.actualPort() + prefix;
      return hookUrl;
    });
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
    return System.getLogger("slx.connector.test." + instanceId);
  }

  @Override
  public Future<Optional<Checkpoint>> lastCheckpoint() {
    return Future.succeededFuture(committedCheckpoint());
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
  public void reportConnection(boolean connected, String reason) {
    synchronized (connectionEvents) {
      connectionEvents.add(new ConnectionEvent(connected, connected ? null : reason));
      connectionEvents.notifyAll();
    }
  }

  /**
   * Waits until the instance reports its connection as the condition wants.
   *
   * @param condition which report
   * @param timeout how long at most
   * @return the first matching report
   * @throws AssertionError when none came in time, listing the reports so far
   * @throws InterruptedException when interrupted while waiting
   */
  public ConnectionEvent awaitConnectionEvent(Predicate<ConnectionEvent> condition,
      Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (connectionEvents) {
      while (true) {
        Optional<ConnectionEvent> match = connectionEvents.stream().filter(condition)
            .findFirst();
        if (match.isPresent()) {
          return match.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("No matching connection report within " + timeout
              + "; reports so far: " + connectionEvents);
        }
        connectionEvents.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Closes the worker pool and the hook server, as the hub does once the instance stopped. */
  @Override
  public void close() {
    executor.close();
    HttpServer server = hookServer;
    if (server != null) {
      server.close();
    }
  }
}
