package io.slxconnect.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One contract test's resources: the systems and instances it opened, closed in reverse order,
 * and calls into the connector made as the hub makes them, on an event loop and with checks that
 * turn each broken promise of the API into a message a partner can act on.
 */
final class ContractRun implements AutoCloseable {

  /** A call that holds the event loop this long blocks it (Vert.x warns from 2 s too). */
  static final Duration EVENT_LOOP_LIMIT = Duration.ofSeconds(2);

  /**
   * An instance and its context.
   *
   * @param context the context the hub would give it
   * @param instance the instance, created but not started
   */
  record Connector(TestConnectorContext context, ConnectorInstance instance) {
  }

  private final Vertx vertx;
  private final ConnectorFixture fixture;
  private final ConnectorType type;
  private final Context eventLoop;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  ContractRun(Vertx vertx, ConnectorFixture fixture) {
    this.vertx = vertx;
    this.fixture = fixture;
    this.type = fixture.type();
    this.eventLoop = vertx.getOrCreateContext();
  }

  ConnectorFixture fixture() {
    return fixture;
  }

  ConnectorType type() {
    return type;
  }

  /** A fresh system, closed with the run. */
  BackingSystem system() throws Exception {
    BackingSystem system = fixture.newSystem();
    opened.push(system);
    return system;
  }

  /** A new, not started instance with these settings, stopped and closed with the run. */
  Connector connector(JsonObject settings, Checkpoint lastCommitted) {
    TestConnectorContext context = TestConnectorContext.builder(vertx).defaultsFrom(type)
        .settings(settings).lastCheckpoint(lastCommitted).build();
    opened.push(context);
    ConnectorInstance instance;
    try {
      instance = type.create(context);
    } catch (RuntimeException e) {
      throw new AssertionError("create() threw " + e + ": it must only keep the context; the "
          + "hub reports this as 'The plugin could not create the connector'", e);
    }
    if (instance == null) {
      fail("create() returned null: return a new instance");
    }
    opened.push(() -> stopQuietly(instance));
    return new Connector(context, instance);
  }

  /** A new instance with these settings, started. */
  Connector started(JsonObject settings, Checkpoint lastCommitted) {
    Connector connector = connector(settings, lastCommitted);
    succeed("start()", connector.instance()::start);
    return connector;
  }

  /** Calls on an event loop and waits up to the hub's default call time limit for a result. */
  <T> T succeed(String what, Supplier<Future<T>> call) {
    return succeed(what, call, TestConnectorContext.DEFAULT_AWAIT);
  }

  /** Calls on an event loop and waits for a result. */
  <T> T succeed(String what, Supplier<Future<T>> call, Duration bound) {
    Outcome<T> outcome = call(what, call, bound);
    if (outcome.failure() != null) {
      throw new AssertionError(what + " failed: " + outcome.failure(), outcome.failure());
    }
    return outcome.result();
  }

  /** Calls on an event loop and waits for the failure, which must be a ConnectorException. */
  <T> ConnectorException fails(String what, Supplier<Future<T>> call, Duration bound) {
    Outcome<T> outcome = call(what, call, bound);
    if (outcome.failure() == null) {
      fail(what + " succeeded (with " + outcome.result() + ") but was expected to fail");
    }
    if (!(outcome.failure() instanceof ConnectorException e)) {
      throw new AssertionError(what + " failed with " + outcome.failure() + ", not a "
          + "ConnectorException: map every failure to a ConnectorException with a Reason, or "
          + "the hub cannot tell whether to retry", outcome.failure());
    }
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      fail(what + " failed with a ConnectorException without a message: admins read it");
    }
    return e;
  }

  private record Outcome<T>(T result, Throwable failure) {
  }

  private <T> Outcome<T> call(String what, Supplier<Future<T>> call, Duration bound) {
    Promise<T> promise = Promise.promise();
    eventLoop.runOnContext(v -> {
      long began = System.nanoTime();
      Future<T> future;
      try {
        future = call.get();
      } catch (RuntimeException e) {
        promise.fail(new AssertionError(what + " threw " + e + " instead of returning a failed "
            + "future: the hub turns a thrown exception into a FAILED failure without your "
            + "reason", e));
        return;
      }
      Duration held = Duration.ofNanos(System.nanoTime() - began);
      if (held.compareTo(EVENT_LOOP_LIMIT) > 0) {
        promise.fail(new AssertionError(what + " held the event loop for " + held.toMillis()
            + " ms before returning its future: it blocks; run blocking work on "
            + "context.blockingExecutor()"));
      } else if (future == null) {
        promise.fail(new AssertionError(what + " returned null instead of a future"));
      } else {
        future.onComplete(promise);
      }
    });
    try {
      return new Outcome<>(promise.future().toCompletionStage().toCompletableFuture()
          .get(bound.toMillis(), TimeUnit.MILLISECONDS), null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError broken) {
        throw broken;
      }
      return new Outcome<>(null, e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not complete within " + bound.toSeconds()
          + " s: the hub gives up on a call after 30 s by default and reports the connector "
          + "as unavailable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for " + what, e);
    }
  }

  /** Secrets (top-level writeOnly values) of these settings, which no message may show. */
  List<String> secrets(JsonObject settings) {
    List<String> secrets = new ArrayList<>();
    JsonObject properties = type.settingsSchema().getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      Object value = settings.getValue(name);
      if (properties.getJsonObject(name).getBoolean("writeOnly", false)
          && value instanceof String secret && secret.length() >= 4) {
        secrets.add(secret);
      }
    }
    return secrets;
  }

  /** Fails when the text shows a secret of the settings. */
  void assertNoSecret(String what, String text, JsonObject settings) {
    for (String secret : secrets(settings)) {
      if (text != null && text.contains(secret)) {
        fail(what + " shows the value of a writeOnly (secret) setting: never put secrets in "
            + "messages, admins and logs see them");
      }
    }
  }

  private void stopQuietly(ConnectorInstance instance) {
    try {
      call("stop()", instance::stop, TestConnectorContext.DEFAULT_AWAIT);
    } catch (AssertionError e) {
      // Cleanup: the contract tests stop() on its own, with a message of its own.
    }
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
