package io.slxconnect.hub.connectors;

import io.slxconnect.api.ConnectorException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls into plugin code with a time limit, turning an exception thrown instead of a failed
 * future, a {@code null} future, a failure outside the plugin API's terms, or no answer in time
 * into a failed {@link ConnectorException} with a clear message,
 * so that a misbehaving plugin cannot hang or crash the caller. A call that blocks its thread
 * (the event loop) beyond {@link #BLOCK_LIMIT} fails with a {@link PluginBlockedException}
 * even when it returns a result: the caller takes the instance out of service.
 */
final class PluginCalls {

  /**
   * How long a call may take before it returns its future: longer means the plugin blocked the
   * event loop it was called on. The same as Vert.x's own blocked-thread warning, so class
   * loading or a garbage collection on a first call does not count as blocking.
   */
  static final Duration BLOCK_LIMIT = Duration.ofSeconds(2);

  private PluginCalls() {
  }

  static <T> Future<T> call(String what, Duration timeout, Supplier<Future<T>> call) {
    Future<T> future;
    long started = System.nanoTime();
    try {
      future = call.get();
    } catch (RuntimeException | LinkageError e) {
      return Future.failedFuture(new ConnectorException(ConnectorException.Reason.FAILED,
          what + " failed: " + e, e));
    }
    long blockedMillis = (System.nanoTime() - started) / 1_000_000;
    if (blockedMillis > BLOCK_LIMIT.toMillis()) {
      return Future.failedFuture(new PluginBlockedException(what + " blocked its event loop "
          + "for " + blockedMillis + " ms; a plugin must return at once and hand blocking work "
          + "to ConnectorContext.blockingExecutor()"));
    }
    if (future == null) {
      return Future.failedFuture(new ConnectorException(ConnectorException.Reason.FAILED,
          what + " returned no result (a bug in the plugin)"));
    }
    return future.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(asConnectorFailure(what, timeout, e)));
  }

  /**
   * A failure in the plugin API's terms: a plugin that fails with some other exception has a
   * bug, which retrying will not fix, unlike a call that timed out.
   */
  private static ConnectorException asConnectorFailure(String what, Duration timeout,
      Throwable e) {
    if (e instanceof ConnectorException known) {
      return known;
    }
    if (e instanceof TimeoutException) {
      return new ConnectorException(ConnectorException.Reason.UNAVAILABLE,
          what + " did not finish within " + timeout.toSeconds() + " s");
    }
    return new ConnectorException(ConnectorException.Reason.FAILED, what + " failed: " + e, e);
  }
}
