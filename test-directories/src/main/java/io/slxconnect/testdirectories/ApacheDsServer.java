package io.slxconnect.testdirectories;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.factory.DefaultDirectoryServiceFactory;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;

/**
 * An embedded ApacheDS 2.0 on 127.0.0.1: a real server with persistent search and entry change
 * notification, holding {@link ExampleDirectory#SUFFIX} with an empty
 * {@link ExampleDirectory#PEOPLE} in memory.
 *
 * <p>It listens on two ports: the watched one, which {@link #stopListening()} and
 * {@link #startListening()} take down and bring back on the same port (to a client that is a
 * server restart: its connection drops and the port refuses), and an admin one that stays up,
 * through which {@link #connect()} writes, also while the watched port is down.
 */
public final class ApacheDsServer implements AutoCloseable {

  /** ApacheDS's built-in administrator. */
  public static final String ADMIN_DN = "uid=admin,ou=system";
  /** The administrator's password: ApacheDS's default, fine on a loopback-only test server. */
  public static final String ADMIN_PASSWORD = "secret";

  private final Path workingDirectory;
  private final DirectoryService service;
  private final LdapServer admin;
  private final int watchedPort;
  private LdapServer watched;

  private ApacheDsServer() throws Exception {
    workingDirectory = Files.createTempDirectory("apacheds-");
    // The factory reads its instance directory from this property when it is created.
    System.setProperty("workingDirectory", workingDirectory.toString());
    DefaultDirectoryServiceFactory factory = new DefaultDirectoryServiceFactory();
    factory.init("slx-test-" + workingDirectory.getFileName());
    service = factory.getDirectoryService();
    service.setShutdownHookEnabled(false);
    Partition partition = factory.getPartitionFactory().createPartition(
        service.getSchemaManager(), service.getDnFactory(), "example", ExampleDirectory.SUFFIX,
        1000,
        new File(service.getInstanceLayout().getPartitionsDirectory(), "example"));
    service.addPartition(partition);
    service.getAdminSession().add(new DefaultEntry(service.getSchemaManager(),
        ExampleDirectory.SUFFIX, "objectClass: top", "objectClass: domain", "dc: example"));
    service.getAdminSession().add(new DefaultEntry(service.getSchemaManager(),
        ExampleDirectory.PEOPLE, "objectClass: top", "objectClass: organizationalUnit",
        "ou: People"));
    admin = listener(ServerProcesses.freePort());
    admin.start();
    watchedPort = ServerProcesses.freePort();
    startListening();
  }

  /**
   * Starts a server.
   *
   * @return the server, listening on both ports, with an empty People branch
   * @throws Exception when ApacheDS cannot start
   */
  public static ApacheDsServer start() throws Exception {
    return new ApacheDsServer();
  }

  /**
   * Opens the watched port (again): new connections succeed from now on.
   *
   * @throws Exception when the port cannot be opened
   */
  public void startListening() throws Exception {
    watched = listener(watchedPort);
    watched.start();
  }

  /** Closes the watched port and every connection made to it. */
  public void stopListening() {
    watched.stop();
  }

  /** {@return the watched port's URL, ldap://127.0.0.1:port} */
  public String url() {
    return "ldap://127.0.0.1:" + watchedPort;
  }

  /**
   * Opens a connection to the admin port, bound as the administrator.
   *
   * @return the connection; the caller closes it
   * @throws LDAPException when it cannot be opened
   */
  public LDAPConnection connect() throws LDAPException {
    return new LDAPConnection("127.0.0.1", admin.getPort(), ADMIN_DN, ADMIN_PASSWORD);
  }

  /**
   * Stops both listeners and the directory, and deletes its files.
   *
   * @throws IllegalStateException when ApacheDS fails to shut down
   */
  @Override
  public void close() {
    watched.stop();
    admin.stop();
    try {
      service.shutdown();
    } catch (Exception e) {
      // DirectoryService declares plain Exception; rethrown unchecked so that callers of
      // close() (try-with-resources, @AfterAll) need not handle it.
      throw new IllegalStateException("ApacheDS did not shut down", e);
    } finally {
      ServerProcesses.deleteTree(workingDirectory);
    }
  }

  private LdapServer listener(int port) {
    LdapServer server = new LdapServer();
    server.setDirectoryService(service);
    server.setTransports(new TcpTransport("127.0.0.1", port));
    return server;
  }
}
