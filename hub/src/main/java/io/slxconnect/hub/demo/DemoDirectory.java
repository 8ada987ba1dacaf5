package io.slxconnect.hub.demo;

import com.unboundid.ldap.listener.Base64PasswordEncoderOutputFormatter;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SaltedMessageDigestInMemoryPasswordEncoder;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo directory server: UnboundID's in-memory directory listening on {@code 127.0.0.1}
 * only, over LDAPS, with a changelog, its content loaded from the data directory (or made at
 * first start) and written back there when it changed, every minute and when it stops.
 */
public final class DemoDirectory implements AutoCloseable {

  /** The account people change the directory with (ldapmodify); bind credentials only. */
  public static final String MANAGER_DN = "cn=Directory Manager";
  /**
   * The account the hub binds as, for the hub alone, so that the directory's changelog tells
   * the hub's changes from people's.
   */
  public static final String SERVICE_DN = "cn=SLX Connect";
  /** The directory's suffix. */
  public static final String SUFFIX = DemoContent.SUFFIX;
  /** Where people are. */
  public static final String PEOPLE = DemoContent.PEOPLE;
  /** Where groups are. */
  public static final String GROUPS = DemoContent.GROUPS;
  /** Changes kept in {@code cn=changelog}; a connector that falls further behind imports. */
  static final int CHANGELOG_ENTRIES = 10_000;
  /** How often changes are written to disk, so a kill -9 loses at most this much. */
  static final Duration SAVE_EVERY = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(DemoDirectory.class);

  private final InMemoryDirectoryServer server;
  private final DemoFiles files;
  private final String certificatePem;
  private final String servicePassword;
  private final boolean generated;
  private final ScheduledExecutorService saver;
  private volatile long savedChangeNumber;

  private DemoDirectory(InMemoryDirectoryServer server, DemoFiles files, String certificatePem,
      String servicePassword, boolean generated) {
    this.server = server;
    this.files = files;
    this.certificatePem = certificatePem;
    this.servicePassword = servicePassword;
    this.generated = generated;
    this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "slx-demo-directory-save");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts the directory: loads or makes its content, key and password, then listens.
   *
   * @param dataDir the hub's data directory
   * @param port the LDAPS port on 127.0.0.1, or {@code 0} for any free one
   * @return the running directory
   * @throws IOException when its files cannot be read or written, or the port is taken
   */
  public static DemoDirectory start(Path dataDir, int port) throws IOException {
    DemoFiles files = DemoFiles.in(dataDir);
    files.create();
    try {
      DemoCertificate certificate = DemoCertificate.loadOrCreate(files);
      String managerPassword = SecretFile.readOrCreate(files.managerPassword());
      String servicePassword = SecretFile.readOrCreate(files.servicePassword());
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config(certificate,
          managerPassword, servicePassword, port));
      boolean generated = load(server, files);
      DemoDirectory directory = new DemoDirectory(server, files, certificate.pem(),
          servicePassword, generated);
      if (generated) {
        // Saved at once: the entryUUIDs the hub will link to are fixed from the first moment.
        directory.save();
      } else {
        directory.savedChangeNumber = lastChangeNumber(server);
      }
      try {
        server.startListening();
      } catch (LDAPException e) {
        throw new IOException("The demo directory cannot listen on 127.0.0.1:" + port + " ("
            + e.getMessage() + "); set SLX_DEMO_DIRECTORY_PORT to a free port", e);
      }
      directory.saver.scheduleWithFixedDelay(directory::saveIfChanged, SAVE_EVERY.toSeconds(),
          SAVE_EVERY.toSeconds(), TimeUnit.SECONDS);
      LOG.info("Demo directory at ldaps://127.0.0.1:{} ({}): {}; bind as '{}' with the password "
          + "in {}; certificate {}", directory.port(), SUFFIX, generated
          ? "made " + DemoContent.PEOPLE_COUNT + " people in " + DemoContent.departmentCount()
              + " departments" : "loaded from " + files.content(), MANAGER_DN,
          files.managerPassword(), files.certificate());
      return directory;
    } catch (LDAPException | GeneralSecurityException e) {
      throw new IOException("The demo directory cannot start: " + e.getMessage(), e);
    }
  }

  private static InMemoryDirectoryServerConfig config(DemoCertificate certificate,
      String managerPassword, String servicePassword, int port)
      throws LDAPException, GeneralSecurityException, IOException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(SUFFIX);
    config.setSchema(DemoSchema.create());
    config.addAdditionalBindCredentials(MANAGER_DN, managerPassword);
    config.addAdditionalBindCredentials(SERVICE_DN, servicePassword);
    config.setMaxChangeLogEntries(CHANGELOG_ENTRIES);
    // Passwords the hub sets for people are stored salted and hashed, so the LDIF on disk
    // holds no password in clear.
    config.setPasswordEncoders(new SaltedMessageDigestInMemoryPasswordEncoder("{SSHA256}",
        Base64PasswordEncoderOutputFormatter.getInstance(),
        MessageDigest.getInstance("SHA-256"), 16, true, true));
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("demo-ldaps",
        InetAddress.getByName("127.0.0.1"), port,
        certificate.serverSsl().createSSLServerSocketFactory(), null));
    return config;
  }

  /** Loads the saved LDIF; without one, makes the content. Returns whether it was made. */
  private static boolean load(InMemoryDirectoryServer server, DemoFiles files)
      throws LDAPException, IOException {
    if (Files.exists(files.content())) {
      // Operational attributes are in the file, entryUUID included: links survive restarts.
      // The changelog starts again with an add per entry; a connector following it notices
      // the reset (its checkpoint is past the last number) and goes on from the new end.
      server.importFromLDIF(true, files.content().toFile());
      return false;
    }
    for (Entry entry : DemoContent.entries()) {
      server.add(entry);
    }
    return true;
  }

  /** Writes the content when something changed since the last write; runs every minute. */
  private void saveIfChanged() {
    try {
      if (lastChangeNumber(server) != savedChangeNumber) {
        save();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("The demo directory could not be saved to {}: {}", files.content(), e.toString());
    }
  }

  /**
   * Writes every entry, with its operational attributes, to the LDIF file (through a temp
   * file, so a crash leaves the previous one whole).
   */
  private synchronized void save() throws IOException {
    Path temp = DemoFiles.privateTemp(files.content());
    try {
      server.exportToLDIF(temp.toString(), false, true);
      // Read before the move: a change made meanwhile is saved again at the next round.
      long number = lastChangeNumber(server);
      DemoFiles.moveInPlace(temp, files.content(), true);
      savedChangeNumber = number;
    } catch (LDAPException e) {
      throw new IOException("The demo directory cannot be written to " + temp + ": "
          + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The last change number the server handed out, to tell whether anything changed. */
  private static long lastChangeNumber(InMemoryDirectoryServer server) {
    try {
      Long last = server.getRootDSE().getAttributeValueAsLong("lastChangeNumber");
      return last == null ? 0 : last;
    } catch (LDAPException e) {
      throw new IllegalStateException("The demo directory's root DSE cannot be read", e);
    }
  }

  /** {@return the LDAPS port it listens on} */
  public int port() {
    return server.getListenPort();
  }

  /** {@return the LDAPS URL} */
  public String url() {
    return "ldaps://127.0.0.1:" + port();
  }

  /** {@return the server certificate in PEM form, to trust it} */
  public String certificatePem() {
    return certificatePem;
  }

  /** {@return the hub service account's password (never log it)} */
  String servicePassword() {
    return servicePassword;
  }

  /** {@return whether the content was made at this start, rather than loaded} */
  public boolean generated() {
    return generated;
  }

  /** {@return its files} */
  public DemoFiles files() {
    return files;
  }

  /** Stops listening and writes the content one last time. */
  @Override
  public void close() {
    saver.shutdownNow();
    try {
      saver.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Connections close first, so that no change arrives after the last write.
    server.shutDown(true);
    try {
      save();
    } catch (IOException | RuntimeException e) {
      LOG.error("The demo directory could not be saved to {}; changes since the last save "
          + "are lost", files.content(), e);
    }
  }
}
