package io.slxconnect.google;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the blocking Google client on the instance's bounded worker pool, never on an event loop,
 * and retries what Google asks clients to retry (403 rate limits, 429, 5xx) with truncated
 * exponential backoff as Google advises: 1 s, 2 s, 4 s... up to 32 s, each plus up to one second
 * of random jitter, or the {@code Retry-After} delay when Google sends one. The wait is a Vert.x
 * timer, so no worker thread sleeps. Other failures are described at once
 * ({@link GoogleFailures}).
 */
final class GoogleCalls {

  /** A call of the Google client, which blocks. */
  @FunctionalInterface
  interface BlockingCall<T> {
    /**
     * Calls Google.
     *
     * @return the answer
     * @throws Exception what the client threw
     */
    T call() throws Exception;
  }

  private static final Duration MAX_DELAY = Duration.ofSeconds(32);

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final GoogleSettings settings;
  private final Logger logger;
  private final Duration firstDelay;

  /**
   * Creates the runner.
   *
   * @param vertx for the backoff timers
   * @param workers the bounded pool the client runs on
   * @param settings how often to retry; named in messages
   * @param logger where retries are logged
   * @param firstDelay the first backoff delay (Google advises one second)
   */
  GoogleCalls(Vertx vertx, WorkerExecutor workers, GoogleSettings settings, Logger logger,
      Duration firstDelay) {
    this.vertx = vertx;
    this.workers = workers;
    this.settings = settings;
    this.logger = logger;
    this.firstDelay = firstDelay;
  }

  /**
   * Runs a call, retrying transient failures.
   *
   * @param what the operation in words, such as "Reading users"
   * @param call the call
   * @param <T> the answer's type
   * @return the answer, or a {@link io.slxconnect.api.ConnectorException} describing the failure
   */
  <T> Future<T> run(String what, BlockingCall<T> call) {
    return attempt(what, call, 0);
  }

  private <T> Future<T> attempt(String what, BlockingCall<T> call, int retriesDone) {
    return workers.<T>executeBlocking(call::call, false).recover(failure -> {
      if (!GoogleFailures.isTransient(failure) || retriesDone >= settings.maxRetries()) {
        return Future.failedFuture(GoogleFailures.describe(what, failure, settings));
      }
      Duration delay = delay(failure, retriesDone);
      logger.log(Level.INFO, "{0}: Google answered {1}; retry {2} of {3} in {4} ms", what,
          GoogleFailures.apiError(failure).map(e -> e.status() + " " + e.reason()).orElse("?"),
          retriesDone + 1, settings.maxRetries(), delay.toMillis());
      Promise<T> retried = Promise.promise();
      vertx.setTimer(Math.max(1, delay.toMillis()),
          id -> attempt(what, call, retriesDone + 1).onComplete(retried));
      return retried.future();
    });
  }

  private Duration delay(Throwable failure, int retriesDone) {
    Duration asked = GoogleFailures.apiError(failure).flatMap(GoogleFailures.ApiError::retryAfter)
        .orElse(null);
    if (asked != null) {
      return asked;
    }
    Duration exponential = firstDelay.multipliedBy(1L << Math.min(retriesDone, 10));
    Duration capped = exponential.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : exponential;
    return capped.plusMillis(ThreadLocalRandom.current().nextLong(
        Math.max(1, Math.min(1000, firstDelay.toMillis()))));
  }
}
