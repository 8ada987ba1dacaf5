package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code account_links} and {@code group_links} tables: which account or group in which
 * connected system is which canonical user or group, by that system's stable id.
 */
public final class LinkStore {

  private final SqlClient db;

  /**
   * Creates the store.
   *
   * @param db the database, or a connection inside a transaction
   */
  public LinkStore(SqlClient db) {
    this.db = db;
  }

  /**
   * A link of one connector.
   *
   * @param externalId the stable id in the connected system
   * @param localId the canonical user or group
   */
  public record Link(String externalId, UUID localId) {
  }

  /**
   * The users linked to accounts of a connector.
   *
   * @param connectorId the connector
   * @param externalIds the accounts' stable ids
   * @return user id by external id, for those linked
   */
  public Future<Map<String, UUID>> usersByExternalId(UUID connectorId,
      Collection<String> externalIds) {
    return byExternalId("account_links", "user_id", connectorId, externalIds);
  }

  /**
   * The groups linked to groups of a connector.
   *
   * @param connectorId the connector
   * @param externalIds the groups' stable ids
   * @return group id by external id, for those linked
   */
  public Future<Map<String, UUID>> groupsByExternalId(UUID connectorId,
      Collection<String> externalIds) {
    return byExternalId("group_links", "group_id", connectorId, externalIds);
  }

  private Future<Map<String, UUID>> byExternalId(String table, String column, UUID connectorId,
      Collection<String> externalIds) {
    if (externalIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT external_id, " + column + " FROM " + table
            + " WHERE connector_id = $1 AND external_id = ANY($2)")
        .execute(Tuple.of(connectorId).addArrayOfString(externalIds.toArray(new String[0])))
        .map(rows -> {
          Map<String, UUID> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getString(0), r.getUUID(1)));
          return map;
        });
  }

  /**
   * The accounts of users in every connector.
   *
   * @param userIds the users
   * @return for each user with links, external id by connector
   */
  public Future<Map<UUID, Map<UUID, String>>> accountsOf(Collection<UUID> userIds) {
    return byLocalId("account_links", "user_id", userIds);
  }

  /**
   * The groups linked to canonical groups in every connector.
   *
   * @param groupIds the groups
   * @return for each group with links, external id by connector
   */
  public Future<Map<UUID, Map<UUID, String>>> groupsOf(Collection<UUID> groupIds) {
    return byLocalId("group_links", "group_id", groupIds);
  }

  private Future<Map<UUID, Map<UUID, String>>> byLocalId(String table, String column,
      Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT " + column + ", connector_id, external_id FROM " + table
            + " WHERE " + column + " = ANY($1)")
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, Map<UUID, String>> map = new HashMap<>();
          rows.forEach(r -> map.computeIfAbsent(r.getUUID(0), k -> new HashMap<>())
              .put(r.getUUID(1), r.getString(2)));
          return map;
        });
  }

  /**
   * Links accounts to users; a link that exists already is kept.
   *
   * @param connectorId the connector
   * @param links the accounts and their users
   * @return the links that are new
   */
  public Future<List<Link>> linkAccounts(UUID connectorId, List<Link> links) {
    return link("account_links", "user_id", connectorId, links);
  }

  /**
   * Links groups of a connector to canonical groups; a link that exists already is kept.
   *
   * @param connectorId the connector
   * @param links the groups and their canonical groups
   * @return the links that are new
   */
  public Future<List<Link>> linkGroups(UUID connectorId, List<Link> links) {
    return link("group_links", "group_id", connectorId, links);
  }

  private Future<List<Link>> link(String table, String column, UUID connectorId,
      List<Link> links) {
    if (links.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return db.preparedQuery("INSERT INTO " + table + " (connector_id, external_id, " + column
            + ") SELECT $1, l.external_id, l.local_id FROM unnest($2::text[], $3::uuid[]) "
            + "AS l(external_id, local_id) ON CONFLICT DO NOTHING RETURNING external_id, "
            + column)
        .execute(Tuple.of(connectorId)
            .addArrayOfString(links.stream().map(Link::externalId).toArray(String[]::new))
            .addArrayOfUUID(links.stream().map(Link::localId).toArray(UUID[]::new)))
        .map(rows -> {
          List<Link> created = new ArrayList<>();
          rows.forEach(r -> created.add(new Link(r.getString(0), r.getUUID(1))));
          return created;
        });
  }

  /**
   * Removes an account link.
   *
   * @param connectorId the connector
   * @param externalId the account's stable id
   * @return whether there was one
   */
  public Future<Boolean> unlinkAccount(UUID connectorId, String externalId) {
    return db.preparedQuery("DELETE FROM account_links WHERE connector_id = $1 "
            + "AND external_id = $2").execute(Tuple.of(connectorId, externalId))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Removes a group link.
   *
   * @param connectorId the connector
   * @param externalId the group's stable id
   * @return whether there was one
   */
  public Future<Boolean> unlinkGroup(UUID connectorId, String externalId) {
    return db.preparedQuery("DELETE FROM group_links WHERE connector_id = $1 "
            + "AND external_id = $2").execute(Tuple.of(connectorId, externalId))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Records the outcome of a push to an account: its state, when, and the error if any.
   *
   * @param connectorId the connector
   * @param userId the user
   * @param active the account's state, or {@code null} to keep it
   * @param error the error, or {@code null} after a success
   * @return completes when recorded
   */
  public Future<Void> recordSync(UUID connectorId, UUID userId, Boolean active, String error) {
    return db.preparedQuery("UPDATE account_links SET last_sync_at = CASE WHEN $4::text IS NULL "
            + "THEN now() ELSE last_sync_at END, last_error = $4, state = COALESCE($3, state) "
            + "WHERE connector_id = $1 AND user_id = $2")
        .execute(Tuple.of(connectorId, userId, active == null ? null
            : active ? "active" : "disabled", error))
        .mapEmpty();
  }

  /**
   * Marks accounts as just synchronised, with their state.
   *
   * @param connectorId the connector
   * @param userIds the users whose accounts changed
   * @param active the state of each, in the same order
   * @return completes when recorded
   */
  public Future<Void> touchAccounts(UUID connectorId, List<UUID> userIds, List<Boolean> active) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < userIds.size(); i++) {
      batch.add(Tuple.of(connectorId, userIds.get(i), active.get(i) ? "active" : "disabled"));
    }
    return db.preparedQuery("UPDATE account_links SET last_sync_at = now(), last_error = NULL, "
            + "state = $3 WHERE connector_id = $1 AND user_id = $2").executeBatch(batch)
        .mapEmpty();
  }
}
