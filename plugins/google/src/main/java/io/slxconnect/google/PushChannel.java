package io.slxconnect.google;

import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One {@code users.watch} channel: Google sends notifications of one event type to the hub,
 * naming the channel by id and repeating its token, until the channel expires or is stopped.
 *
 * @param event the user event it reports ({@code add}, {@code update}, {@code delete},
 *     {@code makeAdmin}, {@code undelete})
 * @param id the channel id the hub chose
 * @param token the random secret Google repeats in {@code X-Goog-Channel-Token}
 * @param resourceId Google's id of the watched resource, needed to stop the channel
 * @param expiration when Google stops sending
 */
record PushChannel(String event, String id, String token, String resourceId,
    Instant expiration) {

  /**
   * Whether a notification's token is this channel's, compared in constant time.
   *
   * @param presented the {@code X-Goog-Channel-Token} header, or {@code null}
   * @return {@code true} when it matches
   */
  boolean hasToken(String presented) {
    return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  /** {@return the channel as JSON, for the checkpoint} */
  JsonObject toJson() {
    return new JsonObject().put("event", event).put("id", id).put("token", token)
        .put("resourceId", resourceId).put("expiration", expiration.toEpochMilli());
  }

  /**
   * Reads a channel from the checkpoint.
   *
   * @param json as {@link #toJson()} wrote it
   * @return the channel
   */
  static PushChannel fromJson(JsonObject json) {
    return new PushChannel(json.getString("event"), json.getString("id"),
        json.getString("token"), json.getString("resourceId"),
        Instant.ofEpochMilli(json.getLong("expiration")));
  }

  @Override
  public String toString() {
    return "PushChannel[" + event + " " + id + ", expires " + expiration + "]";
  }
}
