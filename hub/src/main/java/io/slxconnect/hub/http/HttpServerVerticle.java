package io.slxconnect.hub.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the router on one event loop. The hub deploys one instance per core; Vert.x shares
 * the port among them and spreads the connections.
 */
public final class HttpServerVerticle extends VerticleBase {

  private final HttpServerOptions options;
  private final Router router;
  private final AtomicInteger boundPort;

  /**
   * Creates one instance.
   *
   * @param options where to listen
   * @param router what to serve
   * @param boundPort receives the port actually bound (useful with port 0)
   */
  public HttpServerVerticle(HttpServerOptions options, Router router, AtomicInteger boundPort) {
    this.options = options;
    this.router = router;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(options).requestHandler(router).listen()
        .onSuccess(server -> boundPort.compareAndSet(0, server.actualPort()));
  }
}
