package io.slxconnect.hub.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * An OpenLDAP server (Debian's {@code slapd}) on loopback, bulk-loaded with a generated
 * population of inetOrgPerson users by {@code slapadd}, for the import benchmark: a production
 * LDAP server, whose simple paged results cost the same on every page.
 */
final class Slapd implements AutoCloseable {

  static final String BASE_DN = "dc=example,dc=com";
  static final String ROOT_DN = "cn=admin," + BASE_DN;

  private final Process process;
  private final int port;
  private final String password;

  private Slapd(Process process, int port, String password) {
    this.process = process;
    this.port = port;
    this.password = password;
  }

  /**
   * Loads the users and starts the server.
   *
   * @param users how many users
   * @param work a directory of its own
   * @return the running server
   * @throws Exception when slapd is missing or does not start
   */
  static Slapd start(int users, Path work) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/sbin/slapd"))) {
      throw new IllegalStateException("The benchmark needs OpenLDAP's slapd: "
          + "apt-get install --no-install-recommends slapd ldap-utils");
    }
    String password = UUID.randomUUID().toString();
    Files.createDirectories(work.resolve("db"));
    Path conf = work.resolve("slapd.conf");
    Files.writeString(conf, String.join("\n",
        "include /etc/ldap/schema/core.schema",
        "include /etc/ldap/schema/cosine.schema",
        "include /etc/ldap/schema/inetorgperson.schema",
        "modulepath /usr/lib/ldap",
        "moduleload back_mdb",
        "pidfile " + work.resolve("slapd.pid"),
        "sizelimit unlimited",
        "database mdb",
        "maxsize 2147483648",
        "suffix \"" + BASE_DN + "\"",
        "rootdn \"" + ROOT_DN + "\"",
        "rootpw " + password,
        "directory " + work.resolve("db"),
        "index objectClass eq",
        "index entryUUID eq", ""));
    Path ldif = work.resolve("users.ldif");
    writeLdif(ldif, users);
    run(List.of("/usr/sbin/slapadd", "-q", "-f", conf.toString(), "-l", ldif.toString()),
        work.resolve("slapadd.log"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process slapd = new ProcessBuilder("/usr/sbin/slapd", "-d", "0", "-h",
        "ldap://127.0.0.1:" + port + "/", "-f", conf.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("slapd.log").toFile()).start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!listening(port)) {
      if (!slapd.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("slapd did not start; see " + work.resolve("slapd.log"));
      }
      Thread.sleep(50);
    }
    return new Slapd(slapd, port, password);
  }

  private static void writeLdif(Path ldif, int users) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(ldif, StandardCharsets.UTF_8)) {
      out.write("dn: " + BASE_DN + "\nobjectClass: domain\ndc: example\n\n");
      out.write("dn: ou=people," + BASE_DN + "\nobjectClass: organizationalUnit\nou: people\n\n");
      for (int i = 1; i <= users; i++) {
        String uid = String.format("user%06d", i);
        out.write("dn: uid=" + uid + ",ou=people," + BASE_DN + "\n"
            + "objectClass: inetOrgPerson\n"
            + "uid: " + uid + "\n"
            + "cn: Given" + i + " Family" + (i % 1000) + "\n"
            + "givenName: Given" + i + "\n"
            + "sn: Family" + (i % 1000) + "\n"
            + "mail: " + uid + "@example.com\n"
            + "employeeNumber: " + i + "\n"
            + "departmentNumber: D" + (i % 40) + "\n\n");
      }
    }
  }

  private static void run(List<String> command, Path log) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command.get(0) + " failed; see " + log);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String url() {
    return "ldap://127.0.0.1:" + port;
  }

  String password() {
    return password;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
