package io.slxconnect.hub.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every error as {@code application/problem+json}; unexpected ones are logged, not shown. */
public final class Problems {

  /**
   * The routing-context key of the detail a 413 answer gives, for routes whose body limit is
   * not the general one.
   */
  public static final String TOO_LARGE = "slx.tooLargeDetail";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final Map<Integer, String> TITLES = Map.of(
      400, "Bad request", 401, "Unauthorized", 403, "Forbidden", 404, "Not found",
      405, "Method not allowed", 413, "Request body too large", 415, "Unsupported media type",
      500, "Internal error", 503, "Service unavailable");

  private Problems() {
  }

  /**
   * The failure handler of the router: answers with a problem for whatever failed.
   *
   * @param ctx the failed request
   */
  public static void handleFailure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      send(ctx, api);
      return;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      send(ctx, status, "The hub could not complete the request; the error is in its log.");
    } else {
      send(ctx, status, detailFor(status, ctx));
    }
  }

  /**
   * Answers with the given API problem.
   *
   * @param ctx the request
   * @param problem the problem
   */
  public static void send(RoutingContext ctx, ApiException problem) {
    HttpServerResponse response = ctx.response();
    if (problem.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"slx-connect\"");
    }
    write(ctx, problem.status(), problem.title(), problem.getMessage(), problem.errors());
  }

  private static void send(RoutingContext ctx, int status, String detail) {
    write(ctx, status, TITLES.getOrDefault(status, "Error"), detail, List.of());
  }

  private static void write(RoutingContext ctx, int status, String title, String detail,
      List<ApiException.FieldError> errors) {
    JsonObject body = new JsonObject()
        .put("type", "about:blank")
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("instance", ctx.request().path());
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(new JsonObject().put("field", e.field())
          .put("message", e.message())));
      body.put("errors", list);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  private static String detailFor(int status, RoutingContext ctx) {
    return switch (status) {
      case 404 -> "Nothing at " + ctx.request().path();
      case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path();
      case 413 -> ctx.get(TOO_LARGE, "The request body is larger than the hub accepts "
          + "(SLX_MAX_BODY_BYTES)");
      default -> TITLES.getOrDefault(status, "The request failed");
    };
  }
}
