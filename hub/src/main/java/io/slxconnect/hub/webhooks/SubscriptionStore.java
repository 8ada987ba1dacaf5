package io.slxconnect.hub.webhooks;

import io.slxconnect.hub.crypto.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code webhook_subscriptions} table. Secrets are sealed with the master key, bound to the
 * subscription's id, and only leave this class as {@link WebhookSecret}s for signing.
 */
public final class SubscriptionStore {

  private static final String COLUMNS = "id, url, description, event_types, enabled, "
      + "disabled_reason, max_in_flight, previous_secret_until, created_at, updated_at";

  /** An attempt without a 2xx answer. */
  private static final String FAILED =
      "(a.status_code IS NULL OR a.status_code NOT BETWEEN 200 AND 299)";

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);

  private final Pool db;
  private final SecretBox box;

  /**
   * Creates the store.
   *
   * @param db the database
   * @param box seals and opens secrets
   */
  public SubscriptionStore(Pool db, SecretBox box) {
    this.db = db;
    this.box = box;
  }

  /**
   * What a subscription is made of, or what an update changes ({@code null}: unchanged).
   *
   * @param url where deliveries go
   * @param description what it is for
   * @param eventTypes the event types; empty: all
   * @param enabled whether deliveries go out
   * @param maxInFlight how many deliveries may be under way at once
   */
  public record Fields(String url, String description, List<String> eventTypes, Boolean enabled,
      Integer maxInFlight) {
  }

  /**
   * Creates a subscription.
   *
   * @param fields its fields; absent ones take their defaults
   * @param secret its signing secret
   * @return the subscription
   */
  public Future<Subscription> create(Fields fields, WebhookSecret secret) {
    UUID id = UUID.randomUUID();
    return db.preparedQuery("INSERT INTO webhook_subscriptions (id, url, description, "
            + "event_types, enabled, max_in_flight, secret) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            + "RETURNING " + COLUMNS)
        .execute(Tuple.tuple().addUUID(id).addString(fields.url())
            .addString(fields.description())
            .addArrayOfString(eventTypes(fields).toArray(new String[0]))
            .addBoolean(fields.enabled() == null || fields.enabled())
            .addInteger(fields.maxInFlight() == null ? 10 : fields.maxInFlight())
            .addBuffer(Buffer.buffer(seal(id, secret))))
        .map(rows -> read(rows.iterator().next()));
  }

  private static List<String> eventTypes(Fields fields) {
    List<String> types = fields.eventTypes() == null ? List.of() : fields.eventTypes();
    return types.contains("*") ? List.of() : types;
  }

  /**
   * Changes a subscription; enabling it clears the reason it was disabled for.
   *
   * @param id its id
   * @param fields what changes
   * @return the subscription, or empty when there is none
   */
  public Future<Optional<Subscription>> update(UUID id, Fields fields) {
    return db.preparedQuery("UPDATE webhook_subscriptions SET url = coalesce($2, url), "
            + "description = CASE WHEN $3 THEN $4 ELSE description END, "
            + "event_types = coalesce($5, event_types), enabled = coalesce($6, enabled), "
            + "disabled_reason = CASE WHEN $6 THEN NULL ELSE disabled_reason END, "
            + "max_in_flight = coalesce($7, max_in_flight), updated_at = now() "
            + "WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.tuple().addUUID(id).addString(fields.url())
            .addBoolean(fields.description() != null).addString(fields.description())
            .addArrayOfString(fields.eventTypes() == null ? null
                : eventTypes(fields).toArray(new String[0]))
            .addBoolean(fields.enabled()).addInteger(fields.maxInFlight()))
        .map(SubscriptionStore::first);
  }

  /**
   * Disables a subscription because its endpoint said it is gone.
   *
   * @param id its id
   * @param reason why, in words
   * @return done
   */
  public Future<Void> disable(UUID id, String reason) {
    return db.preparedQuery("UPDATE webhook_subscriptions SET enabled = false, "
            + "disabled_reason = $2, updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id, reason))
        .mapEmpty();
  }

  /**
   * Replaces the secret; the previous one keeps signing for a while, so that receivers can
   * switch without losing a delivery.
   *
   * @param id the subscription
   * @param secret the new secret
   * @param previousValidUntil until when the previous one signs too
   * @return the subscription, or empty when there is none
   */
  public Future<Optional<Subscription>> rotate(UUID id, WebhookSecret secret,
      Instant previousValidUntil) {
    return db.preparedQuery("UPDATE webhook_subscriptions SET previous_secret = secret, "
            + "secret = $2, previous_secret_until = $3, updated_at = now() WHERE id = $1 "
            + "RETURNING " + COLUMNS)
        .execute(Tuple.of(id, Buffer.buffer(seal(id, secret)),
            previousValidUntil.atOffset(ZoneOffset.UTC)))
        .map(SubscriptionStore::first);
  }

  /**
   * Deletes a subscription with its deliveries and their log.
   *
   * @param id its id
   * @return whether there was one
   */
  public Future<Boolean> delete(UUID id) {
    return db.preparedQuery("DELETE FROM webhook_subscriptions WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * One subscription.
   *
   * @param id its id
   * @return it, or empty
   */
  public Future<Optional<Subscription>> find(UUID id) {
    return db.preparedQuery("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = $1")
        .execute(Tuple.of(id))
        .map(SubscriptionStore::first);
  }

  /** {@return every subscription, oldest first} */
  public Future<List<Subscription>> list() {
    return db.query("SELECT " + COLUMNS + " FROM webhook_subscriptions ORDER BY created_at, id")
        .execute()
        .map(rows -> {
          List<Subscription> list = new ArrayList<>();
          rows.forEach(row -> list.add(read(row)));
          return list;
        });
  }

  /**
   * The enabled subscriptions with the secrets that sign now.
   *
   * @param now the time
   * @return the subscriptions; one whose secret cannot be decrypted has none
   */
  public Future<List<Target>> targets(Instant now) {
    return db.preparedQuery("SELECT id, url, max_in_flight, secret, "
            + "CASE WHEN previous_secret_until > $1 THEN previous_secret END AS previous "
            + "FROM webhook_subscriptions WHERE enabled")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          List<Target> targets = new ArrayList<>();
          for (Row row : rows) {
            UUID id = row.getUUID("id");
            List<WebhookSecret> secrets = new ArrayList<>();
            open(id, row.getBuffer("secret")).ifPresent(secrets::add);
            if (secrets.isEmpty()) {
              LOG.warn("Webhook {}: its secret cannot be decrypted (wrong master key or "
                  + "tampered data); its deliveries wait until the secret is rotated", id);
            } else {
              open(id, row.getBuffer("previous")).ifPresent(secrets::add);
            }
            targets.add(new Target(id, row.getString("url"), row.getInteger("max_in_flight"),
                List.copyOf(secrets)));
          }
          return targets;
        });
  }

  private byte[] seal(UUID id, WebhookSecret secret) {
    return box.seal(secret.text().getBytes(StandardCharsets.UTF_8), aad(id));
  }

  private Optional<WebhookSecret> open(UUID id, Buffer sealed) {
    if (sealed == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(WebhookSecret.parse(new String(box.open(sealed.getBytes(), aad(id)),
          StandardCharsets.UTF_8)));
    } catch (SecretBox.SecretBoxException e) {
      return Optional.empty();
    }
  }

  private static byte[] aad(UUID id) {
    return ("webhook:" + id).getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<Subscription> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(read(rows.iterator().next()))
        : Optional.empty();
  }

  private static Subscription read(Row row) {
    return new Subscription(row.getUUID("id"), row.getString("url"),
        row.getString("description"), Arrays.asList(row.getArrayOfStrings("event_types")),
        row.getBoolean("enabled"), row.getString("disabled_reason"),
        row.getInteger("max_in_flight"), instant(row, "previous_secret_until"),
        instant(row, "created_at"), instant(row, "updated_at"));
  }

  static Instant instant(Row row, String column) {
    var value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  /**
   * Delivery health: deliveries waiting and exhausted, attempts of the last hour, the last
   * success and failure.
   *
   * @param now the time
   * @param only the one subscription to read, or {@code null} for all
   * @return health per subscription
   */
  public Future<Map<UUID, JsonObject>> health(Instant now, UUID only) {
    return db.preparedQuery("SELECT s.id, "
            + "(SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id "
            + "AND d.status = 'pending') AS pending, "
            + "(SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id "
            + "AND d.status = 'exhausted') AS exhausted, "
            + "(SELECT count(*) FROM webhook_attempts a WHERE a.subscription_id = s.id "
            + "AND a.at > $1 AND a.status_code BETWEEN 200 AND 299) AS succeeded, "
            + "(SELECT count(*) FROM webhook_attempts a WHERE a.subscription_id = s.id "
            + "AND a.at > $1 AND " + FAILED + ") AS failed, "
            + "(SELECT max(a.at) FROM webhook_attempts a WHERE a.subscription_id = s.id "
            + "AND a.status_code BETWEEN 200 AND 299) AS last_success, "
            + "f.at AS last_failure, f.error AS last_error "
            + "FROM webhook_subscriptions s LEFT JOIN LATERAL (SELECT a.at, a.error "
            + "FROM webhook_attempts a WHERE a.subscription_id = s.id "
            + "AND " + FAILED + " ORDER BY a.at DESC LIMIT 1) f ON true "
            + "WHERE $2::uuid IS NULL OR s.id = $2")
        .execute(Tuple.of(now.minusSeconds(3600).atOffset(ZoneOffset.UTC), only))
        .map(rows -> {
          Map<UUID, JsonObject> health = new HashMap<>();
          for (Row row : rows) {
            Instant success = instant(row, "last_success");
            Instant failure = instant(row, "last_failure");
            health.put(row.getUUID("id"), new JsonObject()
                .put("pending", row.getLong("pending"))
                .put("exhausted", row.getLong("exhausted"))
                .put("succeededLastHour", row.getLong("succeeded"))
                .put("failedAttemptsLastHour", row.getLong("failed"))
                .put("lastSuccessAt", success == null ? null : success.toString())
                .put("lastFailureAt", failure == null ? null : failure.toString())
                .put("lastError", row.getString("last_error")));
          }
          return health;
        });
  }
}
