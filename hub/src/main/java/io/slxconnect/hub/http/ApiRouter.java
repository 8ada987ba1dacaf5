package io.slxconnect.hub.http;

import io.slxconnect.hub.audit.AuditLog;
import io.slxconnect.hub.auth.Authenticator;
import io.slxconnect.hub.auth.Permission;
import io.slxconnect.hub.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mounts every operation of the {@link OpenApiContract} on a router: authenticates the caller,
 * checks the operation's permission against the caller's role, parses and validates the body
 * and query, runs the operation and writes its reply. An operation in the document without a
 * handler, or a handler for no operation, stops the start: routes and document always agree.
 */
public final class ApiRouter {

  private final OpenApiContract contract;
  private final Authenticator authenticator;
  private final AuditLog audit;
  private final Map<String, Operation> operations = new HashMap<>();

  /**
   * Creates the router builder.
   *
   * @param contract the API document
   * @param authenticator checks bearer tokens
   * @param audit records refused attempts
   */
  public ApiRouter(OpenApiContract contract, Authenticator authenticator, AuditLog audit) {
    this.contract = contract;
    this.authenticator = authenticator;
    this.audit = audit;
  }

  /**
   * Registers the handler of an operation.
   *
   * @param operationId the operation's id in the document
   * @param operation its handler
   * @return this
   */
  public ApiRouter handle(String operationId, Operation operation) {
    if (operations.put(operationId, operation) != null) {
      throw new IllegalStateException("Two handlers for operation " + operationId);
    }
    return this;
  }

  /**
   * Adds every operation's route to the router.
   *
   * @param router the router
   */
  public void mount(Router router) {
    Set<String> unused = new HashSet<>(operations.keySet());
    List<String> missing = new ArrayList<>();
    for (OpenApiContract.OperationSpec spec : contract.operations()) {
      Operation operation = operations.get(spec.id());
      if (operation == null) {
        missing.add(spec.id());
        continue;
      }
      unused.remove(spec.id());
      Optional<BodyValidator> validator = spec.bodySchema().map(BodyValidator::new);
      router.route(spec.method(), spec.routerPath())
          .handler(ctx -> serve(ctx, spec, validator, operation));
    }
    if (!missing.isEmpty() || !unused.isEmpty()) {
      throw new IllegalStateException("API routes and openapi.json disagree: no handler for "
          + missing + ", no operation for " + unused);
    }
  }

  private void serve(RoutingContext ctx, OpenApiContract.OperationSpec spec,
      Optional<BodyValidator> validator, Operation operation) {
    Future<Optional<Principal>> caller = spec.permission() == Permission.PUBLIC
        ? Future.succeededFuture(Optional.empty())
        : authenticator.authenticate(ctx).compose(principal -> {
          if (principal.role().allows(spec.permission())) {
            return Future.succeededFuture(Optional.of(principal));
          }
          String address = ctx.request().remoteAddress() == null ? null
              : ctx.request().remoteAddress().hostAddress();
          return audit.record(principal.username(), address, "access.denied", spec.id(), false,
                  new JsonObject().put("role", principal.role().apiName()))
              .compose(v -> Future.failedFuture(ApiException.forbidden("The "
                  + principal.role().apiName() + " role may not do this (" + spec.id() + ")")));
        });
    caller
        .map(principal -> {
          checkQuery(ctx, spec);
          return new ApiRequest(ctx, body(ctx, validator), principal);
        })
        .compose(operation::handle)
        .onSuccess(reply -> write(ctx, reply))
        .onFailure(ctx::fail);
  }

  private static JsonObject body(RoutingContext ctx, Optional<BodyValidator> validator) {
    if (validator.isEmpty()) {
      return new JsonObject();
    }
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      throw ApiException.badRequest("This operation needs a JSON body", List.of());
    }
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw ApiException.badRequest("Send the body as application/json", List.of());
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(raw);
    } catch (DecodeException e) {
      throw ApiException.badRequest("The body is not valid JSON: " + e.getMessage(), List.of());
    }
    var errors = validator.get().validate(parsed, "");
    if (!errors.isEmpty()) {
      throw ApiException.badRequest("The body does not match the API: " + errors.get(0).field()
          + ": " + errors.get(0).message(), errors);
    }
    return (JsonObject) parsed;
  }

  private static void checkQuery(RoutingContext ctx, OpenApiContract.OperationSpec spec) {
    for (OpenApiContract.Parameter param : spec.queryParameters()) {
      String value = ctx.queryParams().get(param.name());
      if (value == null || !"integer".equals(param.schema().getString("type"))) {
        continue;
      }
      long number;
      try {
        number = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Query parameter " + param.name() + " must be a whole number",
            List.of(new ApiException.FieldError(param.name(), "not a whole number")));
      }
      long min = param.schema().getLong("minimum", Long.MIN_VALUE);
      long max = param.schema().getLong("maximum", Long.MAX_VALUE);
      if (number < min || number > max) {
        throw ApiException.badRequest("Query parameter " + param.name() + " must be between "
            + min + " and " + max, List.of(new ApiException.FieldError(param.name(),
            "out of range")));
      }
    }
  }

  private static void write(RoutingContext ctx, Reply reply) {
    if (reply == Reply.STREAMED) {
      return;
    }
    var response = ctx.response().setStatusCode(reply.status()).putHeader("Cache-Control",
        "no-store");
    if (reply.body() == null) {
      response.end();
    } else if (reply.body() instanceof JsonObject || reply.body() instanceof JsonArray
        || reply.body() instanceof String) {
      response.putHeader("Content-Type", reply.contentType()).end(reply.body().toString());
    } else {
      throw new IllegalStateException("Replies are JSON objects, arrays or text");
    }
  }
}
