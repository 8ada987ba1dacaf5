package io.slxconnect.hub.webhooks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as the hub keeps it, without its secrets.
 *
 * @param id its id
 * @param url where deliveries go
 * @param description what it is for, or {@code null}
 * @param eventTypes the event types it receives; empty: all
 * @param enabled whether deliveries go out
 * @param disabledReason why the hub disabled it, or {@code null}
 * @param maxInFlight how many deliveries may be under way at once
 * @param previousSecretUntil until when the previous secret signs too, or {@code null}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Subscription(UUID id, String url, String description, List<String> eventTypes,
    boolean enabled, String disabledReason, int maxInFlight, Instant previousSecretUntil,
    Instant createdAt, Instant updatedAt) {

  /** {@return the subscription as the API shows it} */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("url", url)
        .put("description", description)
        .put("eventTypes", new JsonArray(eventTypes))
        .put("enabled", enabled)
        .put("disabledReason", disabledReason)
        .put("maxInFlight", maxInFlight)
        .put("previousSecretValidUntil", previousSecretUntil == null ? null
            : previousSecretUntil.toString())
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}
