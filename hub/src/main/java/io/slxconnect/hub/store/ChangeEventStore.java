package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** The append-only {@code change_events} table: what changed, in commit order. */
public final class ChangeEventStore {

  private final SqlClient db;

  /**
   * Creates the store.
   *
   * @param db the database, or a connection inside a transaction
   */
  public ChangeEventStore(SqlClient db) {
    this.db = db;
  }

  /**
   * A change to record.
   *
   * @param type such as {@code user.updated}
   * @param userId the user it is about, or {@code null}
   * @param groupId the group it is about, or {@code null}
   * @param connectorId the connector it came from, or {@code null} when an admin made it
   * @param actor the admin who made it, or {@code null}
   * @param data the object as it now is and what changed
   */
  public record NewEvent(String type, UUID userId, UUID groupId, UUID connectorId, String actor,
      JsonObject data) {
  }

  /**
   * Appends events in the given order.
   *
   * @param events the events
   * @return their ids, in the same order
   */
  public Future<List<Long>> append(List<NewEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    // Ids are drawn first, in order, so that one statement over arrays can insert them all.
    return db.preparedQuery("SELECT nextval('change_events_id_seq') "
            + "FROM generate_series(1, $1)")
        .execute(Tuple.of(events.size()))
        .compose(rows -> {
          List<Long> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getLong(0)));
          Collections.sort(ids);
          return db.preparedQuery("INSERT INTO change_events (id, type, user_id, group_id, "
                  + "connector_id, actor, data) SELECT * FROM unnest($1::bigint[], $2::text[], "
                  + "$3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[])")
              .execute(Tuple.tuple()
                  .addArrayOfLong(ids.toArray(new Long[0]))
                  .addArrayOfString(events.stream().map(NewEvent::type).toArray(String[]::new))
                  .addArrayOfUUID(events.stream().map(NewEvent::userId).toArray(UUID[]::new))
                  .addArrayOfUUID(events.stream().map(NewEvent::groupId).toArray(UUID[]::new))
                  .addArrayOfUUID(events.stream().map(NewEvent::connectorId)
                      .toArray(UUID[]::new))
                  .addArrayOfString(events.stream().map(NewEvent::actor).toArray(String[]::new))
                  .addArrayOfJsonObject(events.stream().map(NewEvent::data)
                      .toArray(JsonObject[]::new)))
              .map(ids);
        });
  }

  /**
   * Which events a listing shows; every part may be {@code null} for "any".
   *
   * @param userId about this user
   * @param groupId about this group
   * @param type of this type
   * @param connectorId from this connector (its watch, import or pushes)
   * @param since at or after this time
   * @param until before this time
   */
  public record EventFilter(UUID userId, UUID groupId, String type, UUID connectorId,
      java.time.Instant since, java.time.Instant until) {
  }

  /**
   * A page of events, newest first.
   *
   * @param filter which events
   * @param before only with a smaller id, or {@code null}
   * @param limit the page size; one more row is read to know whether another page follows
   * @return the events as the API shows them
   */
  public Future<List<JsonObject>> list(EventFilter filter, Long before, int limit) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    UUID userId = filter.userId();
    UUID groupId = filter.groupId();
    String type = filter.type();
    if (filter.connectorId() != null) {
      params.addUUID(filter.connectorId());
      where.add("connector_id = $" + params.size());
    }
    if (filter.since() != null) {
      params.addOffsetDateTime(filter.since().atOffset(java.time.ZoneOffset.UTC));
      where.add("at >= $" + params.size());
    }
    if (filter.until() != null) {
      params.addOffsetDateTime(filter.until().atOffset(java.time.ZoneOffset.UTC));
      where.add("at < $" + params.size());
    }
    if (userId != null) {
      params.addUUID(userId);
      where.add("user_id = $" + params.size());
    }
    if (groupId != null) {
      params.addUUID(groupId);
      where.add("group_id = $" + params.size());
    }
    if (type != null) {
      params.addString(type);
      where.add("type = $" + params.size());
    }
    if (before != null) {
      params.addLong(before);
      where.add("id < $" + params.size());
    }
    params.addInteger(limit + 1);
    return db.preparedQuery("SELECT " + COLUMNS + " FROM change_events"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY id DESC LIMIT $" + params.size())
        .execute(params)
        .map(ChangeEventStore::toJson);
  }

  /**
   * The events with ids in a range, oldest first: the ones one statement appended, as the
   * {@code slx_events} notification names them.
   *
   * @param first the first id
   * @param last the last id
   * @return the events as the API shows them
   */
  public Future<List<JsonObject>> range(long first, long last) {
    return db.preparedQuery("SELECT " + COLUMNS + " FROM change_events "
            + "WHERE id BETWEEN $1 AND $2 ORDER BY id")
        .execute(Tuple.of(first, last))
        .map(ChangeEventStore::toJson);
  }

  /**
   * The events after one, oldest first: what a live-feed reader missed while reconnecting.
   *
   * @param id the last event it had
   * @param limit how many at most
   * @return the events as the API shows them
   */
  public Future<List<JsonObject>> after(long id, int limit) {
    return db.preparedQuery("SELECT " + COLUMNS + " FROM change_events WHERE id > $1 "
            + "ORDER BY id LIMIT $2")
        .execute(Tuple.of(id, limit))
        .map(ChangeEventStore::toJson);
  }

  /**
   * How many events each source caused per minute.
   *
   * @param since from this time
   * @return rows of minute, connector id (or {@code null} for admin changes) and count
   */
  public Future<List<JsonObject>> perMinute(java.time.Instant since) {
    return db.preparedQuery("SELECT date_trunc('minute', at) AS minute, connector_id, "
            + "count(*) AS n FROM change_events WHERE at >= $1 "
            + "GROUP BY 1, 2 ORDER BY 1, 2")
        .execute(Tuple.of(since.atOffset(java.time.ZoneOffset.UTC)))
        .map(rows -> {
          List<JsonObject> buckets = new ArrayList<>();
          rows.forEach(r -> buckets.add(new JsonObject()
              .put("minute", r.getOffsetDateTime("minute").toInstant().toString())
              .put("connectorId", text(r.getUUID("connector_id")))
              .put("count", r.getLong("n"))));
          return buckets;
        });
  }

  /** The columns {@link #toJson(Row)} reads. */
  public static final String COLUMNS =
      "id, at, type, user_id, group_id, connector_id, actor, data";

  /**
   * An event as the API shows it.
   *
   * @param row a row with {@link #COLUMNS}
   * @return the event
   */
  public static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("at", row.getOffsetDateTime("at").toInstant().toString())
        .put("type", row.getString("type"))
        .put("userId", text(row.getUUID("user_id")))
        .put("groupId", text(row.getUUID("group_id")))
        .put("connectorId", text(row.getUUID("connector_id")))
        .put("actor", row.getString("actor"))
        .put("data", row.getJsonObject("data"));
  }

  private static List<JsonObject> toJson(RowSet<Row> rows) {
    List<JsonObject> list = new ArrayList<>();
    rows.forEach(r -> list.add(toJson(r)));
    return list;
  }

  static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
