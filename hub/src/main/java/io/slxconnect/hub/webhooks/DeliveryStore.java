package io.slxconnect.hub.webhooks;

import io.slxconnect.hub.pipeline.CloudEvents;
import io.slxconnect.hub.store.ChangeEventStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook outbox ({@code webhook_deliveries}) and its log ({@code webhook_attempts}).
 * Rows for events are written by a trigger on {@code change_events}, in the transaction of the
 * event; this class hands out the ones that are due, records attempts, and lists and replays.
 */
public final class DeliveryStore {

  /** Event columns under their own names, so {@link ChangeEventStore#toJson} reads them. */
  private static final String EVENT_COLUMNS = "e.id, e.at, e.type, e.user_id, e.group_id, "
      + "e.connector_id, e.actor, e.data";

  private final Pool db;

  /**
   * Creates the store.
   *
   * @param db the database
   */
  public DeliveryStore(Pool db) {
    this.db = db;
  }

  /**
   * The deliveries of one subscription that may go out now: pending, due, and the oldest
   * pending one of their user (or group), so that one user's events reach the subscriber in
   * order. Deliveries under way are still pending, so they hold back the ones that follow them.
   *
   * @param target the subscription
   * @param now the time
   * @param underWay its deliveries being attempted
   * @param limit how many at most
   * @return the deliveries, oldest first
   */
  public Future<List<Delivery>> due(Target target, Instant now, Collection<Long> underWay,
      int limit) {
    return db.preparedQuery("SELECT d.id AS delivery_id, d.attempts, d.payload, "
            + EVENT_COLUMNS + " FROM webhook_deliveries d "
            + "LEFT JOIN change_events e ON e.id = d.event_id "
            + "WHERE d.subscription_id = $1 AND d.status = 'pending' "
            + "AND d.next_attempt_at <= $2 AND d.id <> ALL ($3) "
            + "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.status = 'pending' "
            + "AND o.subscription_id = $1 AND o.order_key = d.order_key AND o.id < d.id) "
            + "ORDER BY d.id LIMIT $4")
        .execute(Tuple.tuple().addUUID(target.id()).addOffsetDateTime(utc(now))
            .addArrayOfLong(underWay.toArray(new Long[0]))
            .addInteger(limit))
        .map(rows -> {
          List<Delivery> due = new ArrayList<>();
          for (Row row : rows) {
            due.add(new Delivery(row.getLong("delivery_id"), target, row.getInteger("attempts"),
                body(row)));
          }
          return due;
        });
  }

  private static JsonObject body(Row row) {
    JsonObject payload = row.getJsonObject("payload");
    return payload != null ? payload : CloudEvents.of(ChangeEventStore.toJson(row));
  }

  /**
   * An attempt to record, and what follows from it.
   *
   * @param delivery the delivery
   * @param at when the attempt started
   * @param result what it came to
   * @param next when to try again; empty: the delivery is finished (delivered or exhausted)
   */
  public record Attempt(Delivery delivery, Instant at, AttemptResult result,
      Optional<Instant> next) {

    String status() {
      return result.verdict() == AttemptResult.Verdict.DELIVERED ? "succeeded"
          : next.isPresent() ? "pending" : "exhausted";
    }
  }

  /**
   * Records attempts, all in one statement.
   *
   * @param attempts the attempts
   * @return done
   */
  public Future<Void> record(List<Attempt> attempts) {
    // Without waiting for the WAL flush: a crash may lose the last attempts' records, and
    // those deliveries are then sent again (at least once), which receivers handle anyway;
    // the change events and the outbox rows themselves are committed durably by their writers.
    return db.withTransaction(tx -> tx.query("SET LOCAL synchronous_commit TO OFF").execute()
        .compose(off -> tx.preparedQuery("WITH r AS (SELECT * FROM unnest($1::bigint[], "
            + "$2::uuid[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::text[], "
            + "$8::text[], $9::timestamptz[]) AS r (id, subscription_id, at, status_code, duration_ms, error, "
            + "response, status, next_attempt_at)), "
            // A delivery whose subscription was deleted meanwhile is gone: nothing to log.
            + "logged AS (INSERT INTO webhook_attempts (delivery_id, subscription_id, at, "
            + "status_code, duration_ms, error, response) SELECT r.id, r.subscription_id, r.at, "
            + "r.status_code, r.duration_ms, r.error, r.response FROM r "
            + "JOIN webhook_deliveries k ON k.id = r.id) "
            + "UPDATE webhook_deliveries d SET attempts = d.attempts + 1, status = r.status, "
            + "next_attempt_at = coalesce(r.next_attempt_at, d.next_attempt_at), "
            + "last_status_code = r.status_code, last_error = r.error, "
            + "delivered_at = CASE WHEN r.status = 'succeeded' THEN r.at END "
            + "FROM r WHERE d.id = r.id")
        .execute(Tuple.tuple()
            .addArrayOfLong(attempts.stream().map(a -> a.delivery().id()).toArray(Long[]::new))
            .addArrayOfUUID(attempts.stream().map(a -> a.delivery().subscriptionId())
                .toArray(UUID[]::new))
            .addArrayOfOffsetDateTime(attempts.stream().map(a -> utc(a.at()))
                .toArray(OffsetDateTime[]::new))
            .addArrayOfInteger(attempts.stream().map(a -> a.result().statusCode())
                .toArray(Integer[]::new))
            .addArrayOfInteger(attempts.stream().map(a -> (int) a.result().durationMs())
                .toArray(Integer[]::new))
            .addArrayOfString(attempts.stream().map(a -> a.result().error())
                .toArray(String[]::new))
            .addArrayOfString(attempts.stream().map(a -> a.result().response())
                .toArray(String[]::new))
            .addArrayOfString(attempts.stream().map(Attempt::status).toArray(String[]::new))
            .addArrayOfOffsetDateTime(attempts.stream()
                .map(a -> a.next().map(DeliveryStore::utc).orElse(null))
                .toArray(OffsetDateTime[]::new)))
        .mapEmpty()));
  }

  /**
   * Deletes delivered deliveries, with their attempts, delivered before a time; at most a
   * given number, so that a large clean-up does not hold one long transaction.
   *
   * @param before delivered before this time
   * @param limit how many at most
   * @return how many were deleted
   */
  public Future<Integer> prune(Instant before, int limit) {
    return db.preparedQuery("DELETE FROM webhook_deliveries WHERE id IN (SELECT id "
            + "FROM webhook_deliveries WHERE status = 'succeeded' AND delivered_at < $1 "
            + "LIMIT $2)")
        .execute(Tuple.of(utc(before), limit))
        .map(rows -> rows.rowCount());
  }

  /**
   * Queues a test event for one subscription.
   *
   * @param subscriptionId the subscription
   * @param cloudEvent the event
   * @return the delivery as the API shows it
   */
  public Future<JsonObject> queue(UUID subscriptionId, JsonObject cloudEvent) {
    return db.preparedQuery("WITH d AS (INSERT INTO webhook_deliveries (subscription_id, "
            + "event_type, payload) VALUES ($1, $2, $3) RETURNING *) SELECT " + LIST_COLUMNS
            + " FROM d LEFT JOIN change_events e ON e.id = d.event_id")
        .execute(Tuple.of(subscriptionId, cloudEvent.getString("type"), cloudEvent))
        .map(rows -> toJson(rows.iterator().next()));
  }

  /**
   * Sends a finished delivery again: pending from now, with a fresh round of retries.
   *
   * @param subscriptionId the subscription
   * @param deliveryId the delivery
   * @param now the time
   * @return the delivery, or empty when it is not there or still pending
   */
  public Future<Optional<JsonObject>> replay(UUID subscriptionId, long deliveryId,
      Instant now) {
    return db.preparedQuery("WITH d AS (UPDATE webhook_deliveries SET status = 'pending', "
            + "attempts = 0, next_attempt_at = $3, delivered_at = NULL WHERE id = $2 "
            + "AND subscription_id = $1 AND status <> 'pending' RETURNING *) SELECT "
            + LIST_COLUMNS + " FROM d LEFT JOIN change_events e ON e.id = d.event_id")
        .execute(Tuple.of(subscriptionId, deliveryId, utc(now)))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(toJson(rows.iterator().next()))
            : Optional.empty());
  }

  /**
   * Sends every exhausted delivery of events since a time again.
   *
   * @param subscriptionId the subscription
   * @param since the time
   * @param now the time now
   * @return how many
   */
  public Future<Integer> replayExhausted(UUID subscriptionId, Instant since, Instant now) {
    return db.preparedQuery("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, "
            + "next_attempt_at = $3 WHERE subscription_id = $1 AND status = 'exhausted' "
            + "AND created_at >= $2")
        .execute(Tuple.of(subscriptionId, utc(since), utc(now)))
        .map(rows -> rows.rowCount());
  }

  private static final String LIST_COLUMNS = "d.id, d.event_id, d.event_type, d.status, "
      + "d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, "
      + "d.delivered_at, e.user_id, e.group_id";

  /**
   * A page of a subscription's deliveries, newest first.
   *
   * @param subscriptionId the subscription
   * @param status only with this status, or {@code null}
   * @param before only with a smaller id, or {@code null}
   * @param limit the page size; one more row is read to know whether another page follows
   * @return the deliveries as the API shows them
   */
  public Future<List<JsonObject>> list(UUID subscriptionId, String status, Long before,
      int limit) {
    return db.preparedQuery("SELECT " + LIST_COLUMNS + " FROM webhook_deliveries d "
            + "LEFT JOIN change_events e ON e.id = d.event_id WHERE d.subscription_id = $1 "
            + "AND ($2::text IS NULL OR d.status = $2) AND ($3::bigint IS NULL OR d.id < $3) "
            + "ORDER BY d.id DESC LIMIT $4")
        .execute(Tuple.of(subscriptionId, status, before, limit + 1))
        .map(rows -> {
          List<JsonObject> list = new ArrayList<>();
          rows.forEach(row -> list.add(toJson(row)));
          return list;
        });
  }

  /**
   * One delivery with every attempt and the body it sends.
   *
   * @param subscriptionId the subscription
   * @param deliveryId the delivery
   * @return it, or empty
   */
  public Future<Optional<JsonObject>> find(UUID subscriptionId, long deliveryId) {
    return db.preparedQuery("SELECT " + LIST_COLUMNS + ", d.payload FROM webhook_deliveries d "
            + "LEFT JOIN change_events e ON e.id = d.event_id "
            + "WHERE d.subscription_id = $1 AND d.id = $2")
        .execute(Tuple.of(subscriptionId, deliveryId))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            return Future.succeededFuture(Optional.empty());
          }
          Row row = rows.iterator().next();
          Long eventId = row.getLong("event_id");
          Future<JsonObject> payload = eventId == null
              ? Future.succeededFuture(row.getJsonObject("payload"))
              : new ChangeEventStore(db).range(eventId, eventId)
                  .map(events -> CloudEvents.of(events.get(0)));
          return payload.compose(body -> attempts(deliveryId).map(log -> Optional.of(
              toJson(row).put("payload", body).put("log", log))));
        });
  }

  private Future<JsonArray> attempts(long deliveryId) {
    return db.preparedQuery("SELECT at, status_code, duration_ms, error, response "
            + "FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id")
        .execute(Tuple.of(deliveryId))
        .map(rows -> {
          JsonArray log = new JsonArray();
          rows.forEach(row -> log.add(new JsonObject()
              .put("at", row.getOffsetDateTime("at").toInstant().toString())
              .put("statusCode", row.getInteger("status_code"))
              .put("durationMs", row.getInteger("duration_ms"))
              .put("error", row.getString("error"))
              .put("response", row.getString("response"))));
          return log;
        });
  }

  private static JsonObject toJson(Row row) {
    Long eventId = row.getLong("event_id");
    UUID user = row.getUUID("user_id");
    UUID group = row.getUUID("group_id");
    String status = row.getString("status");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("eventId", eventId == null ? null : String.valueOf(eventId))
        .put("eventType", row.getString("event_type"))
        .put("subject", user != null ? "users/" + user : group != null ? "groups/" + group
            : null)
        .put("status", status)
        .put("attempts", row.getInteger("attempts"))
        .put("nextAttemptAt", "pending".equals(status)
            ? row.getOffsetDateTime("next_attempt_at").toInstant().toString() : null)
        .put("lastStatusCode", row.getInteger("last_status_code"))
        .put("lastError", row.getString("last_error"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("deliveredAt", Optional.ofNullable(row.getOffsetDateTime("delivered_at"))
            .map(t -> t.toInstant().toString()).orElse(null));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
