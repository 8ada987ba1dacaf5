package io.slxconnect.testdirectories;

import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Samba Active Directory domain controller on loopback, shared by all tests of one JVM:
 * Samba's ports are fixed (389, 636, 3268, 3269), so only one can run. It starts on first use
 * and stops when the JVM exits.
 *
 * <p>Provisioning takes seconds, so it is done once per machine and Samba version into a
 * template below {@code /var/tmp}; each JVM copies the template and starts from that clean copy.
 * The template holds a random administrator password and a certificate issued for
 * {@code localhost} and {@code 127.0.0.1} (instead of the one Samba would generate for
 * {@code DC1.example.test}, a name that does not resolve here), so tests connect to
 * {@code ldaps://localhost:636} with host-name verification on and exactly that certificate
 * trusted ({@link #certificatePem()}), never every certificate.
 *
 * <p>Tests share the directory: each creates its own organisational unit with {@link #newOu}.
 * Samba must run as root; a JVM that cannot start it fails, it does not skip.
 */
public final class SambaDc {

  /** The domain's naming context. */
  public static final String BASE_DN = "DC=example,DC=test";
  /** The domain administrator; its password is {@link #adminPassword()}. */
  public static final String ADMIN_DN = "CN=Administrator,CN=Users," + BASE_DN;
  /** The name the certificate is issued for: connecting by name keeps host-name checks real. */
  public static final String HOST = "localhost";
  /** Samba's LDAPS port, fixed. */
  public static final int LDAPS_PORT = 636;

  /** The Debian packages the domain controller needs, as an install command for messages. */
  public static final String INSTALL_COMMAND = "apt-get install -y --no-install-recommends samba "
      + "samba-dsdb-modules samba-ad-provision samba-vfs-modules winbind";

  private static final Path CACHE = Path.of("/var/tmp/slx-connect-samba");
  /** Part of the template's name: raise it when the provisioning below changes. */
  private static final int TEMPLATE_LAYOUT = 1;
  /** Stands for the directory in the template's smb.conf, which holds absolute paths. */
  private static final String DIR_PLACEHOLDER = "@SAMBA_DIR@";
  private static final String PASSWORD_FILE = "admin-password";
  private static final String READY_FILE = "template-ready";
  /** Where the server certificate is, in the template and in every copy of it. */
  private static final String CERTIFICATE_FILE = "private/tls/cert.pem";
  private static final List<Integer> PORTS = List.of(389, 636, 3268, 3269);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private static SambaDc shared;

  private final Path samba;
  private final Path dir;
  private final String adminPassword;
  private final String certificatePem;
  private final SSLSocketFactory sockets;
  private Process process;

  private SambaDc(Path samba, Path dir, String adminPassword)
      throws IOException, GeneralSecurityException {
    this.samba = samba;
    this.dir = dir;
    this.adminPassword = adminPassword;
    Path certificate = dir.resolve(CERTIFICATE_FILE);
    this.certificatePem = Files.readString(certificate);
    // Trusts the server's own (self-signed) certificate and nothing else, as a connector
    // configured with it does; the SDK checks its validity dates too.
    this.sockets = new SSLUtil(new PEMFileTrustManager(certificate.toFile()))
        .createSSLSocketFactory();
    this.process = launch(samba, dir);
  }

  /**
   * The JVM's domain controller, started on first call; stopped by a shutdown hook.
   *
   * @return the running server
   * @throws IllegalStateException when Samba is not installed or does not start (never a skip)
   */
  public static synchronized SambaDc shared() {
    if (shared == null) {
      long started = System.nanoTime();
      try {
        shared = start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting Samba", e);
      }
      System.out.printf("Samba AD DC ready on %s in %d ms (%s)%n", shared.url(),
          (System.nanoTime() - started) / 1_000_000, shared.dir);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "samba-dc-stop"));
    }
    return shared;
  }

  /** {@return the LDAPS URL, by the name the certificate is issued for} */
  public String url() {
    return "ldaps://" + HOST + ":" + LDAPS_PORT;
  }

  /** {@return the administrator's password (random, made at provisioning)} */
  public String adminPassword() {
    return adminPassword;
  }

  /** {@return the server certificate in PEM form, as an admin would paste it} */
  public String certificatePem() {
    return certificatePem;
  }

  /**
   * Opens an LDAPS connection bound as the administrator, trusting only the server certificate
   * and checking the host name, as the LDAP connector does.
   *
   * @return the connection; the caller closes it
   * @throws LDAPException when the connection or the bind fails
   */
  public LDAPConnection connectAsAdmin() throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
    LDAPConnection connection = new LDAPConnection(sockets, options, HOST, LDAPS_PORT);
    try {
      connection.bind(ADMIN_DN, adminPassword);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Creates an organisational unit of its own for a test, so tests sharing the server do not
   * see each other's users.
   *
   * @param prefix a readable start of the name, such as the test class
   * @return the new unit's DN
   * @throws LDAPException when it cannot be added
   */
  public DN newOu(String prefix) throws LDAPException {
    DN ou = new DN(new RDN("OU", prefix + "-" + UUID.randomUUID().toString().substring(0, 8)),
        new DN(BASE_DN));
    try (LDAPConnection connection = connectAsAdmin()) {
      connection.add(new Entry(ou, new Attribute("objectClass", "top",
          "organizationalUnit")));
    }
    return ou;
  }

  /**
   * Restarts the server on the same data, as an outage would: every connection drops, the
   * directory and its change numbers stay.
   *
   * @throws IOException when Samba cannot be started again
   * @throws InterruptedException when interrupted while waiting for it
   */
  public synchronized void restart() throws IOException, InterruptedException {
    ServerProcesses.terminate(process.toHandle(), STOP_TIMEOUT);
    process = launch(samba, dir);
    awaitLdaps();
  }

  private static SambaDc start() throws IOException, InterruptedException {
    Path samba = executable("samba", "/usr/sbin/samba");
    Path sambaTool = executable("samba-tool", "/usr/bin/samba-tool");
    Path template = template(samba, sambaTool);
    Path runs = Files.createDirectories(CACHE.resolve("runs"));
    stopLeftoversOfDeadJvms(runs);
    requirePortsFree();
    Path dir = runs.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    copyTemplate(template, dir);
    SambaDc dc;
    try {
      dc = new SambaDc(samba, dir, Files.readString(template.resolve(PASSWORD_FILE)).trim());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot trust the Samba test certificate", e);
    }
    try {
      dc.awaitLdaps();
    } catch (RuntimeException e) {
      dc.stop();
      throw e;
    }
    return dc;
  }

  private static Process launch(Path samba, Path dir) throws IOException {
    return new ProcessBuilder(samba.toString(), "-i", "-M", "single", "-s",
        dir.resolve("etc/smb.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("samba.out").toFile()))
        .start();
  }

  private static Path executable(String name, String usualPath) {
    return ServerProcesses.executable(name, usualPath, "Samba is not installed, so the "
        + "Active Directory tests cannot run. Install it with: " + INSTALL_COMMAND
        + " (or run .ci/install-test-servers)");
  }

  /** The provisioned template for this Samba version, made now if there is none yet. */
  private static Path template(Path samba, Path sambaTool)
      throws IOException, InterruptedException {
    String version = run(List.of(samba.toString(), "--version"), Duration.ofSeconds(30))
        .replace("Version", "").trim().replaceAll("[^A-Za-z0-9.+-]", "_");
    Path template = CACHE.resolve("template-" + version + "-v" + TEMPLATE_LAYOUT);
    if (Files.exists(template.resolve(READY_FILE)) && certificateStillValid(template)) {
      return template;
    }
    Files.createDirectories(CACHE);
    Path staging = Files.createTempDirectory(CACHE, "provisioning-");
    provision(sambaTool, staging);
    ServerProcesses.deleteTree(template);
    try {
      // Atomic, so that a JVM that was killed while provisioning leaves no half template.
      Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // Another JVM provisioned at the same time: its template is as good as ours.
      ServerProcesses.deleteTree(staging);
    }
    return template;
  }

  private static void provision(Path sambaTool, Path target)
      throws IOException, InterruptedException {
    String password = strongPassword();
    String t = target.toString();
    Instant started = Instant.now();
    List<String> command = List.of(sambaTool.toString(), "domain", "provision",
        "--realm=EXAMPLE.TEST", "--domain=EXAMPLE", "--server-role=dc", "--dns-backend=NONE",
        "--adminpass=" + password, "--targetdir=" + t, "--host-name=dc1",
        "--option=interfaces = lo", "--option=bind interfaces only = yes",
        "--option=log file = " + t + "/log/log.%m", "--option=pid directory = " + t + "/run",
        "--option=ncalrpc dir = " + t + "/run/ncalrpc",
        "--option=winbindd socket directory = " + t + "/run/winbindd",
        "--option=server services = ldap");
    run(command, Duration.ofMinutes(3));
    Path conf = target.resolve("etc/smb.conf");
    Files.writeString(conf, Files.readString(conf).replace(t, DIR_PLACEHOLDER));
    installCertificate(target.resolve("private/tls"));
    Path passwordFile = target.resolve(PASSWORD_FILE);
    Files.writeString(passwordFile, password);
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(target.resolve(READY_FILE), "provisioned in "
        + Duration.between(started, Instant.now()).toMillis() + " ms\n");
  }

  /**
   * Puts a certificate for localhost into the place Samba reads its TLS files from; Samba
   * generates its own only when none is there.
   */
  private static void installCertificate(Path tls) throws IOException {
    Files.createDirectories(tls);
    try {
      TestCertificate certificate = TestCertificate.create(
          "CN=" + HOST + ",O=SLX Connect Test Samba", List.of(HOST), List.of("127.0.0.1", "::1"),
          3650, TestCertificate.KeyAlgorithm.RSA);
      Path key = tls.resolve("key.pem");
      certificate.writePrivateKeyPem(key);
      // Samba refuses a private key that others may read.
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tls.resolve("cert.pem"), certificate.pem());
      // Self-signed: it is its own CA.
      Files.writeString(tls.resolve("ca.pem"), certificate.pem());
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot make the Samba test certificate", e);
    }
  }

  private static boolean certificateStillValid(Path template) throws IOException {
    try (InputStream in = Files.newInputStream(template.resolve(CERTIFICATE_FILE))) {
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(in);
      return certificate.getNotAfter().toInstant()
          .isAfter(Instant.now().plus(Duration.ofDays(1)));
    } catch (GeneralSecurityException e) {
      // Unreadable: provisioned again, like an expired one.
      return false;
    }
  }

  private static String strongPassword() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    // Active Directory's complexity rule wants three of: upper, lower, digit, symbol.
    return "Slx-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "-7q";
  }

  /**
   * Stops Samba instances that a test JVM started and could not stop because it was killed;
   * they would hold the fixed ports. Instances of live JVMs are left alone.
   */
  private static void stopLeftoversOfDeadJvms(Path runs) throws IOException {
    List<Path> dirs;
    try (Stream<Path> list = Files.list(runs)) {
      dirs = list.toList();
    }
    for (Path run : dirs) {
      String owner = run.getFileName().toString().split("-", 2)[0];
      boolean ownerAlive = owner.matches("\\d+")
          && ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive).orElse(false);
      if (ownerAlive) {
        continue;
      }
      sambaOf(run).ifPresent(samba -> ServerProcesses.terminate(samba, STOP_TIMEOUT));
      ServerProcesses.deleteTree(run);
    }
  }

  /** The Samba process of a run directory, recognised by its pid file and command line. */
  private static Optional<ProcessHandle> sambaOf(Path run) throws IOException {
    Path pidFile = run.resolve("run/samba.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String pid = Files.readString(pidFile).trim();
    if (!pid.matches("\\d+")) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(pid)).filter(p -> p.info().commandLine()
        .map(c -> c.contains(run.toString())).orElse(false));
  }

  private static void requirePortsFree() {
    for (int port : PORTS) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        throw new IllegalStateException("Port " + port + " on 127.0.0.1 is already in use, so "
            + "the test Samba cannot start (its ports are fixed). Another directory server or "
            + "another test JVM holds it: stop it (see 'ss -ltnp') and run the tests again.");
      } catch (IOException e) {
        // Nothing listens: as it should be.
      }
    }
  }

  private static void copyTemplate(Path template, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(template)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(template.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
          Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(source));
        } else {
          Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Path conf = target.resolve("etc/smb.conf");
    Files.writeString(conf, Files.readString(conf).replace(DIR_PLACEHOLDER, target.toString()));
  }

  /** Waits until an administrator bind over LDAPS succeeds, or fails with Samba's output. */
  private void awaitLdaps() {
    AtomicReference<LDAPException> last = new AtomicReference<>();
    try {
      await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
          .until(() -> !process.isAlive() || binds(last));
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("Samba did not answer LDAPS on " + url() + " within "
          + START_TIMEOUT.toSeconds() + " s (last: " + (last.get() == null ? "-"
          : last.get().getMessage()) + "); its output:\n"
          + ServerProcesses.tail(dir.resolve("samba.out")));
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("Samba exited with " + process.exitValue()
          + " while starting; its output:\n" + ServerProcesses.tail(dir.resolve("samba.out")));
    }
  }

  private boolean binds(AtomicReference<LDAPException> last) {
    try {
      connectAsAdmin().close();
      return true;
    } catch (LDAPException e) {
      last.set(e);
      return false;
    }
  }

  /**
   * Stops Samba with SIGTERM, kills whatever of its process tree is left after a grace period,
   * and removes the run's copy of the directory.
   */
  private synchronized void stop() {
    ServerProcesses.terminate(process.toHandle(), STOP_TIMEOUT);
    ServerProcesses.deleteTree(dir);
  }

  /** Runs a Samba command; its output file is removed, as it may show the password. */
  private static String run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("slx-samba-command", ".out");
    try {
      return ServerProcesses.run(command, timeout, output);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
