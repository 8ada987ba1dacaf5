package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The append-only {@code audit_log} table. */
public final class AuditStore {

  private final Pool pool;

  /**
   * Creates the store.
   *
   * @param pool the database
   */
  public AuditStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Appends an entry.
   *
   * @param actor who, or {@code null} when anonymous
   * @param action what, such as {@code connector.created}
   * @param target on what, or {@code null}
   * @param success whether it worked
   * @param remoteAddress from where
   * @param detail more, never a secret
   * @return completion
   */
  public Future<Void> append(String actor, String action, String target, boolean success,
      String remoteAddress, JsonObject detail) {
    return pool.preparedQuery("INSERT INTO audit_log (actor, action, target, outcome, "
            + "remote_address, detail) VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(actor, action, target, success ? "success" : "failure", remoteAddress,
            detail))
        .mapEmpty();
  }

  /**
   * Reads entries, newest first.
   *
   * @param before only entries with a smaller id, or {@code null}
   * @param actor only this actor's, or {@code null}
   * @param action only this action, or {@code null}
   * @param limit at most this many
   * @return the entries
   */
  public Future<JsonArray> list(Long before, String actor, String action, int limit) {
    return pool.preparedQuery("SELECT id, at, actor, action, target, outcome, remote_address, "
            + "detail FROM audit_log WHERE ($1::bigint IS NULL OR id < $1) "
            + "AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR action = $3) "
            + "ORDER BY id DESC LIMIT $4")
        .execute(Tuple.of(before, actor, action, limit))
        .map(rows -> {
          List<JsonObject> items = new ArrayList<>();
          for (Row row : rows) {
            items.add(new JsonObject()
                .put("id", row.getLong("id"))
                .put("at", row.getOffsetDateTime("at").toInstant().toString())
                .put("actor", row.getString("actor"))
                .put("action", row.getString("action"))
                .put("target", row.getString("target"))
                .put("outcome", row.getString("outcome"))
                .put("remoteAddress", row.getString("remote_address"))
                .put("detail", row.getJsonObject("detail")));
          }
          return new JsonArray(items);
        });
  }
}
