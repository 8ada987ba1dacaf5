package io.slxconnect.hub.webhooks;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A delivery about to be attempted.
 *
 * @param id its id; the {@code webhook-id} is {@code msg_<id>}, the same on every attempt
 * @param subscriptionId the subscription
 * @param url where it goes
 * @param maxInFlight how many deliveries its subscription may have under way at once
 * @param attempts the attempts made before this one
 * @param cloudEvent the body, a CloudEvent
 */
public record Delivery(long id, UUID subscriptionId, String url, int maxInFlight, int attempts,
    JsonObject cloudEvent) {

  /** {@return the {@code webhook-id}: receivers use it to drop a message they already had} */
  public String messageId() {
    return "msg_" + id;
  }
}
