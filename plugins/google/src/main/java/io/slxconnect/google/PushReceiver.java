package io.slxconnect.google;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Receives Google's push notifications for users at the instance's hook URL. A notification
 * counts only when its {@code X-Goog-Channel-ID} names an open channel of this watch and its
 * {@code X-Goog-Channel-Token} is that channel's; anything else is refused with 403 and logged.
 * The {@code sync} message that opens a channel is acknowledged and ignored. For a change, the
 * user named in the body is handed on (to be re-read and delivered); the answer is 200 once the
 * hub stored the change, or 503 when it could not, so that Google sends it again.
 */
final class PushReceiver implements Handler<HttpServerRequest> {

  private final UserChannels channels;
  private final BiFunction<String, String, Future<Void>> userChanged;
  private final Logger logger;

  /**
   * Creates the receiver.
   *
   * @param channels the open channels
   * @param userChanged given the resource state and the user id, delivers the change
   * @param logger where refused notifications are logged
   */
  PushReceiver(UserChannels channels, BiFunction<String, String, Future<Void>> userChanged,
      Logger logger) {
    this.channels = channels;
    this.userChanged = userChanged;
    this.logger = logger;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (!request.path().endsWith("/users")) {
      request.response().setStatusCode(404).end();
      return;
    }
    if (request.method() != HttpMethod.POST) {
      request.response().setStatusCode(405).end();
      return;
    }
    String channelId = request.getHeader("X-Goog-Channel-ID");
    Optional<PushChannel> channel = channels.find(channelId);
    if (channel.isEmpty() || !channel.get().hasToken(request.getHeader("X-Goog-Channel-Token"))) {
      logger.log(Level.WARNING, "Refused a push notification from {0}: {1}",
          request.remoteAddress(), channel.isEmpty() ? "unknown channel id " + channelId
              : "wrong channel token for channel " + channelId);
      request.response().setStatusCode(403).end();
      return;
    }
    String state = request.getHeader("X-Goog-Resource-State");
    request.body().compose(body -> {
      if ("sync".equals(state)) {
        return Future.succeededFuture(200);
      }
      String userId = userId(body.toString());
      if (userId == null || state == null) {
        logger.log(Level.WARNING, "Refused a push notification on channel {0}: no user id or "
            + "resource state", channelId);
        return Future.succeededFuture(400);
      }
      return userChanged.apply(state, userId).map(200);
    }).onComplete(outcome -> {
      if (outcome.failed()) {
        logger.log(Level.WARNING, "A {0} notification on channel {1} could not be stored; "
            + "Google will send it again: {2}", state, channelId, outcome.cause().getMessage());
      }
      request.response().setStatusCode(outcome.succeeded() ? outcome.result() : 503).end();
    });
  }

  private static String userId(String body) {
    try {
      return new JsonObject(body).getString("id");
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
