package io.slxconnect.hub.events;

import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.pipeline.CloudEvents;
import io.slxconnect.hub.store.ChangeEventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The live side of the change log: a server-sent-events stream of CloudEvents as they are
 * committed, and the number of changes per minute per source for the dashboard.
 */
public final class EventStreamApi {

  private static final long PING_MS = 15_000;
  /** The most missed events a reconnecting reader gets; it reloads the log for more. */
  private static final int MISSED_EVENTS = 500;

  private final Vertx vertx;
  private final Pool pool;
  private final LiveFeed feed;

  /**
   * Creates the API.
   *
   * @param vertx the Vert.x instance
   * @param pool the database
   * @param feed counts the open streams
   */
  public EventStreamApi(Vertx vertx, Pool pool, LiveFeed feed) {
    this.vertx = vertx;
    this.pool = pool;
    this.feed = feed;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("streamChangeEvents", this::stream)
        .handle("getChangeStats", this::stats);
  }

  private Future<Reply> stream(ApiRequest request) {
    Long lastEventId = lastEventId(request);
    HttpServerResponse response = request.context().response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        // Compression would hold events back until a buffer fills; proxies must not buffer.
        .putHeader("Content-Encoding", "identity")
        .putHeader("X-Accel-Buffering", "no");
    LiveStream stream = new LiveStream(response, lastEventId != null);
    feed.opened();
    MessageConsumer<JsonObject> events = vertx.eventBus().localConsumer(
        EventNotifier.EVENTS_ADDRESS, message -> stream.live(message.body()));
    long ping = vertx.setPeriodic(PING_MS, t -> response.write(": ping\n\n"));
    response.closeHandler(v -> {
      vertx.cancelTimer(ping);
      events.unregister();
      feed.closed();
    });
    response.write(": connected\n\n");
    if (lastEventId != null) {
      // Subscribed first, then the missed events: none falls between the two.
      new ChangeEventStore(pool).after(lastEventId, MISSED_EVENTS)
          .onSuccess(missed -> stream.caughtUp(missed.stream().map(CloudEvents::of).toList()))
          .onFailure(e -> response.reset());
    }
    return Future.succeededFuture(Reply.STREAMED);
  }

  /** {@code Last-Event-ID}: the id of the last event a reconnecting reader had. */
  private static Long lastEventId(ApiRequest request) {
    String header = request.context().request().getHeader("Last-Event-ID");
    if (header == null || !header.matches("\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(header);
  }

  private Future<Reply> stats(ApiRequest request) {
    int minutes = request.query("minutes").map(Integer::parseInt).orElse(60);
    Instant to = Instant.now();
    Instant from = to.truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES);
    return new ChangeEventStore(pool).perMinute(from).map(buckets -> {
      buckets.forEach(bucket -> bucket.put("source",
          CloudEvents.source(bucket.getString("connectorId"))));
      return Reply.ok(new JsonObject()
          .put("from", from.toString())
          .put("to", to.toString())
          .put("buckets", new JsonArray(buckets)));
    });
  }
}
