package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The provisioning outbox, {@code provisioning_tasks}: what each target must receive, written
 * with the change, then claimed, retried and finished by the provisioner.
 */
public final class ProvisioningTaskStore {

  private static final String COLUMNS = "t.id, t.event_id, t.connector_id, t.user_id, "
      + "t.group_id, t.subject, t.operation, t.external_id, t.group_external_id, t.status, "
      + "t.attempts, t.next_attempt_at, t.last_error, t.created_at, t.finished_at";

  private final SqlClient db;

  /**
   * Creates the store.
   *
   * @param db the database, or a connection inside a transaction
   */
  public ProvisioningTaskStore(SqlClient db) {
    this.db = db;
  }

  /**
   * Queues tasks.
   *
   * @param tasks the tasks, in the order they must run per user
   * @return completes when written
   */
  public Future<Void> insert(List<ProvisioningTask.New> tasks) {
    if (tasks.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.preparedQuery("INSERT INTO provisioning_tasks (event_id, connector_id, user_id, "
            + "group_id, subject, operation, external_id, group_external_id, status, "
            + "finished_at, last_error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
            + "CASE WHEN $9 IN ('succeeded', 'failed') THEN now() END, $10)")
        .executeBatch(tasks.stream().map(t -> Tuple.of(t.eventId(), t.connectorId(),
            t.userId(), t.groupId(), t.subject(), t.operation().apiName(), t.externalId(),
            t.groupExternalId(), t.status(), t.error())).toList())
        .mapEmpty();
  }

  /**
   * Tasks due now whose earlier tasks for the same user and connector are all finished, oldest
   * first. Tasks in {@code running} are left out (they are being worked on).
   *
   * @param running ids of tasks in progress
   * @param limit how many at most
   * @return the tasks
   */
  public Future<List<ProvisioningTask>> due(Collection<Long> running, int limit) {
    return db.preparedQuery("SELECT " + COLUMNS + " FROM provisioning_tasks t "
            + "WHERE t.status IN ('pending', 'retrying') AND t.next_attempt_at <= now() "
            + "AND NOT (t.id = ANY($1)) AND NOT EXISTS (SELECT 1 FROM provisioning_tasks o "
            + "WHERE o.connector_id = t.connector_id AND o.user_id = t.user_id "
            + "AND o.status IN ('pending', 'retrying') AND o.id < t.id) "
            + "ORDER BY t.id LIMIT $2")
        .execute(Tuple.tuple().addArrayOfLong(running.toArray(new Long[0])).addInteger(limit))
        .map(ProvisioningTaskStore::all);
  }

  /**
   * The targets where an account is still being created for each user: a change routed there
   * meanwhile must follow the create, not be dropped for want of an account.
   *
   * @param userIds the users
   * @return for each user with an open create, the connectors
   */
  public Future<Map<UUID, Set<UUID>>> openCreates(Collection<UUID> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT user_id, connector_id FROM provisioning_tasks "
            + "WHERE user_id = ANY($1) AND operation = 'create' "
            + "AND status IN ('pending', 'retrying')")
        .execute(Tuple.tuple().addArrayOfUUID(userIds.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, Set<UUID>> open = new HashMap<>();
          rows.forEach(r -> open.computeIfAbsent(r.getUUID(0), k -> new HashSet<>())
              .add(r.getUUID(1)));
          return open;
        });
  }

  /** @return when the next waiting task is due, if any */
  public Future<Optional<java.time.OffsetDateTime>> nextDue() {
    return db.query("SELECT min(next_attempt_at) FROM provisioning_tasks "
            + "WHERE status IN ('pending', 'retrying')").execute()
        .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0)));
  }

  /**
   * Records a success.
   *
   * @param id the task
   * @param externalId the account's stable id, learnt by a create, or {@code null}
   * @return completes when written
   */
  public Future<Void> succeeded(long id, String externalId) {
    return db.preparedQuery("UPDATE provisioning_tasks SET status = 'succeeded', "
            + "attempts = attempts + 1, last_error = NULL, finished_at = now(), "
            + "external_id = COALESCE($2, external_id) WHERE id = $1")
        .execute(Tuple.of(id, externalId)).mapEmpty();
  }

  /**
   * Records a transient failure; the task runs again after the delay.
   *
   * @param id the task
   * @param error the target's reason
   * @param delay how long to wait
   * @return completes when written
   */
  public Future<Void> retryLater(long id, String error, Duration delay) {
    return db.preparedQuery("UPDATE provisioning_tasks SET status = 'retrying', "
            + "attempts = attempts + 1, last_error = $2, "
            + "next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1")
        .execute(Tuple.of(id, error, delay.toMillis())).mapEmpty();
  }

  /**
   * Records a final outcome without success: failed, or skipped because nothing is to be done.
   *
   * @param id the task
   * @param status {@code failed} or {@code skipped}
   * @param reason why
   * @return completes when written
   */
  public Future<Void> finish(long id, String status, String reason) {
    return db.preparedQuery("UPDATE provisioning_tasks SET status = $2, attempts = attempts + "
            + "CASE WHEN $2 = 'failed' THEN 1 ELSE 0 END, last_error = $3, finished_at = now() "
            + "WHERE id = $1")
        .execute(Tuple.of(id, status, reason)).mapEmpty();
  }

  /**
   * Queues a failed task again, to run now.
   *
   * @param id the task
   * @return the task, or empty when there is none or it has not failed
   */
  public Future<Optional<ProvisioningTask>> requeue(long id) {
    return db.preparedQuery("UPDATE provisioning_tasks t SET status = 'pending', "
            + "next_attempt_at = now(), finished_at = NULL WHERE id = $1 AND status = 'failed' "
            + "AND operation <> 'password' RETURNING " + COLUMNS)
        .execute(Tuple.of(id))
        .map(rows -> all(rows).stream().findFirst());
  }

  /**
   * A task by id.
   *
   * @param id the task
   * @return the task, or empty
   */
  public Future<Optional<ProvisioningTask>> find(long id) {
    return db.preparedQuery("SELECT " + COLUMNS + " FROM provisioning_tasks t WHERE t.id = $1")
        .execute(Tuple.of(id)).map(rows -> all(rows).stream().findFirst());
  }

  /**
   * A page of the log, newest first, with connector names.
   *
   * @param userId only this user's, or {@code null}
   * @param connectorId only this connector's, or {@code null}
   * @param status only in this status, or {@code null}
   * @param before only with a smaller id, or {@code null}
   * @param limit the page size; one more row is read to know whether another page follows
   * @return the tasks as the API shows them
   */
  public Future<List<JsonObject>> list(UUID userId, UUID connectorId, String status, Long before,
      int limit) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (userId != null) {
      params.addUUID(userId);
      where.add("t.user_id = $" + params.size());
    }
    if (connectorId != null) {
      params.addUUID(connectorId);
      where.add("t.connector_id = $" + params.size());
    }
    if (status != null) {
      params.addString(status);
      where.add("t.status = $" + params.size());
    }
    if (before != null) {
      params.addLong(before);
      where.add("t.id < $" + params.size());
    }
    params.addInteger(limit + 1);
    return db.preparedQuery("SELECT " + COLUMNS + ", c.name AS connector_name "
            + "FROM provisioning_tasks t LEFT JOIN connectors c ON c.id = t.connector_id"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY t.id DESC LIMIT $" + params.size())
        .execute(params)
        .map(rows -> {
          List<JsonObject> list = new ArrayList<>();
          rows.forEach(r -> list.add(ProvisioningTask.of(r).toJson()
              .put("connectorName", r.getString("connector_name"))));
          return list;
        });
  }

  private static List<ProvisioningTask> all(Iterable<Row> rows) {
    List<ProvisioningTask> list = new ArrayList<>();
    rows.forEach(r -> list.add(ProvisioningTask.of(r)));
    return list;
  }
}
