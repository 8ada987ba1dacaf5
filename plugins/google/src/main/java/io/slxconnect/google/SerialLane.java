package io.slxconnect.google;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs asynchronous steps one after the other, in the order they were queued, whatever the
 * outcome of the one before. User changes go through one lane, so that a re-read user is never
 * delivered after a later re-read of the same user.
 */
final class SerialLane {

  private Future<?> tail = Future.succeededFuture();

  /**
   * Queues a step.
   *
   * @param step starts the step once the previous one has finished
   * @param <T> the step's result
   * @return the step's outcome
   */
  synchronized <T> Future<T> then(Supplier<Future<T>> step) {
    Future<T> next = tail.transform(previous -> {
      try {
        return step.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tail = next;
    return next;
  }
}
