package io.slxconnect.hub.webhooks;

import io.slxconnect.hub.pipeline.OutboxWorker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox. Woken through the event bus the moment events are committed
 * (and when an admin sends a test or a replay), and by a timer for retries that come due.
 * Each subscription has at most its {@code maxInFlight} deliveries under way; one user's (or
 * group's) deliveries to one subscription go one after the other, in event order. Everything
 * still to send is in the outbox table, so a restart or a crash loses nothing: a delivery
 * under way when the hub died is sent again (at least once).
 */
public final class WebhookDispatcher extends OutboxWorker {

  /** The event-bus address that wakes the dispatcher. */
  public static final String WAKE_ADDRESS = "slx.webhooks.wake";
  /** The wake-up message that says subscriptions or their secrets changed. */
  public static final String SUBSCRIPTIONS_CHANGED = "subscriptions";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int MAX_UNDER_WAY = 500;
  /** How long the list of subscriptions is kept; a change through the API reloads it. */
  private static final Duration TARGETS_KEPT = Duration.ofSeconds(5);
  /** Failed attempts in a row after which an endpoint counts as down. */
  private static final int DOWN_AFTER_FAILURES = 5;
  /** How often the outbox of an endpoint that is down is read: its deliveries back off. */
  private static final long DOWN_READ_NANOS = 1_000_000_000L;

  private final DeliveryStore deliveries;
  private final SubscriptionStore subscriptions;
  private final WebhookSender sender;
  private final RetrySchedule schedule;
  private final Clock clock;
  private final WebhookMetrics metrics;
  private final Map<Long, UUID> underWay = new HashMap<>();
  private final Map<UUID, Integer> underWayPerSubscription = new HashMap<>();
  private final Map<UUID, Integer> failuresInARow = new HashMap<>();
  private final Map<UUID, Long> lastRead = new HashMap<>();
  private final List<DeliveryStore.Attempt> toRecord = new ArrayList<>();
  private final List<Promise<Void>> recordedWaiters = new ArrayList<>();
  private boolean recording;
  private List<Target> targets = List.of();
  private long targetsLoaded;
  private boolean targetsStale = true;

  /**
   * Creates the dispatcher.
   *
   * @param deliveries the outbox
   * @param subscriptions the subscriptions and their secrets
   * @param sender makes the attempts
   * @param schedule when failed deliveries are tried again
   * @param clock the time deliveries come due by
   * @param pollInterval how often due retries are looked for
   * @param metrics counts the attempts
   */
  public WebhookDispatcher(DeliveryStore deliveries, SubscriptionStore subscriptions,
      WebhookSender sender, RetrySchedule schedule, Clock clock, Duration pollInterval,
      WebhookMetrics metrics) {
    super(WAKE_ADDRESS, pollInterval);
    this.metrics = metrics;
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.sender = sender;
    this.schedule = schedule;
    this.clock = clock;
  }

  @Override
  protected void woken(Message<Object> message) {
    if (SUBSCRIPTIONS_CHANGED.equals(message.body())) {
      targetsStale = true;
    }
  }

  @Override
  protected int room() {
    return MAX_UNDER_WAY - underWay.size();
  }

  /**
   * Reads, per subscription with room, its due deliveries and starts them. An endpoint that
   * looks down (its last attempts all failed) is read at most once a second: its deliveries
   * wait for their retry, and reading past them on every new event would only cost the
   * database.
   */
  @Override
  protected Future<?> startDue(int room) {
    Instant now = clock.instant();
    long nanos = System.nanoTime();
    return targets(nanos, now).compose(enabled -> {
      List<Future<?>> reads = new ArrayList<>();
      int left = room;
      for (Target target : enabled) {
        int free = Math.min(left, target.maxInFlight()
            - underWayPerSubscription.getOrDefault(target.id(), 0));
        boolean down = failuresInARow.getOrDefault(target.id(), 0) >= DOWN_AFTER_FAILURES;
        if (free <= 0 || target.secrets().isEmpty()
            || down && nanos - lastRead.get(target.id()) < DOWN_READ_NANOS) {
          continue;
        }
        left -= free;
        lastRead.put(target.id(), nanos);
        reads.add(deliveries.due(target, now, underWayOf(target), free)
            .onSuccess(due -> due.forEach(this::attempt)));
      }
      return Future.all(reads);
    });
  }

  private Future<List<Target>> targets(long nanos, Instant now) {
    if (!targetsStale && nanos - targetsLoaded < TARGETS_KEPT.toNanos()) {
      return Future.succeededFuture(targets);
    }
    targetsStale = false;
    return subscriptions.targets(now)
        .onSuccess(loaded -> {
          targets = loaded;
          targetsLoaded = nanos;
          Set<UUID> ids = new HashSet<>(loaded.stream().map(Target::id).toList());
          failuresInARow.keySet().retainAll(ids);
          lastRead.keySet().retainAll(ids);
        })
        .onFailure(e -> targetsStale = true);
  }

  private List<Long> underWayOf(Target target) {
    List<Long> ids = new ArrayList<>();
    underWay.forEach((id, subscription) -> {
      if (subscription.equals(target.id())) {
        ids.add(id);
      }
    });
    return ids;
  }

  private void attempt(Delivery delivery) {
    UUID subscription = delivery.subscriptionId();
    underWay.put(delivery.id(), subscription);
    underWayPerSubscription.merge(subscription, 1, Integer::sum);
    Instant at = clock.instant();
    sender.send(delivery)
        .compose(result -> record(delivery, at, result))
        .onComplete(done -> {
          underWay.remove(delivery.id());
          underWayPerSubscription.computeIfPresent(subscription, (id, n) -> n > 1 ? n - 1 : null);
          if (done.failed()) {
            // Most likely the database is unreachable: the delivery is still pending and goes
            // out again; the timer tries, not a tight loop.
            LOG.warn("Webhook delivery {} could not be recorded; it is sent again: {}",
                delivery.id(), done.cause().toString());
          } else {
            drain();
          }
        });
  }

  private Future<Void> record(Delivery delivery, Instant at, AttemptResult result) {
    metrics.attempted(result);
    Optional<Instant> next = switch (result.verdict()) {
      case DELIVERED, REFUSED -> Optional.empty();
      case RETRY -> schedule.next(delivery.attempts() + 1, at, result.retryAfter());
      // Kept pending: it goes out when the subscription is enabled again.
      case GONE -> Optional.of(at);
    };
    if (result.verdict() == AttemptResult.Verdict.DELIVERED) {
      failuresInARow.remove(delivery.subscriptionId());
    } else {
      failuresInARow.merge(delivery.subscriptionId(), 1, Integer::sum);
      LOG.info("Webhook delivery {} to {}: {}{}", delivery.id(), delivery.target().url(),
          result.error(), next.isEmpty() ? " (given up; it can be replayed)" : "");
    }
    Future<Void> recorded = queueRecord(new DeliveryStore.Attempt(delivery, at, result, next));
    if (result.verdict() != AttemptResult.Verdict.GONE) {
      return recorded;
    }
    return recorded.compose(v -> subscriptions.disable(delivery.subscriptionId(),
        "The endpoint answered 410 Gone at " + at + "; enable the subscription again once it "
            + "receives webhooks"))
        .onSuccess(v -> targetsStale = true);
  }

  /**
   * Records attempts as a database does group commit: one statement at a time, carrying every
   * attempt that finished while the previous one ran.
   */
  private Future<Void> queueRecord(DeliveryStore.Attempt attempt) {
    Promise<Void> recorded = Promise.promise();
    toRecord.add(attempt);
    recordedWaiters.add(recorded);
    flushRecords();
    return recorded.future();
  }

  private void flushRecords() {
    if (recording || toRecord.isEmpty()) {
      return;
    }
    recording = true;
    List<DeliveryStore.Attempt> batch = new ArrayList<>(toRecord);
    List<Promise<Void>> waiters = new ArrayList<>(recordedWaiters);
    toRecord.clear();
    recordedWaiters.clear();
    deliveries.record(batch).onComplete(done -> {
      recording = false;
      waiters.forEach(waiter -> waiter.handle(done));
      flushRecords();
    });
  }
}
