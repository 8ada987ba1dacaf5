package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code import_runs} table: one row per import, with live counters and its outcome. */
public final class ImportRunStore {

  private static final String COLUMNS = "id, connector_id, trigger, started_by, status, phase, "
      + "read_count, created, updated, unchanged, failed, error, failures, started_at, "
      + "finished_at, (SELECT p.read_count FROM import_runs p WHERE p.connector_id = "
      + "r.connector_id AND p.status = 'succeeded' AND p.id <> r.id ORDER BY p.started_at DESC "
      + "LIMIT 1) AS expected";

  private final Pool pool;

  /**
   * Creates the store.
   *
   * @param pool the database
   */
  public ImportRunStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records the start of a run, unless one of the same connector is still running.
   *
   * @param connectorId the connector
   * @param trigger {@code manual} or {@code schedule}
   * @param startedBy the admin, or {@code null}
   * @return the run, or empty when one is running already
   */
  public Future<Optional<JsonObject>> start(UUID connectorId, String trigger, String startedBy) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("INSERT INTO import_runs (id, connector_id, trigger, started_by, "
            + "status) VALUES ($1, $2, $3, $4, 'running') ON CONFLICT DO NOTHING")
        .execute(Tuple.of(id, connectorId, trigger, startedBy))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(Optional.empty())
            : find(id));
  }

  /**
   * Stores a run's counters.
   *
   * @param id the run
   * @param phase {@code users} or {@code groups}
   * @param counts read, created, updated, unchanged, failed
   * @param failures the first failures
   * @return completes when written
   */
  public Future<Void> progress(UUID id, String phase, int[] counts, JsonArray failures) {
    return pool.preparedQuery("UPDATE import_runs SET phase = $2, read_count = $3, created = $4, "
            + "updated = $5, unchanged = $6, failed = $7, failures = $8 WHERE id = $1 "
            + "AND status = 'running'")
        .execute(Tuple.of(id, phase, counts[0], counts[1], counts[2], counts[3], counts[4],
            failures))
        .mapEmpty();
  }

  /**
   * Ends a run.
   *
   * @param id the run
   * @param status {@code succeeded}, {@code failed} or {@code cancelled}
   * @param error why it failed, or {@code null}
   * @return completes when written
   */
  public Future<Void> finish(UUID id, String status, String error) {
    return pool.preparedQuery("UPDATE import_runs SET status = $2, error = $3, phase = 'done', "
            + "finished_at = now() WHERE id = $1")
        .execute(Tuple.of(id, status, error)).mapEmpty();
  }

  /**
   * Refreshes the planner's statistics of the identity tables, so that listings and searches
   * keep fast plans right after an import changed many rows (autovacuum would only catch up
   * within minutes).
   *
   * @return completes when done
   */
  public Future<Void> analyzeIdentityTables() {
    return pool.query("ANALYZE users, account_links, groups, group_members, group_links")
        .execute().mapEmpty();
  }

  /**
   * Marks runs left running by a hub that stopped without finishing them.
   *
   * @return how many there were
   */
  public Future<Integer> interruptAbandoned() {
    return pool.query("UPDATE import_runs SET status = 'interrupted', finished_at = now(), "
            + "error = 'The hub stopped during the import' WHERE status = 'running'")
        .execute().map(rows -> rows.rowCount());
  }

  /**
   * A run.
   *
   * @param id the run
   * @return the run as the API shows it, or empty
   */
  public Future<Optional<JsonObject>> find(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM import_runs r WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(toJson(rows.iterator().next())));
  }

  /**
   * The last runs of a connector, newest first.
   *
   * @param connectorId the connector
   * @param limit how many
   * @return the runs as the API shows them
   */
  public Future<List<JsonObject>> recent(UUID connectorId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM import_runs r "
            + "WHERE connector_id = $1 ORDER BY started_at DESC LIMIT $2")
        .execute(Tuple.of(connectorId, limit))
        .map(rows -> {
          List<JsonObject> runs = new ArrayList<>();
          rows.forEach(r -> runs.add(toJson(r)));
          return runs;
        });
  }

  private static JsonObject toJson(Row r) {
    return new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("connectorId", r.getUUID("connector_id").toString())
        .put("trigger", r.getString("trigger"))
        .put("startedBy", r.getString("started_by"))
        .put("status", r.getString("status"))
        .put("phase", r.getString("phase"))
        .put("read", r.getInteger("read_count"))
        .put("created", r.getInteger("created"))
        .put("updated", r.getInteger("updated"))
        .put("unchanged", r.getInteger("unchanged"))
        .put("failed", r.getInteger("failed"))
        .put("expected", r.getInteger("expected"))
        .put("error", r.getString("error"))
        .put("failures", r.getJsonArray("failures"))
        .put("startedAt", r.getOffsetDateTime("started_at").toInstant().toString())
        .put("finishedAt", r.getOffsetDateTime("finished_at") == null ? null
            : r.getOffsetDateTime("finished_at").toInstant().toString());
  }
}
