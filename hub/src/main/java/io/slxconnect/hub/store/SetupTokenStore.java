package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/** The {@code setup_tokens} table: the digest of the one valid first-admin setup token. */
public final class SetupTokenStore {

  private final Pool pool;

  /**
   * Creates the store.
   *
   * @param pool the database
   */
  public SetupTokenStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Makes this the only valid token.
   *
   * @param digest the token's digest
   * @param ttl how long it stays valid
   * @return completion
   */
  public Future<Void> replace(String digest, Duration ttl) {
    return pool.withTransaction(conn -> conn.query("DELETE FROM setup_tokens").execute()
        .compose(r -> conn.preparedQuery("INSERT INTO setup_tokens (digest, expires_at) "
            + "VALUES ($1, now() + $2 * interval '1 second')")
            .execute(Tuple.of(digest, ttl.toSeconds())))
        .mapEmpty());
  }

  /**
   * Whether a token is valid now, without using it up.
   *
   * @param digest the digest of the token presented
   * @return whether it is valid
   */
  public Future<Boolean> isLive(String digest) {
    return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM setup_tokens WHERE digest = $1 "
            + "AND expires_at > now())").execute(Tuple.of(digest))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * Consumes a token: it works once.
   *
   * @param client a transaction's connection
   * @param digest the digest of the token presented
   * @return whether it was valid
   */
  public Future<Boolean> consume(SqlClient client, String digest) {
    return client.preparedQuery("DELETE FROM setup_tokens WHERE digest = $1 "
            + "AND expires_at > now()").execute(Tuple.of(digest)).map(r -> r.rowCount() == 1);
  }
}
