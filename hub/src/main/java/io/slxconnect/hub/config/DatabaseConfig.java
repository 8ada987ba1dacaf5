package io.slxconnect.hub.config;

import java.util.Optional;

/**
 * How to reach an external PostgreSQL.
 *
 * @param host the server host
 * @param port the server port
 * @param database the database name
 * @param user the user name
 * @param password the password, or empty for trust or certificate authentication
 * @param sslMode {@code disable}, {@code require}, {@code verify-ca} or {@code verify-full}
 * @param sslRootCert a PEM file of the CA to trust, or empty for the JVM's trust store
 */
public record DatabaseConfig(
    String host,
    int port,
    String database,
    String user,
    Optional<String> password,
    String sslMode,
    Optional<String> sslRootCert) {

  /** {@return where the database is, without the password} */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database
        + " (sslmode=" + sslMode + ")";
  }
}
