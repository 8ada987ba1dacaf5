package io.slxconnect.hub.webhooks;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A delivery about to be attempted.
 *
 * @param id its id; the {@code webhook-id} is {@code msg_<id>}, the same on every attempt
 * @param target the subscription it goes to
 * @param attempts the attempts made before this one
 * @param cloudEvent the body, a CloudEvent
 */
public record Delivery(long id, Target target, int attempts, JsonObject cloudEvent) {

  /** {@return the subscription} */
  public UUID subscriptionId() {
    return target.id();
  }

  /** {@return the {@code webhook-id}: receivers use it to drop a message they already had} */
  public String messageId() {
    return "msg_" + id;
  }
}
