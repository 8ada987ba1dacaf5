package io.slxconnect.ldap;

import com.unboundid.ldap.sdk.DN;
import io.slxconnect.testdirectories.ApacheDsServer;
import io.slxconnect.testdirectories.ExampleDirectory;
import io.slxconnect.testdirectories.SambaDc;
import io.slxconnect.testdirectories.SlapdServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Connector settings for the real directory servers of the test-directories module. They live
 * here rather than beside the servers because they are this plugin's settings: the servers know
 * nothing of the plugin, and the hub's tests use them too.
 */
final class Directories {

  private Directories() {
  }

  /**
   * Settings for the Samba domain controller: LDAPS, its certificate trusted explicitly, host
   * names verified, bound as the administrator, users below the given base.
   *
   * @param dc the server
   * @param userBaseDn where users are searched, such as a unit from {@link SambaDc#newOu}
   * @return the settings
   */
  static JsonObject settings(SambaDc dc, DN userBaseDn) {
    return new JsonObject()
        .put("directoryType", "active-directory")
        .put("urls", new JsonArray().add(dc.url()))
        .put("security", "ldaps")
        .put("trustedCertificate", dc.certificatePem())
        .put("bindDn", SambaDc.ADMIN_DN)
        .put("bindPassword", dc.adminPassword())
        .put("userBaseDn", userBaseDn.toString());
  }

  /**
   * Settings for slapd, bound as the root DN over plain LDAP.
   *
   * @param server the server
   * @return the settings, users below {@link ExampleDirectory#PEOPLE}
   */
  static JsonObject settings(SlapdServer server) {
    return plaintext(server.url(), SlapdServer.ROOT_DN, server.rootPassword());
  }

  /**
   * Settings for ApacheDS's watched port, bound as the administrator over plain LDAP.
   *
   * @param server the server
   * @return the settings, users below {@link ExampleDirectory#PEOPLE}
   */
  static JsonObject settings(ApacheDsServer server) {
    return plaintext(server.url(), ApacheDsServer.ADMIN_DN, ApacheDsServer.ADMIN_PASSWORD);
  }

  private static JsonObject plaintext(String url, String bindDn, String bindPassword) {
    return new JsonObject()
        .put("urls", new JsonArray().add(url))
        .put("security", "none")
        .put("allowPlaintext", true)
        .put("bindDn", bindDn)
        .put("bindPassword", bindPassword)
        .put("userBaseDn", ExampleDirectory.PEOPLE)
        .put("userFilter", "(objectClass=inetOrgPerson)");
  }
}
