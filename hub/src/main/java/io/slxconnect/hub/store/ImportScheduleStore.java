package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.UUID;

/** The {@code import_schedules} table: when each connector is imported next. */
public final class ImportScheduleStore {

  private static final String COLUMNS =
      "connector_id, preset, cron, next_run_at, last_run_at, last_run_id";

  private final Pool pool;

  /**
   * Creates the store.
   *
   * @param pool the database
   */
  public ImportScheduleStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * A schedule due to run.
   *
   * @param connectorId the connector
   * @param cron its cron expression
   * @param nextRunAt when it is due
   */
  public record Due(UUID connectorId, String cron, OffsetDateTime nextRunAt) {
  }

  /**
   * Sets a connector's schedule.
   *
   * @param connectorId the connector
   * @param preset the preset name
   * @param cron the cron expression
   * @param nextRunAt its first run
   * @return the schedule as the API shows it
   */
  public Future<JsonObject> set(UUID connectorId, String preset, String cron,
      OffsetDateTime nextRunAt) {
    return pool.preparedQuery("INSERT INTO import_schedules (connector_id, preset, cron, "
            + "next_run_at) VALUES ($1, $2, $3, $4) ON CONFLICT (connector_id) DO UPDATE "
            + "SET preset = $2, cron = $3, next_run_at = $4 RETURNING " + COLUMNS)
        .execute(Tuple.of(connectorId, preset, cron, nextRunAt))
        .map(rows -> toJson(rows.iterator().next()));
  }

  /**
   * Removes a connector's schedule.
   *
   * @param connectorId the connector
   * @return whether there was one
   */
  public Future<Boolean> delete(UUID connectorId) {
    return pool.preparedQuery("DELETE FROM import_schedules WHERE connector_id = $1")
        .execute(Tuple.of(connectorId)).map(rows -> rows.rowCount() > 0);
  }

  /** @return every schedule as the API shows it, by connector */
  public Future<Map<UUID, JsonObject>> all() {
    return pool.query("SELECT " + COLUMNS + " FROM import_schedules").execute().map(rows -> {
      Map<UUID, JsonObject> map = new HashMap<>();
      rows.forEach(r -> map.put(r.getUUID("connector_id"), toJson(r)));
      return map;
    });
  }

  /**
   * A connector's schedule.
   *
   * @param connectorId the connector
   * @return the schedule as the API shows it, or empty
   */
  public Future<Optional<JsonObject>> find(UUID connectorId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM import_schedules "
            + "WHERE connector_id = $1").execute(Tuple.of(connectorId))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(toJson(rows.iterator().next())));
  }

  /** @return the schedules whose time has come */
  public Future<List<Due>> due() {
    return pool.query("SELECT connector_id, cron, next_run_at FROM import_schedules "
            + "WHERE next_run_at <= now()").execute()
        .map(rows -> {
          List<Due> due = new ArrayList<>();
          rows.forEach(r -> due.add(new Due(r.getUUID(0), r.getString(1),
              r.getOffsetDateTime(2))));
          return due;
        });
  }

  /**
   * Moves a due schedule to its next time, unless another node did so first.
   *
   * @param due the schedule as read
   * @param next its next time
   * @return whether this caller claimed the run
   */
  public Future<Boolean> claim(Due due, OffsetDateTime next) {
    return pool.preparedQuery("UPDATE import_schedules SET next_run_at = $3, "
            + "last_run_at = now() WHERE connector_id = $1 AND next_run_at = $2")
        .execute(Tuple.of(due.connectorId(), due.nextRunAt(), next))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Records the run a schedule started.
   *
   * @param connectorId the connector
   * @param runId the run
   * @return completes when written
   */
  public Future<Void> started(UUID connectorId, UUID runId) {
    return pool.preparedQuery("UPDATE import_schedules SET last_run_id = $2 "
            + "WHERE connector_id = $1").execute(Tuple.of(connectorId, runId)).mapEmpty();
  }

  private static JsonObject toJson(Row r) {
    return new JsonObject()
        .put("preset", r.getString("preset"))
        .put("cron", r.getString("cron"))
        .put("nextRunAt", r.getOffsetDateTime("next_run_at").toInstant().toString())
        .put("lastRunAt", r.getOffsetDateTime("last_run_at") == null ? null
            : r.getOffsetDateTime("last_run_at").toInstant().toString())
        .put("lastRunId", r.getUUID("last_run_id") == null ? null
            : r.getUUID("last_run_id").toString());
  }
}
