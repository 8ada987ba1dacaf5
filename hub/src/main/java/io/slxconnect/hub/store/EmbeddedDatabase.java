package io.slxconnect.hub.store;

import io.slxconnect.hub.crypto.KeyMaterial;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL the hub runs itself, with its data under the hub's data directory, for the
 * one-command start on a fresh machine. It listens on loopback only and commits durably
 * (fsync and synchronous_commit on), unlike the test-oriented defaults of the library.
 *
 * <p>Connections need a password, even on loopback: a random one generated at first start and
 * kept in a 0600 file of the data directory; the initial trust authentication of initdb is
 * replaced by scram-sha-256 right after the first start.
 *
 * <p>A hub killed without shutdown leaves its postgres running; {@link #start} finds it through
 * {@code postmaster.pid} and stops it before starting a new one, rather than silently sharing it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private static final String HBA_MARKER = "# SLX Connect: password authentication only";

  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  /**
   * Starts PostgreSQL on the given data directory, initialising it on first use. Blocking: call
   * it before Vert.x starts, or on a worker.
   *
   * @param dataDirectory where the database files live
   * @param port the loopback port
   * @param passwordFile where the superuser's password is kept (created when missing)
   * @return the running database
   * @throws IOException when it cannot be started
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port, Path passwordFile)
      throws IOException {
    stopOrphan(dataDirectory);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(
        KeyMaterial.load(Optional.empty(), passwordFile.toString(), passwordFile));
    boolean passwordsEnforced = passwordsEnforced(dataDirectory);
    long started = System.nanoTime();
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setPGStartupWait(Duration.ofSeconds(60))
        .setConnectConfig("password", password)
        .start();
    if (!passwordsEnforced) {
      enforcePasswords(postgres.getPort(), dataDirectory, password);
    }
    LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {} ({} ms)", port,
        dataDirectory, (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedDatabase(postgres, password);
  }

  /** @return the password of the {@code postgres} superuser */
  public String password() {
    return password;
  }

  private static boolean passwordsEnforced(Path dataDirectory) throws IOException {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    return Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARKER);
  }

  /** Sets the superuser's password, then allows only password logins from now on. */
  private static void enforcePasswords(int port, Path dataDirectory, String password)
      throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
        + "/postgres", "postgres", "");
        Statement statement = c.createStatement()) {
      // The password is base64url: no quote can end the literal.
      statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA_MARKER + "\n"
          + "local all all scram-sha-256\n"
          + "host all all 127.0.0.1/32 scram-sha-256\n"
          + "host all all ::1/128 scram-sha-256\n");
      statement.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("Cannot set the embedded PostgreSQL's password: " + e.getMessage(), e);
    }
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return postgres.getPort();
  }

  /** Stops PostgreSQL cleanly. */
  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /** Stops a postgres left running on this data directory by a hub that crashed. */
  static void stopOrphan(Path dataDirectory) throws IOException {
    Optional<ProcessHandle> orphan = postmaster(dataDirectory);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn("PostgreSQL (pid {}) from an earlier run still uses {}; stopping it first",
        process.pid(), dataDirectory);
    process.destroy(); // SIGTERM: a smart shutdown, its old clients are gone
    Instant deadline = Instant.now().plus(STOP_WAIT);
    while (process.isAlive() && Instant.now().isBefore(deadline)) {
      try {
        process.onExit().get(1, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        // keep waiting until the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while stopping the old PostgreSQL", e);
      } catch (ExecutionException e) {
        throw new IOException("Cannot wait for the old PostgreSQL to stop", e);
      }
    }
    if (process.isAlive()) {
      throw new IOException("PostgreSQL pid " + process.pid() + " on " + dataDirectory
          + " did not stop within " + STOP_WAIT.toSeconds() + " s; stop it by hand");
    }
  }

  /** The live postmaster named in postmaster.pid, if it is one. */
  static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
        .findFirst().orElse("").trim();
    long pid;
    try {
      pid = Long.parseLong(firstLine);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
  }
}
