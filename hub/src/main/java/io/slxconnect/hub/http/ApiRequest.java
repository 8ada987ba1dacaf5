package io.slxconnect.hub.http;

import io.slxconnect.hub.auth.Principal;
import io.slxconnect.hub.store.KeysetPage;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
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

  /**
   * A query parameter that is a UUID.
   *
   * @param name its name
   * @return its value, or empty
   * @throws ApiException 400 when it is not a UUID
   */
  public Optional<UUID> queryUuid(String name) {
    try {
      return query(name).map(UUID::fromString);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Query parameter " + name + " must be an id (UUID)",
          List.of(new ApiException.FieldError(name, "not a UUID")));
    }
  }

  /**
   * A query parameter that is a point in time (RFC 3339, as {@code format: date-time}).
   *
   * @param name its name
   * @return its value, or empty
   * @throws ApiException 400 when it is not a date-time
   */
  public Optional<java.time.Instant> queryInstant(String name) {
    try {
      return query(name).map(v -> java.time.OffsetDateTime.parse(v).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.badRequest("Query parameter " + name + " must be a date-time such as "
          + "2026-11-26T10:00:00Z", List.of(new ApiException.FieldError(name,
              "not a date-time")));
    }
  }

  /**
   * The paging parameters of a listing: {@code limit} (checked against the document already)
   * and {@code cursor}, which must be one the hub gave out.
   *
   * @return the page size and the cursor (or {@code null})
   */
  public Paging paging() {
    String cursor = query("cursor").orElse(null);
    try {
      KeysetPage.decode(cursor);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Query parameter cursor is not one this hub gave out",
          List.of(new ApiException.FieldError("cursor", "not a valid cursor")));
    }
    return new Paging(query("limit").map(Integer::parseInt).orElse(50), cursor);
  }

  /**
   * The paging parameters of a listing newest first, whose cursor is the last id seen.
   *
   * @return the page size, and the id to continue below (or {@code null})
   */
  public IdPaging idPaging() {
    Paging paging = paging();
    try {
      String key = KeysetPage.decode(paging.cursor());
      return new IdPaging(paging.limit(), key == null ? null : Long.parseLong(key));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Query parameter cursor is not one this hub gave out",
          List.of(new ApiException.FieldError("cursor", "not a valid cursor")));
    }
  }

  /**
   * Paging by id, newest first.
   *
   * @param limit the page size
   * @param before only ids below this one, or {@code null} for the first page
   */
  public record IdPaging(int limit, Long before) {
  }

  /**
   * Paging parameters.
   *
   * @param limit the page size
   * @param cursor the cursor, or {@code null} for the first page
   */
  public record Paging(int limit, String cursor) {
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
