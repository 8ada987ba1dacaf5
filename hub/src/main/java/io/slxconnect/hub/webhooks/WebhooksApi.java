package io.slxconnect.hub.webhooks;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.ApiRequest;
import io.slxconnect.hub.http.ApiRouter;
import io.slxconnect.hub.http.Pages;
import io.slxconnect.hub.http.Reply;
import io.slxconnect.hub.pipeline.CloudEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook subscriptions through the API: create (the only answer that shows the secret, apart
 * from a rotation), change, delete, rotate the secret, send a test event, read the delivery
 * log and replay deliveries. Every change is in the audit log, never with a secret.
 */
public final class WebhooksApi {

  /** How long the previous secret keeps signing after a rotation. */
  static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

  private final SubscriptionStore subscriptions;
  private final DeliveryStore deliveries;
  private final DestinationPolicy destinations;
  private final AuditLog audit;
  private final Runnable wakeDispatcher;
  private final Runnable subscriptionsChanged;
  private final Clock clock;

  /**
   * Creates the API.
   *
   * @param subscriptions the subscriptions
   * @param deliveries the outbox and its log
   * @param destinations which URLs may be used
   * @param audit the audit log
   * @param wakeDispatcher wakes the dispatcher after a test or a replay is queued
   * @param subscriptionsChanged tells the dispatcher that subscriptions or secrets changed
   * @param clock the time
   */
  public WebhooksApi(SubscriptionStore subscriptions, DeliveryStore deliveries,
      DestinationPolicy destinations, AuditLog audit, Runnable wakeDispatcher,
      Runnable subscriptionsChanged, Clock clock) {
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.destinations = destinations;
    this.audit = audit;
    this.wakeDispatcher = wakeDispatcher;
    this.subscriptionsChanged = subscriptionsChanged;
    this.clock = clock;
  }

  /**
   * Registers the operations.
   *
   * @param api the router
   */
  public void register(ApiRouter api) {
    api.handle("listWebhooks", this::list)
        .handle("createWebhook", this::create)
        .handle("getWebhook", this::get)
        .handle("updateWebhook", this::update)
        .handle("deleteWebhook", this::delete)
        .handle("rotateWebhookSecret", this::rotate)
        .handle("sendTestWebhook", this::test)
        .handle("listWebhookDeliveries", this::deliveries)
        .handle("getWebhookDelivery", this::delivery)
        .handle("replayWebhookDelivery", this::replay)
        .handle("replayWebhookDeliveries", this::replaySince);
  }

  private Future<Reply> list(ApiRequest request) {
    return subscriptions.list().compose(all -> subscriptions.health(clock.instant(), null)
        .map(health -> Reply.ok(new JsonObject().put("items", new JsonArray(all.stream()
            .map(s -> s.toJson().put("health", health.get(s.id())))
            .toList())))));
  }

  private Future<Reply> get(ApiRequest request) {
    return existing(request).compose(s -> subscriptions.health(clock.instant(), s.id())
        .map(health -> Reply.ok(s.toJson().put("health", health.get(s.id())))));
  }

  private Future<Reply> create(ApiRequest request) {
    SubscriptionStore.Fields fields = fields(request.body());
    WebhookSecret secret = WebhookSecret.generate();
    return subscriptions.create(fields, secret)
        .compose(created -> audit.record(request, "webhook.created", target(created), true,
                describe(created))
            .map(v -> {
              subscriptionsChanged.run();
              return Reply.created(new JsonObject().put("webhook", created.toJson())
                  .put("secret", secret.text()));
            }));
  }

  private Future<Reply> update(ApiRequest request) {
    UUID id = request.pathUuid("subscriptionId", "webhook");
    return subscriptions.update(id, fields(request.body()))
        .map(found -> found.orElseThrow(() -> notFound(id)))
        .compose(updated -> audit.record(request, "webhook.updated", target(updated), true,
                describe(updated))
            .map(v -> {
              subscriptionsChanged.run();
              return Reply.ok(updated.toJson());
            }));
  }

  private Future<Reply> delete(ApiRequest request) {
    UUID id = request.pathUuid("subscriptionId", "webhook");
    return existing(request).compose(s -> subscriptions.delete(id)
        .compose(deleted -> audit.record(request, "webhook.deleted", target(s), true,
            describe(s)))
        .map(v -> {
          subscriptionsChanged.run();
          return Reply.noContent();
        }));
  }

  private Future<Reply> rotate(ApiRequest request) {
    UUID id = request.pathUuid("subscriptionId", "webhook");
    WebhookSecret secret = WebhookSecret.generate();
    Instant until = clock.instant().plus(ROTATION_OVERLAP);
    return subscriptions.rotate(id, secret, until)
        .map(found -> found.orElseThrow(() -> notFound(id)))
        .compose(rotated -> audit.record(request, "webhook.secret_rotated", target(rotated),
                true, new JsonObject().put("previousSecretValidUntil", until.toString()))
            .map(v -> {
              subscriptionsChanged.run();
              return Reply.ok(new JsonObject().put("webhook", rotated.toJson())
                  .put("secret", secret.text()));
            }));
  }

  private Future<Reply> test(ApiRequest request) {
    return existing(request).compose(s -> {
      if (!s.enabled()) {
        throw ApiException.conflict("The webhook is disabled; enable it to send a test event");
      }
      Instant now = clock.instant();
      JsonObject event = new JsonObject()
          .put("specversion", CloudEvents.SPEC_VERSION)
          .put("id", "test-" + UUID.randomUUID())
          .put("source", "/webhooks/" + s.id())
          .put("type", "webhook.test")
          .put("time", now.toString())
          .put("datacontenttype", "application/json")
          .put("data", new JsonObject().put("message", "A test event sent by "
              + request.actor() + " from SLX Connect"));
      return deliveries.queue(s.id(), event)
          .compose(delivery -> audit.record(request, "webhook.test_sent", target(s), true,
                  new JsonObject().put("delivery", delivery.getLong("id")))
              .map(v -> {
                wakeDispatcher.run();
                return Reply.accepted(delivery);
              }));
    });
  }

  private Future<Reply> deliveries(ApiRequest request) {
    ApiRequest.IdPaging paging = request.idPaging();
    return existing(request).compose(s -> deliveries.list(s.id(),
            request.query("status").orElse(null), paging.before(), paging.limit()))
        .map(rows -> Reply.ok(Pages.newestFirst(rows, paging.limit())));
  }

  private Future<Reply> delivery(ApiRequest request) {
    long deliveryId = Long.parseLong(request.path("deliveryId"));
    return existing(request).compose(s -> deliveries.find(s.id(), deliveryId))
        .map(found -> Reply.ok(found.orElseThrow(() -> ApiException.notFound(
            "No delivery " + deliveryId + " for this webhook"))));
  }

  private Future<Reply> replay(ApiRequest request) {
    long deliveryId = Long.parseLong(request.path("deliveryId"));
    return existing(request).compose(s -> deliveries.replay(s.id(), deliveryId,
            clock.instant())
        .compose(replayed -> {
          if (replayed.isEmpty()) {
            return deliveries.find(s.id(), deliveryId).map(found -> {
              throw found.isPresent()
                  ? ApiException.conflict("The delivery is still pending; it goes out by itself")
                  : ApiException.notFound("No delivery " + deliveryId + " for this webhook");
            });
          }
          return audit.record(request, "webhook.replayed", target(s), true,
                  new JsonObject().put("delivery", deliveryId))
              .map(v -> {
                wakeDispatcher.run();
                return Reply.accepted(replayed.get());
              });
        }));
  }

  private Future<Reply> replaySince(ApiRequest request) {
    Instant since;
    try {
      since = OffsetDateTime.parse(request.body().getString("since")).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("since must be a time such as 2026-11-26T08:00:00Z",
          List.of(new ApiException.FieldError("since", "not an RFC 3339 time")));
    }
    return existing(request).compose(s -> deliveries.replayExhausted(s.id(), since,
            clock.instant())
        .compose(count -> audit.record(request, "webhook.replayed", target(s), true,
                new JsonObject().put("since", since.toString()).put("deliveries", count))
            .map(v -> {
              wakeDispatcher.run();
              return Reply.accepted(new JsonObject().put("replayed", count));
            })));
  }

  private Future<Subscription> existing(ApiRequest request) {
    UUID id = request.pathUuid("subscriptionId", "webhook");
    return subscriptions.find(id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  private SubscriptionStore.Fields fields(JsonObject body) {
    String url = body.getString("url");
    if (url != null) {
      Optional<String> refusal = destinations.refusal(url);
      if (refusal.isPresent()) {
        throw ApiException.badRequest("This URL cannot receive webhooks: " + refusal.get(),
            List.of(new ApiException.FieldError("url", refusal.get())));
      }
    }
    JsonArray types = body.getJsonArray("eventTypes");
    return new SubscriptionStore.Fields(url, body.getString("description"),
        types == null ? null : types.stream().map(Object::toString).toList(),
        body.getBoolean("enabled"), body.getInteger("maxInFlight"));
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("No webhook " + id);
  }

  private static String target(Subscription s) {
    return "webhook:" + s.id();
  }

  private static JsonObject describe(Subscription s) {
    return new JsonObject().put("url", s.url()).put("eventTypes", new JsonArray(s.eventTypes()))
        .put("enabled", s.enabled());
  }
}
