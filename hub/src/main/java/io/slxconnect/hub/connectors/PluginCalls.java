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
 * so that a misbehaving plugin cannot hang or crash the caller.
 */
final class PluginCalls {

  private PluginCalls() {
  }

  static <T> Future<T> call(String what, Duration timeout, Supplier<Future<T>> call) {
    Future<T> future;
    try {
      future = call.get();
    } catch (RuntimeException | LinkageError e) {
      return Future.failedFuture(new ConnectorException(ConnectorException.Reason.FAILED,
          what + " failed: " + e, e));
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
