package io.slxconnect.google;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stand-in's push side: {@code users.watch} opens a channel (the expiration granted is at
 * most the stand-in's maximum lifetime), {@code channels.stop} closes one, and every user event
 * is posted to the address of each live channel for it, with Google's headers
 * ({@code X-Goog-Channel-ID}, {@code -Token}, {@code -Expiration}, {@code X-Goog-Resource-ID},
 * {@code -URI}, {@code -State}, {@code X-Goog-Message-Number}) and a user summary as the body, a
 * {@code sync} message first on every new channel. What the receiver answered is recorded.
 */
public final class StandInPush {

  /** A channel Google keeps. */
  public record Channel(String id, String event, String address, String token, String resourceId,
      Instant expiration, AtomicLong messages) {
  }

  /** A notification sent and the status the receiver answered. */
  record Delivery(String channelId, String state, String userId, int status) {
  }

  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final HttpClient client;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final List<String> stopped = new CopyOnWriteArrayList<>();
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  volatile Duration maxLifetime = Duration.ofHours(6);

  StandInPush(Vertx vertx) {
    client = vertx.createHttpClient();
  }

  /** {@return the live channels} */
  public List<Channel> channels() {
    return channels.values().stream().filter(c -> c.expiration().isAfter(Instant.now())).toList();
  }

  /** {@return the ids of the channels stopped by channels.stop} */
  List<String> stopped() {
    return List.copyOf(stopped);
  }

  void watch(RoutingContext ctx, String resourceUri) {
    JsonObject body = ctx.body().asJsonObject();
    String event = ctx.request().getParam("event");
    if (!"web_hook".equals(body.getString("type")) || body.getString("address") == null
        || event == null) {
      DirectoryStandIn.error(ctx, 400, "invalid", "Invalid channel: type web_hook, address and "
          + "event are required");
      return;
    }
    Instant latest = Instant.now().plus(maxLifetime);
    String requested = body.getString("expiration");
    Instant expiration = requested == null ? latest
        : Instant.ofEpochMilli(Long.parseLong(requested));
    if (expiration.isAfter(latest)) {
      expiration = latest;
    }
    Channel channel = new Channel(body.getString("id"), event, body.getString("address"),
        body.getString("token"), "res-" + UUID.randomUUID(), expiration, new AtomicLong());
    channels.put(channel.id(), channel);
    ctx.response().putHeader("Content-Type", "application/json; charset=UTF-8")
        .end(new JsonObject().put("kind", "api#channel").put("id", channel.id())
            .put("resourceId", channel.resourceId()).put("resourceUri", resourceUri)
            .put("token", channel.token())
            .put("expiration", Long.toString(expiration.toEpochMilli())).encode());
    send(channel, "sync", new JsonObject().put("kind", "api#channel"));
  }

  void stop(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    Channel channel = channels.get(body.getString("id"));
    if (channel == null || !channel.resourceId().equals(body.getString("resourceId"))) {
      DirectoryStandIn.error(ctx, 404, "notFound", "Channel '" + body.getString("id")
          + "' not found for project");
      return;
    }
    channels.remove(channel.id());
    stopped.add(channel.id());
    ctx.response().setStatusCode(204).end();
  }

  /**
   * Tells every live channel of the event about a user.
   *
   * @param event the user event
   * @param user the user
   * @return completes when every receiver answered
   */
  Future<Void> notify(String event, JsonObject user) {
    JsonObject summary = new JsonObject().put("kind", "admin#directory#user")
        .put("id", user.getString("id")).put("etag", user.getString("etag"))
        .put("primaryEmail", user.getString("primaryEmail"));
    return Future.join(channels().stream().filter(c -> c.event().equals(event))
        .map(c -> send(c, event, summary)).toList()).mapEmpty();
  }

  /**
   * Posts one notification.
   *
   * @param channel on which channel
   * @param state the resource state
   * @param body the body
   * @return the receiver's status
   */
  Future<Integer> send(Channel channel, String state, JsonObject body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(channel.address())
        .putHeader("Content-Type", "application/json; charset=UTF-8")
        .putHeader("X-Goog-Channel-ID", channel.id())
        .putHeader("X-Goog-Channel-Token", channel.token())
        .putHeader("X-Goog-Channel-Expiration",
            RFC_1123.format(channel.expiration().atOffset(ZoneOffset.UTC)))
        .putHeader("X-Goog-Resource-ID", channel.resourceId())
        .putHeader("X-Goog-Resource-URI",
            "https://admin.googleapis.com/admin/directory/v1/users?alt=json&event=" + state)
        .putHeader("X-Goog-Resource-State", state)
        .putHeader("X-Goog-Message-Number",
            Long.toString(channel.messages().incrementAndGet()));
    return client.request(options)
        .compose(request -> request.send(body.encode()))
        .compose(response -> response.body().map(response.statusCode()))
        .onComplete(outcome -> deliveries.add(new Delivery(channel.id(), state,
            body.getString("id"), outcome.succeeded() ? outcome.result() : -1)));
  }
}
