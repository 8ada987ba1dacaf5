package io.slxconnect.hub.store;

import io.slxconnect.hub.config.DatabaseConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;

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
    return pool(vertx, options(config), poolSize);
  }

  /**
   * How to connect to an external PostgreSQL.
   *
   * @param config where the database is and how to secure the connection
   * @return the options, for a pool or a dedicated connection
   */
  public static PgConnectOptions options(DatabaseConfig config) {
    SslMode mode = SslMode.of(config.sslMode());
    PgConnectOptions options = new PgConnectOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setDatabase(config.database())
        .setUser(config.user())
        .setSslMode(mode);
    config.password().ifPresent(options::setPassword);
    if (mode != SslMode.DISABLE) {
      options.setSslOptions(tls(mode, config));
    }
    return options;
  }

  /**
   * TLS as libpq's sslmode means it: {@code require} encrypts without checking the server;
   * {@code verify-ca} checks the certificate against the given CA (or the JVM's trust store);
   * {@code verify-full} also checks that it was issued for the host name.
   */
  private static ClientSSLOptions tls(SslMode mode, DatabaseConfig config) {
    ClientSSLOptions tls = new ClientSSLOptions();
    if (mode == SslMode.REQUIRE) {
      return tls.setTrustAll(true);
    }
    tls.setTrustOptions(config.sslRootCert()
        .<TrustOptions>map(cert -> new PemTrustOptions().addCertPath(cert))
        .orElseGet(Database::jvmTrustStore));
    if (mode == SslMode.VERIFY_FULL) {
      tls.setHostnameVerificationAlgorithm("HTTPS");
    }
    return tls;
  }

  private static TrustOptions jvmTrustStore() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return TrustOptions.wrap(factory);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JVM's trust store cannot be read", e);
    }
  }

  /**
   * How to connect to the embedded PostgreSQL, on loopback.
   *
   * @param embedded the embedded server
   * @return the options, for a pool or a dedicated connection
   */
  public static PgConnectOptions options(EmbeddedDatabase embedded) {
    return new PgConnectOptions()
        .setHost("127.0.0.1")
        .setPort(embedded.port())
        .setDatabase("postgres")
        .setUser("postgres")
        .setPassword(embedded.password());
  }

  /**
   * The shared pool.
   *
   * @param vertx the Vert.x instance
   * @param options where the database is
   * @param poolSize the maximum number of connections
   * @return the pool
   */
  public static Pool pool(Vertx vertx, PgConnectOptions options, int poolSize) {
    options.addProperty("application_name", "slx-connect");
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setName("slx-store").setShared(false))
        .connectingTo(options)
        .using(vertx)
        .build();
  }
}
