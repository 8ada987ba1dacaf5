package io.slxconnect.hub.store;

import io.slxconnect.api.Checkpoint;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code connectors} and {@code connector_checkpoints} tables. */
public final class ConnectorStore {

  private static final String COLUMNS =
      "id, name, type, enabled, settings, secrets, secret_names, direction, operations, "
      + "correlation, created_at, updated_at";

  private final Pool pool;

  /**
   * Creates the store.
   *
   * @param pool the database
   */
  public ConnectorStore(Pool pool) {
    this.pool = pool;
  }

  /** @return every connector, by name */
  public Future<List<ConnectorRecord>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM connectors ORDER BY name").execute()
        .map(ConnectorStore::all);
  }

  /**
   * A connector by id.
   *
   * @param id the id
   * @return the connector, or empty
   */
  public Future<Optional<ConnectorRecord>> find(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM connectors WHERE id = $1")
        .execute(Tuple.of(id)).map(ConnectorStore::first);
  }

  /**
   * Inserts a connector.
   *
   * @param id its new id (the secrets are sealed to it)
   * @param name its name
   * @param type its type id
   * @param enabled whether it runs
   * @param settings settings without secrets
   * @param sealedSecrets sealed secrets, or {@code null}
   * @param secretNames the names of the sealed secrets
   * @param policy source or target, operations, matching
   * @return the connector, or empty when the name is taken
   */
  public Future<Optional<ConnectorRecord>> insert(UUID id, String name, String type,
      boolean enabled, JsonObject settings, byte[] sealedSecrets, List<String> secretNames,
      ConnectorPolicy policy) {
    return pool.preparedQuery("INSERT INTO connectors (id, name, type, enabled, settings, "
            + "secrets, secret_names, direction, operations, correlation) VALUES ($1, $2, $3, "
            + "$4, $5, $6, $7, $8, $9, $10) ON CONFLICT (name) DO NOTHING RETURNING " + COLUMNS)
        .execute(Tuple.of(id, name, type, enabled, settings, buffer(sealedSecrets),
            secretNames.toArray(new String[0]), policy.directionName(),
            policy.operationNames(), policy.correlationName()))
        .map(ConnectorStore::first);
  }

  /**
   * Replaces name and settings.
   *
   * @param id the connector
   * @param name the new name
   * @param settings the new settings without secrets
   * @param sealedSecrets the new sealed secrets, or {@code null}
   * @param secretNames the names of the sealed secrets
   * @param policy source or target, operations, matching
   * @return the connector, or empty when it does not exist
   */
  public Future<Optional<ConnectorRecord>> update(UUID id, String name, JsonObject settings,
      byte[] sealedSecrets, List<String> secretNames, ConnectorPolicy policy) {
    return pool.preparedQuery("UPDATE connectors SET name = $2, settings = $3, secrets = $4, "
            + "secret_names = $5, direction = $6, operations = $7, correlation = $8, "
            + "updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(id, name, settings, buffer(sealedSecrets),
            secretNames.toArray(new String[0]), policy.directionName(),
            policy.operationNames(), policy.correlationName()))
        .map(ConnectorStore::first);
  }

  /**
   * Sets whether it runs.
   *
   * @param id the connector
   * @param enabled the new state
   * @return the connector, or empty when it does not exist
   */
  public Future<Optional<ConnectorRecord>> setEnabled(UUID id, boolean enabled) {
    return pool.preparedQuery("UPDATE connectors SET enabled = $2, updated_at = now() "
            + "WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(id, enabled)).map(ConnectorStore::first);
  }

  /**
   * Deletes a connector and its checkpoint.
   *
   * @param id the connector
   * @return whether it existed
   */
  public Future<Boolean> delete(UUID id) {
    return pool.preparedQuery("DELETE FROM connectors WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * The last committed checkpoint of a connector's watch.
   *
   * @param id the connector
   * @return the checkpoint, or empty
   */
  public Future<Optional<Checkpoint>> checkpoint(UUID id) {
    return pool.preparedQuery("SELECT value FROM connector_checkpoints WHERE connector_id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new Checkpoint(rows.iterator().next().getString(0))));
  }

  /**
   * Forgets a connector's checkpoint, when the system it pointed into was replaced: its next
   * watch starts from the present instead of from a position that means nothing there.
   *
   * @param id the connector
   * @return whether there was one
   */
  public Future<Boolean> deleteCheckpoint(UUID id) {
    return pool.preparedQuery("DELETE FROM connector_checkpoints WHERE connector_id = $1")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  /**
   * Stores a connector's checkpoint, inside the transaction that commits its changes.
   *
   * @param tx the transaction
   * @param id the connector
   * @param checkpoint the position after the changes
   * @return completes when written
   */
  public static Future<Void> saveCheckpoint(SqlClient tx, UUID id, Checkpoint checkpoint) {
    return tx.preparedQuery("INSERT INTO connector_checkpoints (connector_id, value) "
            + "VALUES ($1, $2) ON CONFLICT (connector_id) DO UPDATE SET value = $2, "
            + "updated_at = now()")
        .execute(Tuple.of(id, checkpoint.value())).mapEmpty();
  }

  private static Buffer buffer(byte[] bytes) {
    return bytes == null ? null : Buffer.buffer(bytes);
  }

  private static List<ConnectorRecord> all(RowSet<Row> rows) {
    List<ConnectorRecord> list = new ArrayList<>();
    for (Row row : rows) {
      list.add(ConnectorRecord.of(row));
    }
    return list;
  }

  private static Optional<ConnectorRecord> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty()
        : Optional.of(ConnectorRecord.of(rows.iterator().next()));
  }
}
