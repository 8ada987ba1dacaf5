package io.slxconnect.hub.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A real LDAP server (UnboundID's in-memory directory) on loopback, for connector tests. */
public final class TestLdap implements AutoCloseable {

  public static final String BASE_DN = "dc=example,dc=com";
  public static final String BIND_DN = "cn=Directory Manager";
  public static final String BIND_PASSWORD = "directory-secret-42";

  private final InMemoryDirectoryServer server;

  private TestLdap(InMemoryDirectoryServer server) {
    this.server = server;
  }

  /** @return a started server with a base entry, an ou=people and two users */
  public static TestLdap start() {
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
      config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
      config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("default",
          java.net.InetAddress.getLoopbackAddress(), 0, null));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      server.add("dn: " + BASE_DN, "objectClass: top", "objectClass: domain", "dc: example");
      server.add("dn: ou=people," + BASE_DN, "objectClass: top",
          "objectClass: organizationalUnit", "ou: people");
      server.add("dn: ou=groups," + BASE_DN, "objectClass: top",
          "objectClass: organizationalUnit", "ou: groups");
      for (String uid : new String[] {"alice", "bob"}) {
        server.add("dn: uid=" + uid + ",ou=people," + BASE_DN, "objectClass: top",
            "objectClass: person", "objectClass: organizationalPerson",
            "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid,
            "mail: " + uid + "@example.com");
      }
      server.startListening();
      return new TestLdap(server);
    } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the ldap:// URL */
  public String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  /**
   * Connector settings for this server, plaintext (explicitly allowed) on loopback.
   *
   * @param password the bind password to use
   * @return the settings
   */
  public JsonObject settings(String password) {
    return new JsonObject()
        .put("urls", new JsonArray().add(url()))
        .put("security", "none")
        .put("allowPlaintext", true)
        .put("bindDn", BIND_DN)
        .put("bindPassword", password)
        .put("userBaseDn", "ou=people," + BASE_DN);
  }

  /**
   * Reads an entry, as an admin of the directory would.
   *
   * @param dn the entry
   * @return the entry with its user and operational attributes, or {@code null}
   */
  public com.unboundid.ldap.sdk.Entry entry(String dn) {
    try {
      return server.getEntry(dn, "*", "+");
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds an entry, as an admin of the directory would.
   *
   * @param ldif the entry's lines
   */
  public void add(String... ldif) {
    try {
      server.add(ldif);
    } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Changes an attribute of an entry, as an admin of the directory would.
   *
   * @param dn the entry
   * @param attribute the attribute
   * @param value its new value
   */
  public void replace(String dn, String attribute, String value) {
    try {
      server.modify(dn, new com.unboundid.ldap.sdk.Modification(
          com.unboundid.ldap.sdk.ModificationType.REPLACE, attribute, value));
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
