package io.slxconnect.hub.store;

import io.slxconnect.hub.auth.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code admins} table. */
public final class AdminStore {

  private static final String COLUMNS =
      "id, username, password_hash, role, enabled, created_at, last_login_at";

  private final Pool pool;

  /**
   * Creates the store.
   *
   * @param pool the database
   */
  public AdminStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Finds an account by name.
   *
   * @param username the name
   * @return the account, or empty
   */
  public Future<Optional<AdminAccount>> findByUsername(String username) {
    return findByUsername(pool, username);
  }

  /**
   * Finds an account by name.
   *
   * @param client the pool, or a transaction's connection
   * @param username the name
   * @return the account, or empty
   */
  public Future<Optional<AdminAccount>> findByUsername(SqlClient client, String username) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM admins WHERE username = $1")
        .execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(AdminAccount.of(rows.iterator().next())));
  }

  /** @return every account, by name */
  public Future<List<AdminAccount>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM admins ORDER BY username").execute()
        .map(rows -> {
          List<AdminAccount> list = new ArrayList<>();
          for (Row row : rows) {
            list.add(AdminAccount.of(row));
          }
          return list;
        });
  }

  /**
   * Whether any account exists.
   *
   * @param client the pool, or a transaction's connection
   * @return {@code true} once the first admin was created
   */
  public Future<Boolean> any(SqlClient client) {
    return client.query("SELECT EXISTS (SELECT 1 FROM admins)").execute()
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** @return whether any account exists */
  public Future<Boolean> any() {
    return any(pool);
  }

  /**
   * Creates an account.
   *
   * @param client the pool, or a transaction's connection
   * @param username the name
   * @param passwordHash the hash
   * @param role the role
   * @return the account, or empty when the name is taken
   */
  public Future<Optional<AdminAccount>> create(SqlClient client, String username,
      String passwordHash, Role role) {
    return client.preparedQuery("INSERT INTO admins (id, username, password_hash, role) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING " + COLUMNS)
        .execute(Tuple.of(UUID.randomUUID(), username, passwordHash, role.apiName()))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(AdminAccount.of(rows.iterator().next())));
  }

  /**
   * Changes what is given; {@code null} keeps a value.
   *
   * @param client the pool, or a transaction's connection
   * @param username the account
   * @param passwordHash a new hash, or {@code null}
   * @param role a new role, or {@code null}
   * @param enabled a new state, or {@code null}
   * @return the account as it now is, or empty when there is none
   */
  public Future<Optional<AdminAccount>> update(SqlClient client, String username,
      String passwordHash, Role role, Boolean enabled) {
    return client.preparedQuery("UPDATE admins SET "
            + "password_hash = COALESCE($2, password_hash), role = COALESCE($3, role), "
            + "enabled = COALESCE($4, enabled) WHERE username = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(username, passwordHash, role == null ? null : role.apiName(), enabled))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(AdminAccount.of(rows.iterator().next())));
  }

  /**
   * Deletes an account; its sessions go with it.
   *
   * @param client the pool, or a transaction's connection
   * @param username the account
   * @return whether it existed
   */
  public Future<Boolean> delete(SqlClient client, String username) {
    return client.preparedQuery("DELETE FROM admins WHERE username = $1")
        .execute(Tuple.of(username)).map(rows -> rows.rowCount() > 0);
  }

  /**
   * How many enabled accounts have the admin role, so the last one is never removed.
   *
   * @param client the pool, or a transaction's connection
   * @return the count
   */
  public Future<Long> countEnabledAdmins(SqlClient client) {
    return client.query("SELECT count(*) FROM admins WHERE role = 'admin' AND enabled").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Records a successful login.
   *
   * @param id the account
   * @return completion
   */
  public Future<Void> touchLogin(UUID id) {
    return pool.preparedQuery("UPDATE admins SET last_login_at = now() WHERE id = $1")
        .execute(Tuple.of(id)).mapEmpty();
  }
}
