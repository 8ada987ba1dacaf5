package io.slxconnect.hub.http;

import io.vertx.core.Future;

/**
 * The handler of one API operation of the OpenAPI document, found by its {@code operationId}.
 * It gets a request whose caller is already authorised and whose body is already validated.
 */
@FunctionalInterface
public interface Operation {

  /**
   * Handles the request.
   *
   * @param request the request
   * @return the reply; a failed future with an {@link ApiException} becomes a problem answer
   */
  Future<Reply> handle(ApiRequest request);
}
