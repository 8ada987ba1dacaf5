package io.slxconnect.hub.http;

import io.slxconnect.hub.auth.Principal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/**
 * One API request as an operation sees it: validated body, parameters, the caller.
 *
 * @param context the underlying routing context, for cookies and headers
 * @param body the validated JSON body, or an empty object when the operation takes none
 * @param principal the authenticated admin, or empty on public operations
 */
public record ApiRequest(RoutingContext context, JsonObject body, Optional<Principal> principal) {

  /**
   * A path parameter.
   *
   * @param name its name in the OpenAPI path
   * @return its value
   */
  public String path(String name) {
    return context.pathParam(name);
  }

  /**
   * A path parameter that is a UUID; anything else can name no resource, so it is a 404.
   *
   * @param name its name in the OpenAPI path
   * @param what what the id names, for the message
   * @return the id
   */
  public UUID pathUuid(String name, String what) {
    try {
      return UUID.fromString(path(name));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No " + what + " with id " + path(name));
    }
  }

  /**
   * A query parameter, already checked against its schema.
   *
   * @param name its name
   * @return its value, or empty
   */
  public Optional<String> query(String name) {
    return Optional.ofNullable(context.queryParams().get(name)).filter(v -> !v.isEmpty());
  }

  /** @return the authenticated admin; only call on operations that are not public */
  public Principal caller() {
    return principal.orElseThrow(() -> ApiException.unauthorized("Log in first"));
  }

  /** @return the caller's name for the audit log, or {@code null} when anonymous */
  public String actor() {
    return principal.map(Principal::username).orElse(null);
  }

  /** @return the client's address for the audit log */
  public String remoteAddress() {
    return context.request().remoteAddress() == null ? null
        : context.request().remoteAddress().hostAddress();
  }
}
