package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The {@code groups} and {@code group_members} tables. */
public final class GroupStore {

  private final SqlClient db;

  /**
   * Creates the store.
   *
   * @param db the database, or a connection inside a transaction
   */
  public GroupStore(SqlClient db) {
    this.db = db;
  }

  /**
   * One page of groups, ordered by name.
   *
   * @param text part of the name, any case, or {@code null}
   * @param limit the page size
   * @param cursor the page to read, from the previous page, or {@code null}
   * @return the page
   */
  public Future<KeysetPage<GroupRecord>> list(String text, int limit, String cursor) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (text != null) {
      params.addString(SqlErrors.containsPattern(text));
      where.add("lower(g.name) LIKE $" + params.size());
    }
    String after = KeysetPage.decode(cursor);
    if (after != null) {
      params.addString(after);
      where.add("lower(g.name) > $" + params.size());
    }
    params.addInteger(limit + 1);
    String sql = "SELECT " + GroupRecord.COLUMNS + " FROM groups g"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY lower(g.name) LIMIT $" + params.size();
    return db.preparedQuery(sql).execute(params).map(rows -> KeysetPage.of(all(rows), limit,
        g -> g.name().toLowerCase(Locale.ROOT)));
  }

  /**
   * A group by id.
   *
   * @param id the id
   * @return the group, or empty
   */
  public Future<Optional<GroupRecord>> find(UUID id) {
    return db.preparedQuery("SELECT " + GroupRecord.COLUMNS + " FROM groups g WHERE g.id = $1")
        .execute(Tuple.of(id)).map(GroupStore::first);
  }

  /**
   * Creates a group.
   *
   * @param name its name
   * @param description its description, or {@code null}
   * @return the group, or empty when the name is taken
   */
  public Future<Optional<GroupRecord>> insert(String name, String description) {
    UUID id = UUID.randomUUID();
    return insert(id, name, description)
        .compose(created -> created ? find(id) : Future.succeededFuture(Optional.empty()));
  }

  /**
   * Renames a group or changes its description.
   *
   * @param id the group
   * @param name the new name
   * @param description the new description, or {@code null}
   * @return the group, or empty when there is none
   */
  public Future<Optional<GroupRecord>> update(UUID id, String name, String description) {
    return db.preparedQuery("UPDATE groups SET name = $2, description = $3, "
            + "updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id, name, description))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(Optional.empty())
            : find(id));
  }

  /**
   * Deletes a group; its members stay users.
   *
   * @param id the group
   * @return whether it existed
   */
  public Future<Boolean> delete(UUID id) {
    return db.preparedQuery("DELETE FROM groups WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Makes a user a direct member; nothing changes when it already is.
   *
   * @param groupId the group
   * @param userId the user
   * @return whether the membership is new
   */
  public Future<Boolean> addMember(UUID groupId, UUID userId) {
    return db.preparedQuery("INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) "
            + "ON CONFLICT DO NOTHING").execute(Tuple.of(groupId, userId))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Ends a direct membership; nothing changes when there is none.
   *
   * @param groupId the group
   * @param userId the user
   * @return whether there was one
   */
  public Future<Boolean> removeMember(UUID groupId, UUID userId) {
    return db.preparedQuery("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
        .execute(Tuple.of(groupId, userId)).map(rows -> rows.rowCount() > 0);
  }

  /**
   * Groups by id.
   *
   * @param ids the groups
   * @return the groups found, by id
   */
  public Future<Map<UUID, GroupRecord>> findAll(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT " + GroupRecord.COLUMNS + " FROM groups g "
            + "WHERE g.id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, GroupRecord> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getUUID("id"), GroupRecord.of(r)));
          return map;
        });
  }

  /**
   * Groups by name.
   *
   * @param names lower-cased names
   * @return group id by lower-cased name
   */
  public Future<Map<String, UUID>> idsByName(Collection<String> names) {
    if (names.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT lower(name), id FROM groups WHERE lower(name) = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(names.toArray(new String[0])))
        .map(rows -> {
          Map<String, UUID> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getString(0), r.getUUID(1)));
          return map;
        });
  }

  /**
   * Creates a group with a given id.
   *
   * @param id the id
   * @param name the name
   * @param description the description, or {@code null}
   * @return whether it was created (not when the name is taken)
   */
  public Future<Boolean> insert(UUID id, String name, String description) {
    return db.preparedQuery("INSERT INTO groups (id, name, description) VALUES ($1, $2, $3) "
            + "ON CONFLICT (lower(name)) DO NOTHING")
        .execute(Tuple.of(id, name, description)).map(rows -> rows.rowCount() > 0);
  }

  /**
   * The direct members of groups that have an account in a connector.
   *
   * @param connectorId the connector
   * @param groupIds the groups
   * @return member user ids by group
   */
  public Future<Map<UUID, Set<UUID>>> membersLinkedTo(UUID connectorId,
      Collection<UUID> groupIds) {
    if (groupIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT m.group_id, m.user_id FROM group_members m "
            + "JOIN account_links l ON l.user_id = m.user_id AND l.connector_id = $1 "
            + "WHERE m.group_id = ANY($2)")
        .execute(Tuple.of(connectorId).addArrayOfUUID(groupIds.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, Set<UUID>> map = new HashMap<>();
          rows.forEach(r -> map.computeIfAbsent(r.getUUID(0), k -> new HashSet<>())
              .add(r.getUUID(1)));
          return map;
        });
  }

  /**
   * Adds or removes direct memberships.
   *
   * @param add {@code true} to add, {@code false} to remove
   * @param memberships pairs of group id and user id
   * @return completes when written
   */
  public Future<Void> changeMembers(boolean add, List<Map.Entry<UUID, UUID>> memberships) {
    if (memberships.isEmpty()) {
      return Future.succeededFuture();
    }
    String sql = add
        ? "INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        : "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2";
    return db.preparedQuery(sql).executeBatch(memberships.stream()
        .map(m -> Tuple.of(m.getKey(), m.getValue())).toList()).mapEmpty();
  }

  private static List<GroupRecord> all(RowSet<Row> rows) {
    List<GroupRecord> list = new ArrayList<>();
    rows.forEach(row -> list.add(GroupRecord.of(row)));
    return list;
  }

  private static Optional<GroupRecord> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty()
        : Optional.of(GroupRecord.of(rows.iterator().next()));
  }
}
