package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The {@code groups} and {@code group_members} tables. */
public final class GroupStore {

  private final Pool pool;

  /**
   * Creates the store.
   *
   * @param pool the database
   */
  public GroupStore(Pool pool) {
    this.pool = pool;
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
    return pool.preparedQuery(sql).execute(params).map(rows -> KeysetPage.of(all(rows), limit,
        g -> g.name().toLowerCase(Locale.ROOT)));
  }

  /**
   * A group by id.
   *
   * @param id the id
   * @return the group, or empty
   */
  public Future<Optional<GroupRecord>> find(UUID id) {
    return pool.preparedQuery("SELECT " + GroupRecord.COLUMNS + " FROM groups g WHERE g.id = $1")
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
    return pool.preparedQuery("INSERT INTO groups (id, name, description) VALUES ($1, $2, $3) "
            + "ON CONFLICT (lower(name)) DO NOTHING")
        .execute(Tuple.of(id, name, description))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(Optional.empty())
            : find(id));
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
    return pool.preparedQuery("UPDATE groups SET name = $2, description = $3, "
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
    return pool.preparedQuery("DELETE FROM groups WHERE id = $1").execute(Tuple.of(id))
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
    return pool.preparedQuery("INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) "
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
    return pool.preparedQuery("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
        .execute(Tuple.of(groupId, userId)).map(rows -> rows.rowCount() > 0);
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
