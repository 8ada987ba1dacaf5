package io.slxconnect.hub.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Finds the admin behind a request, or fails with a 401 problem. */
public interface Authenticator {

  /**
   * Authenticates a request.
   *
   * @param ctx the request
   * @return the caller; a failed future with a 401 {@code ApiException} otherwise
   */
  Future<Principal> authenticate(RoutingContext ctx);
}
