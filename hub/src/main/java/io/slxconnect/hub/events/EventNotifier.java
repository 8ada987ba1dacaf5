package io.slxconnect.hub.events;

import io.slxconnect.hub.pipeline.CloudEvents;
import io.slxconnect.hub.store.ChangeEventStore;
import io.slxconnect.hub.webhooks.WebhookDispatcher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the database's commit notifications into event-bus messages. The trigger on
 * {@code change_events} sends {@code NOTIFY slx_events '<first id>,<last id>'} when a
 * transaction that appended events commits, whoever wrote them; this verticle then wakes the
 * webhook dispatcher and, while someone watches the live feed, publishes each event as a
 * CloudEvent on {@link #EVENTS_ADDRESS}.
 */
public final class EventNotifier extends VerticleBase {

  /** Where committed events are published, as CloudEvents ({@code JsonObject}). */
  public static final String EVENTS_ADDRESS = "slx.events";
  private static final String CHANNEL = "slx_events";
  private static final Logger LOG = LoggerFactory.getLogger(EventNotifier.class);

  private final PgConnectOptions database;
  private final Pool pool;
  private final LiveFeed feed;
  private PgSubscriber subscriber;

  /**
   * Creates the notifier.
   *
   * @param database where to listen (a connection of its own)
   * @param pool reads the events
   * @param feed tells whether anyone watches
   */
  public EventNotifier(PgConnectOptions database, Pool pool, LiveFeed feed) {
    this.database = database;
    this.pool = pool;
    this.feed = feed;
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(database))
        // Reconnect for as long as the hub runs; the dispatcher's timer covers the gap.
        .reconnectPolicy(retries -> {
          if (retries == 0) {
            LOG.warn("Lost the database notification connection; reconnecting, webhooks go "
                + "out on the 1 s timer meanwhile");
          }
          return Math.min(30_000L, 500L * (retries + 1));
        });
    subscriber.channel(CHANNEL).handler(this::committed);
    return subscriber.connect();
  }

  @Override
  public Future<?> stop() {
    return subscriber.close();
  }

  private void committed(String payload) {
    vertx.eventBus().send(WebhookDispatcher.WAKE_ADDRESS, null);
    if (!feed.watched()) {
      return;
    }
    String[] range = payload.split(",");
    new ChangeEventStore(pool).range(Long.parseLong(range[0]), Long.parseLong(range[1]))
        .onSuccess(events -> events.forEach(event ->
            vertx.eventBus().publish(EVENTS_ADDRESS, CloudEvents.of(event))))
        .onFailure(e -> LOG.warn("Live feed: could not read events {}: {}", payload,
            e.toString()));
  }
}
