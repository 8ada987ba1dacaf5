package io.slxconnect.hub.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * <p>A hub killed without shutdown leaves its postgres running; {@link #start} finds it through
 * {@code postmaster.pid} and stops it before starting a new one, rather than silently sharing it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on the given data directory, initialising it on first use. Blocking: call
   * it before Vert.x starts, or on a worker.
   *
   * @param dataDirectory where the database files live
   * @param port the loopback port
   * @return the running database
   * @throws IOException when it cannot be started
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
    stopOrphan(dataDirectory);
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
        .start();
    LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {} ({} ms)", port,
        dataDirectory, (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedDatabase(postgres);
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
