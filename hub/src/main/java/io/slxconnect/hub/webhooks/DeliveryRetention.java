package io.slxconnect.hub.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the delivery log from growing without end: every hour, delivered deliveries older than
 * the retention go, with their attempts, a slice at a time. Pending and exhausted ones stay
 * (the ones still to send, and the ones an admin may replay).
 */
public final class DeliveryRetention implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetention.class);
  private static final int SLICE = 5_000;

  private final Vertx vertx;
  private final DeliveryStore deliveries;
  private final Duration retention;
  private final Clock clock;
  private final long timer;

  /**
   * Starts the hourly clean-up.
   *
   * @param vertx the Vert.x instance
   * @param deliveries the outbox and its log
   * @param retention how long delivered deliveries are kept
   * @param clock the time
   * @param interval how often to clean up
   */
  public DeliveryRetention(Vertx vertx, DeliveryStore deliveries, Duration retention,
      Clock clock, Duration interval) {
    this.vertx = vertx;
    this.deliveries = deliveries;
    this.retention = retention;
    this.clock = clock;
    this.timer = vertx.setPeriodic(interval.toMillis(), t -> prune());
  }

  /**
   * Deletes what is past the retention now.
   *
   * @return how many deliveries were deleted
   */
  public Future<Integer> prune() {
    Instant before = clock.instant().minus(retention);
    return pruneFrom(before, 0)
        .onSuccess(total -> {
          if (total > 0) {
            LOG.info("Removed {} webhook deliveries delivered before {}", total, before);
          }
        })
        .onFailure(e -> LOG.warn("Could not clean up the webhook delivery log: {}",
            e.toString()));
  }

  private Future<Integer> pruneFrom(Instant before, int deleted) {
    return deliveries.prune(before, SLICE).compose(n -> n < SLICE
        ? Future.succeededFuture(deleted + n) : pruneFrom(before, deleted + n));
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
