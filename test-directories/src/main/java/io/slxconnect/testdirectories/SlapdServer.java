package io.slxconnect.testdirectories;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real OpenLDAP {@code slapd} on 127.0.0.1 and a free port, in a private temporary directory:
 * back_mdb with the syncprov overlay (RFC 4533 content synchronization, with a session log so
 * that a saved cookie brings back deletions as entryUUID sets), the inetOrgPerson schema, and a
 * random root password. It serves {@link ExampleDirectory#SUFFIX}. It can be stopped and started
 * again on the same port and data, to test reconnects and changes made while a client was away.
 *
 * <p>Data comes from an optional LDIF loaded with {@code slapadd} before the first start (fast
 * for large populations, such as a benchmark's: {@link #start(Path)} takes a file so that they
 * need not fit in memory), or from writes through {@link #connect()}. When slapd is not
 * installed, starting fails with the command that installs it: tests of RFC 4533 need a server
 * that implements it, so they never skip silently.
 */
public final class SlapdServer implements AutoCloseable {

  /** The root DN: bound as it, there are no access controls and no size limits. */
  public static final String ROOT_DN = "cn=admin," + ExampleDirectory.SUFFIX;

  private static final String INSTALL =
      "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slapd ldap-utils";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** Generous: a benchmark loads a hundred thousand users and more. */
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);

  private final Path slapd;
  private final Path dir;
  private final int port;
  private final String rootPassword;
  private final TestCertificate tls;
  private Process process;

  private SlapdServer(Path slapd, Path dir, int port, String rootPassword,
      TestCertificate tls) {
    this.slapd = slapd;
    this.dir = dir;
    this.port = port;
    this.rootPassword = rootPassword;
    this.tls = tls;
  }

  /**
   * Configures a new server, loads the LDIF and starts it.
   *
   * @param ldif entries to load with slapadd before the start, such as
   *     {@link ExampleDirectory#BASE_LDIF} and users below it (they need no entryUUID: slapadd
   *     adds the operational attributes), or {@code null} for an empty database
   * @return the running server
   * @throws IOException when the LDIF is refused or slapd does not start
   * @throws IllegalStateException when slapd is not installed
   * @throws InterruptedException when interrupted while waiting for slapd
   */
  public static SlapdServer start(String ldif) throws IOException, InterruptedException {
    return start(ldif, null);
  }

  /**
   * Configures a new server that also offers StartTLS with the given certificate, loads the
   * LDIF and starts it.
   *
   * @param ldif entries to load, as for {@link #start(String)}, or {@code null}
   * @param tls the server certificate (RSA: slapd's GnuTLS cannot read the EC keys Java
   *     writes), or {@code null} for plain LDAP only
   * @return the running server
   * @throws IOException when the LDIF is refused or slapd does not start
   * @throws InterruptedException when interrupted while waiting for slapd
   */
  public static SlapdServer start(String ldif, TestCertificate tls)
      throws IOException, InterruptedException {
    if (ldif == null) {
      return create(null, tls);
    }
    Path file = Files.createTempFile("slx-slapd-", ".ldif");
    try {
      Files.writeString(file, ldif);
      return create(file, tls);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Configures a new server, bulk-loads an LDIF file and starts it.
   *
   * @param ldif a file of entries to load with slapadd before the start (as for
   *     {@link #start(String)}), or {@code null} for an empty database
   * @return the running server
   * @throws IOException when the LDIF is refused or slapd does not start
   * @throws IllegalStateException when slapd is not installed
   * @throws InterruptedException when interrupted while waiting for slapd
   */
  public static SlapdServer start(Path ldif) throws IOException, InterruptedException {
    return create(ldif, null);
  }

  private static SlapdServer create(Path ldif, TestCertificate tls)
      throws IOException, InterruptedException {
    String missing = "These tests need OpenLDAP's slapd (RFC 4533 content synchronization), "
        + "which is not installed. Install it with: " + INSTALL;
    Path slapd = ServerProcesses.executable("slapd", "/usr/sbin/slapd", missing);
    Path slapadd = ServerProcesses.executable("slapadd", "/usr/sbin/slapadd", missing);
    Path dir = Files.createTempDirectory("slx-slapd-");
    SlapdServer server =
        new SlapdServer(slapd, dir, ServerProcesses.freePort(), UUID.randomUUID().toString(),
            tls);
    try {
      server.configure();
      if (ldif != null) {
        // -w writes the syncprov contextCSN, as a server that took the entries over LDAP has:
        // without it a sync cookie names no position and every refresh lists everything.
        ServerProcesses.run(List.of(slapadd.toString(), "-q", "-w", "-f",
            server.config().toString(), "-l", ldif.toString()), LOAD_TIMEOUT,
            dir.resolve("slapadd.log"));
      }
      server.launch();
      return server;
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  /** {@return the URL, ldap://127.0.0.1:port} */
  public String url() {
    return "ldap://127.0.0.1:" + port;
  }

  /** {@return the {@link #ROOT_DN}'s password, random per server} */
  public String rootPassword() {
    return rootPassword;
  }

  /**
   * Opens a connection bound as the root DN, to write test data.
   *
   * @return the connection; the caller closes it
   * @throws LDAPException when the server does not answer or refuses the bind
   */
  public LDAPConnection connect() throws LDAPException {
    return new LDAPConnection("127.0.0.1", port, ROOT_DN, rootPassword);
  }

  /**
   * Stops the server gracefully (SIGTERM, so that syncprov writes its contextCSN), keeping its
   * port and data for {@link #restart()}; nothing when it is stopped already.
   */
  public void stop() {
    if (process != null) {
      ServerProcesses.terminate(process.toHandle(), STOP_TIMEOUT);
      process = null;
    }
  }

  /**
   * Starts the stopped server again on the same port with the same data.
   *
   * @throws IOException when it does not start
   * @throws InterruptedException when interrupted while waiting for it
   */
  public void restart() throws IOException, InterruptedException {
    if (process != null) {
      throw new IllegalStateException("slapd is running; stop() it first");
    }
    launch();
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    stop();
    ServerProcesses.deleteTree(dir);
  }

  private Path config() {
    return dir.resolve("slapd.conf");
  }

  private void configure() throws IOException {
    Files.createDirectories(dir.resolve("db"));
    String tlsConfig = "";
    if (tls != null) {
      try {
        Files.writeString(dir.resolve("cert.pem"), tls.pem());
        tls.writePrivateKeyPem(dir.resolve("key.pem"));
      } catch (Exception e) {
        throw new IOException("Cannot write slapd's certificate and key", e);
      }
      tlsConfig = "TLSCertificateFile " + dir.resolve("cert.pem") + "\nTLSCertificateKeyFile "
          + dir.resolve("key.pem");
    }
    Files.writeString(config(), String.join("\n",
        "include /etc/ldap/schema/core.schema",
        "include /etc/ldap/schema/cosine.schema",
        "include /etc/ldap/schema/inetorgperson.schema",
        "modulepath /usr/lib/ldap",
        // StartTLS on the same port, when the server was given a certificate.
        tlsConfig,
        "moduleload back_mdb",
        "moduleload syncprov",
        "pidfile " + dir.resolve("slapd.pid"),
        // The default of 500 would cut off a search by any account other than the root DN
        // (which has no limits) in a large population, such as the import benchmark's.
        "sizelimit unlimited",
        "database mdb",
        // The largest the memory-mapped database may grow: 2 GiB holds a few hundred
        // thousand users; the file only grows as far as it is used.
        "maxsize 2147483648",
        "suffix \"" + ExampleDirectory.SUFFIX + "\"",
        "rootdn \"" + ROOT_DN + "\"",
        "rootpw " + rootPassword,
        "directory " + dir.resolve("db"),
        "index objectClass eq",
        "index uid eq",
        "index entryCSN,entryUUID eq",
        "overlay syncprov",
        // Writes the contextCSN every 100 operations or 10 minutes, and on shutdown.
        "syncprov-checkpoint 100 10",
        // Remembers the last 1000 deletions, so that a saved cookie gets them as an ID set.
        "syncprov-sessionlog 1000", ""));
  }

  private void launch() throws IOException {
    Path log = dir.resolve("slapd.log");
    process = new ProcessBuilder(slapd.toString(), "-d", "0", "-h", url() + "/",
        "-f", config().toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    if (!ServerProcesses.awaitListening(process, port, START_TIMEOUT)) {
      stop();
      throw new IOException("slapd did not start on " + url() + ": "
          + ServerProcesses.tail(log));
    }
  }
}
