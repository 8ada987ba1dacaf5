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
    HttpServerResponse response = request.context().response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        // Compression would hold events back until a buffer fills; proxies must not buffer.
        .putHeader("Content-Encoding", "identity")
        .putHeader("X-Accel-Buffering", "no");
    feed.opened();
    MessageConsumer<JsonObject> events = vertx.eventBus().localConsumer(
        EventNotifier.EVENTS_ADDRESS, message -> {
          if (response.writeQueueFull()) {
            // A reader that cannot keep up is cut off; it reconnects and reloads.
            response.reset();
            return;
          }
          JsonObject event = message.body();
          response.write("id: " + event.getString("id") + "\nevent: " + event.getString("type")
              + "\ndata: " + event.encode() + "\n\n");
        });
    long ping = vertx.setPeriodic(PING_MS, t -> response.write(": ping\n\n"));
    response.closeHandler(v -> {
      vertx.cancelTimer(ping);
      events.unregister();
      feed.closed();
    });
    response.write(": connected\n\n");
    return Future.succeededFuture(Reply.STREAMED);
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
