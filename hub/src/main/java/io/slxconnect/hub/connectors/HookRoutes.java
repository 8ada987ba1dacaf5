package io.slxconnect.hub.connectors;

import io.slxconnect.hub.http.ApiException;
import io.vertx.ext.web.Router;
import java.util.UUID;

/**
 * Hands requests under {@code /hooks/{connectorId}/} to the receiver the running connector
 * registered (push notifications from Google and the like). The connector authenticates them:
 * each push source has its own scheme (channel tokens, signatures).
 */
public final class HookRoutes {

  private HookRoutes() {
  }

  /**
   * Adds the hook routes.
   *
   * @param router the router
   * @param runtime the running connectors
   */
  public static void mount(Router router, ConnectorRuntime runtime) {
    router.route("/hooks/:id/*").handler(ctx -> {
      UUID id;
      try {
        id = UUID.fromString(ctx.pathParam("id"));
      } catch (IllegalArgumentException e) {
        ctx.fail(ApiException.notFound("No connector receives requests here"));
        return;
      }
      runtime.hook(id).ifPresentOrElse(handler -> handler.handle(ctx.request()),
          () -> ctx.fail(ApiException.notFound("No running connector " + id
              + " receives requests here")));
    });
  }
}
