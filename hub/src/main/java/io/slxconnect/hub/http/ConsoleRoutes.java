package io.slxconnect.hub.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the console (the React SPA built into the {@code webroot/} class-path folder): hashed
 * assets cached for a year, {@code index.html} never cached, and every other GET that is not an
 * API, health, metrics or hook path answered with {@code index.html} so that the SPA's own
 * routes survive a reload (history-API fallback).
 */
public final class ConsoleRoutes {

  private static final String WEBROOT = "webroot";
  private static final long YEAR_SECONDS = 365L * 24 * 3600;

  private ConsoleRoutes() {
  }

  /**
   * Adds the console routes; call after every other route.
   *
   * @param router the router
   */
  public static void mount(Router router) {
    Buffer index = readIndex();
    Handler<RoutingContext> serveIndex = ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(index);
    read(router, "/").handler(serveIndex);
    read(router, "/index.html").handler(serveIndex);
    // A route's wildcard prefix is stripped before the file lookup, hence the assets root.
    read(router, "/assets/*").handler(StaticHandler.create(WEBROOT + "/assets")
        .setMaxAgeSeconds(YEAR_SECONDS)
        .setSendVaryHeader(false)
        .setDefaultContentEncoding("UTF-8"));
    read(router, "/assets/*").handler(ctx -> ctx.fail(404));
    read(router, "/*").handler(StaticHandler.create(WEBROOT)
        .setCachingEnabled(false)
        .setDefaultContentEncoding("UTF-8"));
    read(router, "/*").handler(ctx -> {
      String path = ctx.request().path();
      if (path.startsWith("/api/") || path.startsWith("/hooks/") || path.startsWith("/health")
          || path.equals("/metrics")) {
        ctx.next();
        return;
      }
      serveIndex.handle(ctx);
    });
  }

  /** A route for GET and HEAD: the console only reads. */
  private static Route read(Router router, String path) {
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  private static Buffer readIndex() {
    try (InputStream in = ConsoleRoutes.class.getClassLoader()
        .getResourceAsStream(WEBROOT + "/index.html")) {
      if (in == null) {
        return Buffer.buffer("<!doctype html><title>SLX Connect</title>"
            + "<p>The console was not built into this hub (web-ui module missing).</p>");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
