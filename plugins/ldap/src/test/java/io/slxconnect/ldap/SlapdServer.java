package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenLDAP {@code slapd} on 127.0.0.1 and a free port, in a private temporary directory:
 * back_mdb with the syncprov overlay (RFC 4533 content synchronization, with a session log so
 * that a saved cookie brings back deletions as entryUUID sets), the inetOrgPerson schema, and a
 * random root password. It can be stopped and started again on the same port and data, to test
 * reconnects and changes made while a client was away.
 *
 * <p>Data comes from an optional LDIF loaded with {@code slapadd} before the first start (fast
 * for large populations, such as a benchmark's), or from writes through {@link #connect()}.
 * When slapd is not installed, {@link #start(String)} fails with the command that installs it:
 * tests of RFC 4533 need a server that implements it, so they never skip silently.
 */
final class SlapdServer implements AutoCloseable {

  static final String SUFFIX = "dc=example,dc=com";
  static final String ROOT_DN = "cn=admin," + SUFFIX;
  static final String PEOPLE = "ou=People," + SUFFIX;

  /** The suffix entry and {@link #PEOPLE}: the least a test directory needs. */
  static final String BASE_LDIF = String.join("\n",
      "dn: " + SUFFIX, "objectClass: domain", "dc: example", "",
      "dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: People", "", "");

  private static final Path SLAPD = Path.of("/usr/sbin/slapd");
  private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
  private static final String INSTALL =
      "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slapd ldap-utils";
  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Path dir;
  private final int port;
  private final String rootPassword;
  private Process process;

  private SlapdServer(Path dir, int port, String rootPassword) {
    this.dir = dir;
    this.port = port;
    this.rootPassword = rootPassword;
  }

  /**
   * Configures a new server, loads the LDIF and starts it.
   *
   * @param ldif entries to load with slapadd before the start (they need no entryUUID: slapadd
   *     adds the operational attributes), or {@code null} for an empty database
   * @return the running server
   * @throws IOException when slapd is missing, the LDIF is refused, or slapd does not start
   * @throws InterruptedException when interrupted while waiting for slapd
   */
  static SlapdServer start(String ldif) throws IOException, InterruptedException {
    if (!Files.isExecutable(SLAPD) || !Files.isExecutable(SLAPADD)) {
      throw new IllegalStateException("These tests need OpenLDAP's slapd (RFC 4533 content "
          + "synchronization), which is not installed. Install it with: " + INSTALL);
    }
    Path dir = Files.createTempDirectory("slx-slapd-");
    SlapdServer server = new SlapdServer(dir, freePort(), UUID.randomUUID().toString());
    try {
      server.configure();
      if (ldif != null) {
        server.load(ldif);
      }
      server.launch();
      return server;
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  /** {@return the URL, ldap://127.0.0.1:port} */
  String url() {
    return "ldap://127.0.0.1:" + port;
  }

  /** {@return the root DN's password, random per server} */
  String rootPassword() {
    return rootPassword;
  }

  /**
   * Settings for a connector bound as the root DN over plain LDAP, users below {@link #PEOPLE}.
   *
   * @return the settings
   */
  JsonObject settings() {
    return new JsonObject()
        .put("urls", new JsonArray().add(url()))
        .put("security", "none")
        .put("allowPlaintext", true)
        .put("bindDn", ROOT_DN)
        .put("bindPassword", rootPassword)
        .put("userBaseDn", PEOPLE)
        .put("userFilter", "(objectClass=inetOrgPerson)");
  }

  /**
   * Opens a connection bound as the root DN, to write test data.
   *
   * @return the connection; the caller closes it
   * @throws LDAPException when the server does not answer or refuses the bind
   */
  LDAPConnection connect() throws LDAPException {
    return new LDAPConnection("127.0.0.1", port, ROOT_DN, rootPassword);
  }

  /**
   * Stops the server gracefully (SIGTERM), keeping its port and data for {@link #restart()}.
   *
   * @throws InterruptedException when interrupted while waiting for it to exit
   */
  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    process = null;
  }

  /**
   * Starts the stopped server again on the same port with the same data.
   *
   * @throws IOException when it does not start
   * @throws InterruptedException when interrupted while waiting for it
   */
  void restart() throws IOException, InterruptedException {
    if (process != null) {
      throw new IllegalStateException("slapd is running; stop() it first");
    }
    launch();
  }

  /**
   * Kills the server and deletes its directory.
   *
   * @throws IOException when the directory cannot be deleted
   */
  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private void configure() throws IOException {
    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
        "include /etc/ldap/schema/core.schema",
        "include /etc/ldap/schema/cosine.schema",
        "include /etc/ldap/schema/inetorgperson.schema",
        "modulepath /usr/lib/ldap",
        "moduleload back_mdb",
        "moduleload syncprov",
        "pidfile " + dir.resolve("slapd.pid"),
        "database mdb",
        "maxsize 2147483648",
        "suffix \"" + SUFFIX + "\"",
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

  private void load(String ldif) throws IOException, InterruptedException {
    Path file = dir.resolve("load.ldif");
    Files.writeString(file, ldif);
    run(List.of(SLAPADD.toString(), "-q", "-f", dir.resolve("slapd.conf").toString(),
        "-l", file.toString()), dir.resolve("slapadd.log"));
  }

  private void launch() throws IOException, InterruptedException {
    Path log = dir.resolve("slapd.log");
    process = new ProcessBuilder(SLAPD.toString(), "-d", "0", "-h", url() + "/",
        "-f", dir.resolve("slapd.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
    while (!listening()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        stop();
        throw new IOException("slapd did not start on " + url() + ": " + Files.readString(log));
      }
      Thread.sleep(20);
    }
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(List<String> command, Path log)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IOException(command.get(0) + " failed: " + Files.readString(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
