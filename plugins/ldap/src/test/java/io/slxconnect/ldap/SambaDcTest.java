package io.slxconnect.ldap;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.testdirectories.SambaDc;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.slxconnect.testkit.TestConnectorContext;

/** The Samba harness serves Active Directory over LDAPS with a certificate tests can trust. */
class SambaDcTest {

  private static final SambaDc DC = SambaDc.shared();

  @Test
  void administratorBindsOverLdapsTrustingOnlyTheServerCertificate() throws Exception {
    try (LDAPConnection connection = DC.connectAsAdmin()) {
      // Samba has no "Who am I?" operation; the bind DN's own entry is proof enough.
      assertEquals("Administrator",
          connection.getEntry(SambaDc.ADMIN_DN, "sAMAccountName").getAttributeValue(
              "sAMAccountName"));
      assertTrue(connection.getSSLSession().getProtocol().startsWith("TLSv1."));
    }
  }

  @Test
  void rootDseOffersTheNotificationAndDirSyncControls() throws Exception {
    try (LDAPConnection connection = DC.connectAsAdmin()) {
      RootDse dse = RootDse.read(connection);

      assertTrue(dse.isActiveDirectory(), dse::vendor);
      assertTrue(dse.supportsControl(ChangeDetectionStrategy.AD_NOTIFICATION_OID));
      assertTrue(dse.supportsControl(ChangeDetectionStrategy.DIRSYNC_OID));
      assertTrue(dse.namingContexts().stream().anyMatch(SambaDc.BASE_DN::equalsIgnoreCase),
          () -> "Naming contexts: " + dse.namingContexts());
    }
  }

  @Test
  void certificateIsIssuedForTheHostNameTestsConnectTo() {
    String description = LdapTls.describe(LdapTls.parsePem(DC.certificatePem()).get(0));

    assertTrue(description.contains("DNS:" + SambaDc.HOST), description);
    assertTrue(DC.url().startsWith("ldaps://" + SambaDc.HOST + ":"), DC.url());
  }

  @Test
  void serverIsNotTrustedWithoutItsCertificate() {
    LdapTls defaultTrust = LdapTls.create(List.of());
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));

    LDAPException error = assertThrows(LDAPException.class, () -> new LDAPConnection(
        defaultTrust.socketFactory(), options, SambaDc.HOST, SambaDc.LDAPS_PORT).close());
    assertTrue(defaultTrust.isTlsFailure(error), error::getMessage);
  }

  @Test
  void pluginConnectionTestPassesWithHostNameVerificationOn() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject settings = Directories.settings(DC, DC.newOu("SambaDcTest"));
      ConnectionReport report = await(new LdapConnectorType()
          .create(new TestConnectorContext(vertx, settings)).test());

      assertTrue(report.success(), () -> "Report: " + report);
      assertTrue(settings.getBoolean("verifyHostname", true));
    } finally {
      await(vertx.close());
    }
  }
}
