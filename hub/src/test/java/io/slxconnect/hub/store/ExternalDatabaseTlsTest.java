package io.slxconnect.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.hub.config.DatabaseConfig;
import io.slxconnect.hub.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external PostgreSQL over TLS, as production runs it: a real server with a certificate for
 * "localhost", and the hub's pool in each sslmode.
 */
class ExternalDatabaseTlsTest {

  @TempDir
  static Path dir;
  private static EmbeddedPostgres server;
  private static Vertx vertx;

  @BeforeAll
  static void startServerWithTls() throws Exception {
    Path key = dir.resolve("server.key");
    Path cert = dir.resolve("server.crt");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048",
        "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext",
        "subjectAltName=DNS:localhost", "-keyout", key.toString(), "-out", cert.toString())
        .redirectErrorStream(true).start();
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0,
        new String(openssl.getInputStream().readAllBytes()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    server = EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("data"))
        .setPort(TestDatabase.freePort())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", cert.toString())
        .setServerConfig("ssl_key_file", key.toString())
        .start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await();
    server.close();
  }

  @Test
  void verifyFullConnectsEncryptedToTheServerItsCertificateNames() {
    Pool pool = pool("localhost", "verify-full", Optional.of(dir.resolve("server.crt")));
    try {
      Boolean encrypted = pool.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
          .execute().await().iterator().next().getBoolean(0);
      assertEquals(true, encrypted);
    } finally {
      pool.close().await();
    }
  }

  @Test
  void verifyFullRefusesACertificateIssuedForAnotherName() {
    Pool pool = pool("127.0.0.1", "verify-full", Optional.of(dir.resolve("server.crt")));
    try {
      assertThrows(Exception.class, () -> pool.query("SELECT 1").execute().await());
    } finally {
      pool.close().await();
    }
  }

  @Test
  void verifyCaRefusesACertificateNoTrustedAuthoritySigned() {
    Pool pool = pool("localhost", "verify-ca", Optional.empty());
    try {
      assertThrows(Exception.class, () -> pool.query("SELECT 1").execute().await());
    } finally {
      pool.close().await();
    }
  }

  private static Pool pool(String host, String sslMode, Optional<Path> rootCert) {
    return Database.pool(vertx, new DatabaseConfig(host, server.getPort(), "postgres",
        "postgres", Optional.empty(), sslMode, rootCert.map(Path::toString)), 2);
  }
}
