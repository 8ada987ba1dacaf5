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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int MAX_UNDER_WAY = 500;
  private static final Duration SECRETS_KEPT = Duration.ofSeconds(5);

  private final DeliveryStore deliveries;
  private final SubscriptionStore subscriptions;
  private final WebhookSender sender;
  private final RetrySchedule schedule;
  private final Clock clock;
  private final Map<Long, UUID> underWay = new HashMap<>();
  private final Map<UUID, Integer> underWayPerSubscription = new HashMap<>();
  private final Map<UUID, Integer> maxInFlight = new HashMap<>();
  private final List<DeliveryStore.Attempt> toRecord = new ArrayList<>();
  private final List<Promise<Void>> recordedWaiters = new ArrayList<>();
  private boolean recording;
  private Map<UUID, List<WebhookSecret>> secrets = Map.of();
  private Instant secretsLoaded = Instant.MIN;

  /**
   * Creates the dispatcher.
   *
   * @param deliveries the outbox
   * @param subscriptions the subscriptions and their secrets
   * @param sender makes the attempts
   * @param schedule when failed deliveries are tried again
   * @param clock the time deliveries come due by
   * @param pollInterval how often due retries are looked for
   */
  public WebhookDispatcher(DeliveryStore deliveries, SubscriptionStore subscriptions,
      WebhookSender sender, RetrySchedule schedule, Clock clock, Duration pollInterval) {
    super(WAKE_ADDRESS, pollInterval);
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.sender = sender;
    this.schedule = schedule;
    this.clock = clock;
  }

  @Override
  protected void woken(Message<Object> message) {
    if ("secrets".equals(message.body())) {
      secretsLoaded = Instant.MIN;
    }
  }

  @Override
  protected int room() {
    return MAX_UNDER_WAY - underWay.size();
  }

  /** Starts due deliveries, within the bounds. */
  @Override
  protected Future<?> startDue(int room) {
    Instant now = clock.instant();
    // Subscriptions that may not send now: as many under way as they may have, or no secret.
    List<UUID> held = new ArrayList<>(underWayPerSubscription.entrySet().stream()
        .filter(e -> e.getValue() >= maxInFlight.getOrDefault(e.getKey(), 1))
        .map(Map.Entry::getKey)
        .toList());
    secrets.forEach((id, keys) -> {
      if (keys.isEmpty()) {
        held.add(id);
      }
    });
    return deliveries.due(now, underWay.keySet(), held, room)
        .compose(due -> signingSecrets(due, now).onSuccess(keys -> due.forEach(delivery -> {
          // Without a secret that opens, a delivery waits: it is never sent unsigned.
          List<WebhookSecret> signing = keys.getOrDefault(delivery.subscriptionId(), List.of());
          if (!signing.isEmpty() && hasRoom(delivery)) {
            attempt(delivery, signing);
          }
        })));
  }

  private boolean hasRoom(Delivery delivery) {
    maxInFlight.put(delivery.subscriptionId(), delivery.maxInFlight());
    return underWayPerSubscription.getOrDefault(delivery.subscriptionId(), 0)
        < delivery.maxInFlight();
  }

  /** The secrets, read again after a rotation (the API wakes with "secrets") or a while. */
  private Future<Map<UUID, List<WebhookSecret>>> signingSecrets(List<Delivery> due,
      Instant now) {
    List<UUID> ids = due.stream().map(Delivery::subscriptionId).distinct().toList();
    boolean fresh = secretsLoaded.plus(SECRETS_KEPT).isAfter(now);
    if (fresh && secrets.keySet().containsAll(ids)) {
      return Future.succeededFuture(secrets);
    }
    return subscriptions.signingSecrets(ids, now).map(loaded -> {
      Map<UUID, List<WebhookSecret>> merged = new HashMap<>(fresh ? secrets : Map.of());
      merged.putAll(loaded);
      secrets = merged;
      secretsLoaded = fresh ? secretsLoaded : now;
      return merged;
    });
  }

  private void attempt(Delivery delivery, List<WebhookSecret> keys) {
    UUID subscription = delivery.subscriptionId();
    underWay.put(delivery.id(), subscription);
    underWayPerSubscription.merge(subscription, 1, Integer::sum);
    Instant at = clock.instant();
    sender.send(delivery, keys)
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
    Optional<Instant> next = switch (result.verdict()) {
      case DELIVERED, REFUSED -> Optional.empty();
      case RETRY -> schedule.next(delivery.attempts() + 1, at, result.retryAfter());
      // Kept pending: it goes out when the subscription is enabled again.
      case GONE -> Optional.of(at);
    };
    if (result.verdict() != AttemptResult.Verdict.DELIVERED) {
      LOG.info("Webhook delivery {} to {}: {}{}", delivery.id(), delivery.url(), result.error(),
          next.isEmpty() ? " (given up; it can be replayed)" : "");
    }
    Future<Void> recorded = queueRecord(new DeliveryStore.Attempt(delivery, at, result, next));
    if (result.verdict() != AttemptResult.Verdict.GONE) {
      return recorded;
    }
    return recorded.compose(v -> subscriptions.disable(delivery.subscriptionId(),
        "The endpoint answered 410 Gone at " + at + "; enable the subscription again once it "
            + "receives webhooks"));
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
