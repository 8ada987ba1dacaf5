package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.factory.DefaultDirectoryServiceFactory;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;

/**
 * An embedded ApacheDS 2.0 on 127.0.0.1: a real server with persistent search and entry change
 * notification, holding {@code dc=example,dc=com} with {@link TestDirectory#PEOPLE} in memory.
 *
 * <p>It listens on two ports: the watched one, which {@link #stopListening()} and
 * {@link #startListening()} take down and bring back on the same port (to a client that is a
 * server restart: its connection drops and the port refuses), and an admin one that stays up,
 * through which {@link #connect()} writes, also while the watched port is down.
 */
final class ApacheDsServer implements AutoCloseable {

  static final String ADMIN_DN = "uid=admin,ou=system";
  static final String ADMIN_PASSWORD = "secret";

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
        service.getSchemaManager(), service.getDnFactory(), "example", TestDirectory.BASE, 1000,
        new File(service.getInstanceLayout().getPartitionsDirectory(), "example"));
    service.addPartition(partition);
    service.getAdminSession().add(new DefaultEntry(service.getSchemaManager(),
        TestDirectory.BASE, "objectClass: top", "objectClass: domain", "dc: example"));
    service.getAdminSession().add(new DefaultEntry(service.getSchemaManager(),
        TestDirectory.PEOPLE, "objectClass: top", "objectClass: organizationalUnit",
        "ou: People"));
    admin = listener(freePort());
    admin.start();
    watchedPort = freePort();
    startListening();
  }

  /** {@return a started server with an empty People branch} */
  static ApacheDsServer start() throws Exception {
    return new ApacheDsServer();
  }

  /** Opens the watched port (again): new connections succeed from now on. */
  void startListening() throws Exception {
    watched = listener(watchedPort);
    watched.start();
  }

  /** Closes the watched port and every connection made to it. */
  void stopListening() {
    watched.stop();
  }

  /** {@return the watched port's URL, ldap://127.0.0.1:port} */
  String url() {
    return "ldap://127.0.0.1:" + watchedPort;
  }

  /**
   * Opens a connection to the admin port, bound as the administrator.
   *
   * @return the connection; the caller closes it
   * @throws LDAPException when it cannot be opened
   */
  LDAPConnection connect() throws LDAPException {
    return new LDAPConnection("127.0.0.1", admin.getPort(), ADMIN_DN, ADMIN_PASSWORD);
  }

  /** {@return settings for a plaintext connection to the watched port, bound as admin} */
  JsonObject settings() {
    return new JsonObject()
        .put("urls", new JsonArray().add(url()))
        .put("security", "none")
        .put("allowPlaintext", true)
        .put("bindDn", ADMIN_DN)
        .put("bindPassword", ADMIN_PASSWORD)
        .put("userBaseDn", TestDirectory.PEOPLE)
        .put("userFilter", "(objectClass=inetOrgPerson)");
  }

  @Override
  public void close() throws Exception {
    watched.stop();
    admin.stop();
    service.shutdown();
    try (Stream<Path> files = Files.walk(workingDirectory)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  private LdapServer listener(int port) {
    LdapServer server = new LdapServer();
    server.setDirectoryService(service);
    server.setTransports(new TcpTransport("127.0.0.1", port));
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
