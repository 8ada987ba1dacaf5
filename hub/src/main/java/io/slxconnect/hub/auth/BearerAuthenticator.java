package io.slxconnect.hub.auth;

import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.store.SessionStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates {@code Authorization: Bearer <jwt>}: the token must verify, and the session it
 * names must still be live in the database, so that logout, a disabled account or a role change
 * take effect at once rather than when the token expires.
 */
public final class BearerAuthenticator implements Authenticator {

  private final AccessTokens tokens;
  private final SessionStore sessions;

  /**
   * Creates the authenticator.
   *
   * @param tokens verifies tokens
   * @param sessions the live sessions
   */
  public BearerAuthenticator(AccessTokens tokens, SessionStore sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  @Override
  public Future<Principal> authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(ApiException.unauthorized(
          "Log in first: send Authorization: Bearer <access token>"));
    }
    return tokens.verify(header.substring(7).trim())
        .recover(e -> Future.failedFuture(
            ApiException.unauthorized("The access token is invalid or has expired")))
        .compose(claims -> sessions.live(claims.sessionId(), claims.adminId()))
        .map(principal -> principal.orElseThrow(() -> ApiException.unauthorized(
            "The session has ended; log in again")));
  }
}
