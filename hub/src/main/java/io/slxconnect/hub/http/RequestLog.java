package io.slxconnect.hub.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request when it ends: method, path (never the query string, which could
 * carry a token), status and duration.
 */
public final class RequestLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("slx.http");

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    ctx.addEndHandler(done -> LOG.info("{} {} {} {}ms", method, path,
        ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000));
    ctx.next();
  }
}
