package io.slxconnect.hub.store;

import io.slxconnect.hub.auth.Principal;
import io.slxconnect.hub.auth.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code admin_sessions} table: one row per login, holding the digest of its refresh token.
 * A session is live until it expires or is revoked (logout, password change, account disabled).
 */
public final class SessionStore {

  private final Pool pool;

  /**
   * Creates the store.
   *
   * @param pool the database
   */
  public SessionStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Opens a session.
   *
   * @param adminId the admin
   * @param refreshDigest the digest of the refresh token
   * @param ttl how long it lives
   * @param remoteAddress where the login came from
   * @param userAgent the client
   * @return the session id
   */
  public Future<UUID> open(UUID adminId, String refreshDigest, Duration ttl,
      String remoteAddress, String userAgent) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("INSERT INTO admin_sessions (id, admin_id, refresh_digest, "
            + "expires_at, remote_address, user_agent) "
            + "VALUES ($1, $2, $3, now() + $4 * interval '1 second', $5, $6)")
        .execute(Tuple.of(id, adminId, refreshDigest, ttl.toSeconds(), remoteAddress,
            userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 300))))
        .map(id);
  }

  /**
   * The admin of a live session, with the account's current role.
   *
   * @param sessionId the session
   * @param adminId the admin the token names
   * @return the principal, or empty when the session is over or the account disabled
   */
  public Future<Optional<Principal>> live(UUID sessionId, UUID adminId) {
    return pool.preparedQuery("SELECT a.username, a.role FROM admin_sessions s "
            + "JOIN admins a ON a.id = s.admin_id WHERE s.id = $1 AND s.admin_id = $2 "
            + "AND s.revoked_at IS NULL AND s.expires_at > now() AND a.enabled")
        .execute(Tuple.of(sessionId, adminId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Principal(adminId,
            rows.iterator().next().getString(0),
            Role.fromApiName(rows.iterator().next().getString(1)), sessionId)));
  }

  /**
   * Replaces the refresh token of a live session whose current token matches.
   *
   * @param sessionId the session
   * @param oldDigest the digest presented
   * @param newDigest the digest of the new token
   * @return the admin id, or empty when the token is not (or no longer) valid
   */
  public Future<Optional<UUID>> rotate(UUID sessionId, String oldDigest, String newDigest) {
    return pool.preparedQuery("UPDATE admin_sessions s SET refresh_digest = $3 FROM admins a "
            + "WHERE s.id = $1 AND s.refresh_digest = $2 AND s.revoked_at IS NULL "
            + "AND s.expires_at > now() AND a.id = s.admin_id AND a.enabled RETURNING s.admin_id")
        .execute(Tuple.of(sessionId, oldDigest, newDigest))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getUUID(0)));
  }

  /**
   * Ends a session.
   *
   * @param sessionId the session
   * @return completion
   */
  public Future<Void> revoke(UUID sessionId) {
    return pool.preparedQuery("UPDATE admin_sessions SET revoked_at = now() "
            + "WHERE id = $1 AND revoked_at IS NULL").execute(Tuple.of(sessionId)).mapEmpty();
  }

  /**
   * Ends every session of an admin (password changed, account disabled).
   *
   * @param adminId the admin
   * @return completion
   */
  public Future<Void> revokeAll(UUID adminId) {
    return pool.preparedQuery("UPDATE admin_sessions SET revoked_at = now() "
            + "WHERE admin_id = $1 AND revoked_at IS NULL").execute(Tuple.of(adminId)).mapEmpty();
  }
}
