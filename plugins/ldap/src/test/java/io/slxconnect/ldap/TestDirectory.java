package io.slxconnect.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import io.slxconnect.testdirectories.ExampleDirectory;
import io.slxconnect.testdirectories.TestCertificate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;

/**
 * A real LDAP server on 127.0.0.1 and a random port: the SDK's in-memory directory with a
 * changelog, people below {@link #PEOPLE}, and a manager account.
 */
final class TestDirectory implements AutoCloseable {

  // The same tree as the real servers (slapd, ApacheDS), so tests can share DNs with them.
  static final String BASE = ExampleDirectory.SUFFIX;
  static final String PEOPLE = ExampleDirectory.PEOPLE;
  static final String MANAGER_DN = "cn=Directory Manager";
  static final String MANAGER_PASSWORD = "Corr3ct-Horse-Battery";

  private final InMemoryDirectoryServer server;
  private final String scheme;

  private TestDirectory(InMemoryListenerConfig listener, String scheme, int users)
      throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.addAdditionalBindCredentials(MANAGER_DN, MANAGER_PASSWORD);
    config.setMaxChangeLogEntries(1000);
    config.setListenerConfigs(listener);
    server = new InMemoryDirectoryServer(config);
    server.add(new Entry("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example"));
    server.add(new Entry("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit",
        "ou: People"));
    for (int i = 1; i <= users; i++) {
      String uid = String.format("user%02d", i);
      server.add(new Entry("dn: uid=" + uid + "," + PEOPLE, "objectClass: top",
          "objectClass: person", "objectClass: organizationalPerson",
          "objectClass: inetOrgPerson", "uid: " + uid, "cn: User " + i, "sn: Number" + i,
          "givenName: User", "mail: " + uid + "@example.com", "userPassword: pw-" + uid));
    }
    server.startListening();
    this.scheme = scheme;
  }

  /** {@return a plain LDAP server} */
  static TestDirectory plain(int users) throws Exception {
    return new TestDirectory(InMemoryListenerConfig.createLDAPConfig("ldap", loopback(), 0, null),
        "ldap", users);
  }

  /** {@return an LDAPS server presenting the certificate} */
  static TestDirectory ldaps(TestCertificate certificate, int users) throws Exception {
    return new TestDirectory(InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback(), 0,
        certificate.serverSsl().createSSLServerSocketFactory(), null), "ldaps", users);
  }

  /** {@return a plain LDAP server offering StartTLS with the certificate} */
  static TestDirectory startTls(TestCertificate certificate, int users) throws Exception {
    return new TestDirectory(InMemoryListenerConfig.createLDAPConfig("ldap", loopback(), 0,
        certificate.serverSsl().createSSLSocketFactory()), "ldap", users);
  }

  /** {@return the server's URL, scheme://127.0.0.1:port} */
  String url() {
    return scheme + "://127.0.0.1:" + server.getListenPort();
  }

  /** {@return the server, to read or change entries directly} */
  InMemoryDirectoryServer server() {
    return server;
  }

  /**
   * Settings that work against this server with the given security.
   *
   * @param security ldaps, starttls or none
   * @return the settings, bound as the manager
   */
  JsonObject settings(String security) {
    JsonObject settings = new JsonObject()
        .put("urls", new JsonArray().add(url()))
        .put("security", security)
        .put("bindDn", MANAGER_DN)
        .put("bindPassword", MANAGER_PASSWORD)
        .put("userBaseDn", PEOPLE)
        .put("userFilter", "(objectClass=inetOrgPerson)");
    if (security.equals("none")) {
      settings.put("allowPlaintext", true);
    }
    return settings;
  }

  @Override
  public void close() {
    server.shutDown(true);
  }

  private static InetAddress loopback() throws Exception {
    return InetAddress.getByName("127.0.0.1");
  }
}
