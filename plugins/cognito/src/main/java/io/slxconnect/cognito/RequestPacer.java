package io.slxconnect.cognito;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * Spaces requests evenly, at most a given number per second, so that a watch polling a large
 * pool leaves room in the account's request quota for everything else. Used from one Vert.x
 * context only.
 */
final class RequestPacer {

  private final Vertx vertx;
  private final long spacingNanos;
  private long nextAt;

  /**
   * Creates a pacer.
   *
   * @param vertx for timers
   * @param perSecond the most requests per second
   */
  RequestPacer(Vertx vertx, int perSecond) {
    this.vertx = vertx;
    this.spacingNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
  }

  /** {@return a future that completes when the next request may go} */
  Future<Void> next() {
    long now = System.nanoTime();
    long wait = nextAt - now;
    nextAt = Math.max(now, nextAt) + spacingNanos;
    if (wait <= 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS);
  }
}
