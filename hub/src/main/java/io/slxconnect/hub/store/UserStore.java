package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

/**
 * The {@code users} table, with the user's groups and linked accounts for its detail view.
 * Listings are keyset-paged by lower-cased user name; searches use the trigram index.
 */
public final class UserStore {

  private final SqlClient db;

  /**
   * Creates the store.
   *
   * @param db the database, or a connection inside a transaction
   */
  public UserStore(SqlClient db) {
    this.db = db;
  }

  /**
   * One page of users, ordered by user name.
   *
   * @param query filters, page size and cursor
   * @return the page
   */
  public Future<KeysetPage<UserRecord>> list(UserQuery query) {
    // Only the filters in use go into the statement, so that the planner sees each one and
    // can use its index (a generic "$1 IS NULL OR ..." plan cannot).
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (query.text() != null) {
      params.addString(SqlErrors.containsPattern(query.text()));
      where.add("u.search_text LIKE $" + params.size());
    }
    if (query.active() != null) {
      params.addBoolean(query.active());
      where.add("u.active = $" + params.size());
    }
    if (query.connectorId() != null) {
      params.addUUID(query.connectorId());
      where.add("EXISTS (SELECT 1 FROM account_links l WHERE l.user_id = u.id "
          + "AND l.connector_id = $" + params.size() + ")");
    }
    if (query.groupId() != null) {
      params.addUUID(query.groupId());
      where.add("EXISTS (SELECT 1 FROM group_members m WHERE m.user_id = u.id "
          + "AND m.group_id = $" + params.size() + ")");
    }
    String after = KeysetPage.decode(query.cursor());
    if (after != null) {
      params.addString(after);
      where.add("lower(u.user_name) > $" + params.size());
    }
    params.addInteger(query.limit() + 1);
    String sql = "SELECT " + UserRecord.COLUMNS.replaceAll("(\\w+)", "u.$1") + " FROM users u"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY lower(u.user_name) LIMIT $" + params.size();
    return db.preparedQuery(sql).execute(params).map(rows -> KeysetPage.of(all(rows),
        query.limit(), u -> u.data().userName().toLowerCase(Locale.ROOT)));
  }

  /**
   * A user by id.
   *
   * @param id the id
   * @return the user, or empty
   */
  public Future<Optional<UserRecord>> find(UUID id) {
    return db.preparedQuery("SELECT " + UserRecord.COLUMNS + " FROM users WHERE id = $1")
        .execute(Tuple.of(id)).map(UserStore::first);
  }

  /**
   * Creates a user.
   *
   * @param data its attributes
   * @return the user, or empty when the user name is taken
   */
  public Future<Optional<UserRecord>> insert(UserData data) {
    return db.preparedQuery("INSERT INTO users (id, user_name, display_name, given_name, "
            + "family_name, emails, active, employee_number, department, manager_id, "
            + "attributes, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
            + "$12) ON CONFLICT (lower(user_name)) DO NOTHING RETURNING " + UserRecord.COLUMNS)
        .execute(values(UUID.randomUUID(), data))
        .map(UserStore::first);
  }

  /**
   * Replaces a user's attributes.
   *
   * @param id the user
   * @param data the new attributes
   * @return the user, or empty when there is none
   */
  public Future<Optional<UserRecord>> update(UUID id, UserData data) {
    return db.preparedQuery("UPDATE users SET user_name = $2, display_name = $3, "
            + "given_name = $4, family_name = $5, emails = $6, active = $7, "
            + "employee_number = $8, department = $9, manager_id = $10, attributes = $11, "
            + "search_text = $12, version = version + 1, updated_at = now() "
            + "WHERE id = $1 RETURNING " + UserRecord.COLUMNS)
        .execute(values(id, data))
        .map(UserStore::first);
  }

  /**
   * Enables or disables a user.
   *
   * @param id the user
   * @param active the new state
   * @return the user, or empty when there is none
   */
  public Future<Optional<UserRecord>> setActive(UUID id, boolean active) {
    return db.preparedQuery("UPDATE users SET active = $2, version = version + 1, "
            + "updated_at = now() WHERE id = $1 AND active <> $2 RETURNING "
            + UserRecord.COLUMNS)
        .execute(Tuple.of(id, active))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(first(rows)) : find(id));
  }

  /**
   * Deletes a user, with its memberships and account links.
   *
   * @param id the user
   * @return whether it existed
   */
  public Future<Boolean> delete(UUID id) {
    return db.preparedQuery("DELETE FROM users WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * The groups a user is a direct member of.
   *
   * @param id the user
   * @return {@code [{id, name}]}, by name
   */
  public Future<JsonArray> groupsOf(UUID id) {
    return db.preparedQuery("SELECT g.id, g.name FROM group_members m "
            + "JOIN groups g ON g.id = m.group_id WHERE m.user_id = $1 ORDER BY lower(g.name)")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray groups = new JsonArray();
          rows.forEach(r -> groups.add(new JsonObject().put("id", r.getUUID(0).toString())
              .put("name", r.getString(1))));
          return groups;
        });
  }

  /**
   * The user's accounts in connected systems.
   *
   * @param id the user
   * @return the linked accounts, by connector name
   */
  public Future<JsonArray> accountsOf(UUID id) {
    return db.preparedQuery("SELECT l.connector_id, c.name, c.type, l.external_id, l.state, "
            + "l.linked_at, l.last_sync_at, l.last_error FROM account_links l "
            + "JOIN connectors c ON c.id = l.connector_id WHERE l.user_id = $1 ORDER BY c.name")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray accounts = new JsonArray();
          rows.forEach(r -> accounts.add(new JsonObject()
              .put("connectorId", r.getUUID(0).toString())
              .put("connectorName", r.getString(1))
              .put("connectorType", r.getString(2))
              .put("externalId", r.getString(3))
              .put("state", r.getString(4))
              .put("linkedAt", r.getOffsetDateTime(5).toInstant().toString())
              .put("lastSyncAt", r.getOffsetDateTime(6) == null ? null
                  : r.getOffsetDateTime(6).toInstant().toString())
              .put("lastError", r.getString(7))));
          return accounts;
        });
  }

  /**
   * Users by id, locked until the transaction ends. The lock lets memberships and links
   * referencing them be written meanwhile, which keeps concurrent batches from deadlocking.
   *
   * @param ids the users
   * @return the users found, by id
   */
  public Future<Map<UUID, UserRecord>> lockAll(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT " + UserRecord.COLUMNS + " FROM users WHERE id = ANY($1) "
            + "ORDER BY id FOR NO KEY UPDATE")
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, UserRecord> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getUUID("id"), UserRecord.of(r)));
          return map;
        });
  }

  /**
   * User names by id.
   *
   * @param ids the users
   * @return the names of those that exist
   */
  public Future<Map<UUID, String>> names(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT id, user_name FROM users WHERE id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, String> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getUUID(0), r.getString(1)));
          return map;
        });
  }

  /**
   * Users whose correlation value is one of the given keys: the lower-cased user name or
   * primary email, or the employee number.
   *
   * @param correlation which attribute
   * @param keys the values, already normalised by {@link #correlationKey}
   * @return user id by key
   */
  public Future<Map<String, UUID>> correlate(ConnectorPolicy.Correlation correlation,
      Collection<String> keys) {
    String expression = switch (correlation) {
      case USER_NAME -> "lower(user_name)";
      case EMAIL -> "lower(emails[1])";
      case EMPLOYEE_NUMBER -> "employee_number";
      case NONE -> null;
    };
    if (expression == null || keys.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery("SELECT " + expression + ", id FROM users WHERE " + expression
            + " = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(keys.toArray(new String[0])))
        .map(rows -> {
          Map<String, UUID> map = new HashMap<>();
          Set<String> ambiguous = new HashSet<>();
          rows.forEach(r -> {
            if (map.putIfAbsent(r.getString(0), r.getUUID(1)) != null) {
              ambiguous.add(r.getString(0));
            }
          });
          // Several users share that email or number: none of them is guessed at.
          map.keySet().removeAll(ambiguous);
          return map;
        });
  }

  /**
   * The value a user is matched on.
   *
   * @param correlation which attribute
   * @param data the user's attributes
   * @return the key, or {@code null} when the user has none
   */
  public static String correlationKey(ConnectorPolicy.Correlation correlation, UserData data) {
    return switch (correlation) {
      case USER_NAME -> data.userName().toLowerCase(Locale.ROOT);
      case EMAIL -> data.emails().isEmpty() ? null
          : data.emails().get(0).toLowerCase(Locale.ROOT);
      case EMPLOYEE_NUMBER -> data.employeeNumber();
      case NONE -> null;
    };
  }

  /**
   * Creates users with the given ids; a user whose name is taken is not created.
   *
   * @param users the new users by id, in order
   * @return for each, whether it was created
   */
  public Future<List<Boolean>> insertAll(List<Map.Entry<UUID, UserData>> users) {
    if (users.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    // One statement over arrays, not one per user: several times faster for import pages.
    int n = users.size();
    UUID[] ids = new UUID[n];
    String[][] text = new String[7][n];
    JsonArray[] emails = new JsonArray[n];
    Boolean[] active = new Boolean[n];
    UUID[] managers = new UUID[n];
    JsonObject[] attributes = new JsonObject[n];
    for (int i = 0; i < n; i++) {
      UUID id = users.get(i).getKey();
      UserData d = users.get(i).getValue();
      ids[i] = id;
      text[0][i] = d.userName();
      text[1][i] = d.displayName();
      text[2][i] = d.givenName();
      text[3][i] = d.familyName();
      text[4][i] = d.employeeNumber();
      text[5][i] = d.department();
      text[6][i] = d.searchText();
      emails[i] = new JsonArray(d.emails());
      active[i] = d.active();
      managers[i] = d.managerId();
      attributes[i] = d.attributes();
    }
    Tuple params = Tuple.tuple().addArrayOfUUID(ids);
    for (String[] column : text) {
      params.addArrayOfString(column);
    }
    params.addArrayOfJsonArray(emails).addArrayOfBoolean(active).addArrayOfUUID(managers)
        .addArrayOfJsonObject(attributes);
    return db.preparedQuery("INSERT INTO users (id, user_name, display_name, given_name, "
            + "family_name, employee_number, department, search_text, emails, active, "
            + "manager_id, attributes) SELECT u.id, u.user_name, u.display_name, u.given_name, "
            + "u.family_name, u.employee_number, u.department, u.search_text, "
            + "ARRAY(SELECT jsonb_array_elements_text(u.emails)), u.active, u.manager_id, "
            + "u.attributes FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], "
            + "$5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::boolean[], "
            + "$11::uuid[], $12::jsonb[]) AS u(id, user_name, display_name, given_name, "
            + "family_name, employee_number, department, search_text, emails, active, "
            + "manager_id, attributes) ON CONFLICT (lower(user_name)) DO NOTHING RETURNING id")
        .execute(params)
        .map(rows -> {
          Set<UUID> created = new HashSet<>();
          rows.forEach(r -> created.add(r.getUUID(0)));
          return java.util.Arrays.stream(ids).map(created::contains).toList();
        });
  }

  /**
   * Gives users placeholder names until their new names are written, so that names can move
   * between them in one transaction (a swap, or a chain of renames) without any moment where
   * two hold the same name.
   *
   * @param ids the users being renamed
   * @return completes when written
   */
  public Future<Void> releaseNames(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.preparedQuery("UPDATE users SET user_name = ' renaming ' || id WHERE id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0])))
        .mapEmpty();
  }

  /**
   * Replaces the attributes of users.
   *
   * @param users the new attributes by user id
   * @return completes when written
   */
  public Future<Void> updateAll(List<Map.Entry<UUID, UserData>> users) {
    if (users.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.preparedQuery("UPDATE users SET user_name = $2, display_name = $3, "
            + "given_name = $4, family_name = $5, emails = $6, active = $7, "
            + "employee_number = $8, department = $9, manager_id = $10, attributes = $11, "
            + "search_text = $12, version = version + 1, updated_at = now() WHERE id = $1")
        .executeBatch(users.stream().map(e -> values(e.getKey(), e.getValue())).toList())
        .mapEmpty();
  }

  /**
   * Which of the given user names other users hold.
   *
   * @param names lower-cased user names
   * @param except users that may hold them
   * @return the names taken
   */
  public Future<Set<String>> namesTaken(Collection<String> names, Collection<UUID> except) {
    if (names.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return db.preparedQuery("SELECT lower(user_name) FROM users WHERE lower(user_name) = ANY($1) "
            + "AND NOT (id = ANY($2))")
        .execute(Tuple.tuple().addArrayOfString(names.toArray(new String[0])).addArrayOfUUID(except.toArray(new UUID[0])))
        .map(rows -> {
          Set<String> taken = new HashSet<>();
          rows.forEach(r -> taken.add(r.getString(0)));
          return taken;
        });
  }

  private static Tuple values(UUID id, UserData d) {
    return Tuple.tuple().addUUID(id).addString(d.userName()).addString(d.displayName())
        .addString(d.givenName()).addString(d.familyName())
        .addArrayOfString(d.emails().toArray(new String[0])).addBoolean(d.active())
        .addString(d.employeeNumber()).addString(d.department()).addUUID(d.managerId())
        .addValue(d.attributes()).addString(d.searchText());
  }

  private static List<UserRecord> all(RowSet<Row> rows) {
    List<UserRecord> list = new ArrayList<>();
    rows.forEach(row -> list.add(UserRecord.of(row)));
    return list;
  }

  private static Optional<UserRecord> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty()
        : Optional.of(UserRecord.of(rows.iterator().next()));
  }
}
