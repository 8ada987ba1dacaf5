package io.slxconnect.hub.store;

import io.slxconnect.hub.config.DatabaseConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the non-blocking connection pool every store shares. */
public final class Database {

  private Database() {
  }

  /**
   * A pool to an external PostgreSQL.
   *
   * @param vertx the Vert.x instance
   * @param config where the database is and how to secure the connection
   * @param poolSize the maximum number of connections
   * @return the pool
   */
  public static Pool pool(Vertx vertx, DatabaseConfig config, int poolSize) {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setDatabase(config.database())
        .setUser(config.user())
        .setSslMode(SslMode.of(config.sslMode()));
    config.password().ifPresent(options::setPassword);
    config.sslRootCert().ifPresent(cert -> options.setSslOptions(
        new ClientSSLOptions().setTrustOptions(new PemTrustOptions().addCertPath(cert))));
    return build(vertx, options, poolSize);
  }

  /**
   * A pool to the embedded PostgreSQL, on loopback where it trusts local connections.
   *
   * @param vertx the Vert.x instance
   * @param port the embedded server's port
   * @param poolSize the maximum number of connections
   * @return the pool
   */
  public static Pool embeddedPool(Vertx vertx, int port, int poolSize) {
    PgConnectOptions options = new PgConnectOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setDatabase("postgres")
        .setUser("postgres");
    return build(vertx, options, poolSize);
  }

  private static Pool build(Vertx vertx, PgConnectOptions options, int poolSize) {
    options.addProperty("application_name", "slx-connect");
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setName("slx-store").setShared(false))
        .connectingTo(options)
        .using(vertx)
        .build();
  }
}
