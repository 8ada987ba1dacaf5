package io.slxconnect.ldap;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static io.slxconnect.ldap.TestReports.last;
import static io.slxconnect.ldap.TestReports.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.slxconnect.testdirectories.TestCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.slxconnect.testkit.TestConnectorContext;

/** LDAPS and StartTLS with self-signed certificates made at test time. */
class TlsConnectionTest {

  private static Vertx vertx;
  /** Issued for localhost and 127.0.0.1, so host-name verification passes. */
  private static TestCertificate goodCertificate;
  /** Issued for another name only. */
  private static TestCertificate otherHostCertificate;
  private static TestDirectory ldaps;
  private static TestDirectory startTls;
  private static TestDirectory otherHostLdaps;

  @BeforeAll
  static void startServers() throws Exception {
    vertx = Vertx.vertx();
    goodCertificate = TestCertificate.create("CN=localhost,O=SLX Connect Test",
        List.of("localhost"), List.of("127.0.0.1"));
    otherHostCertificate = TestCertificate.create("CN=ldap.example.test,O=SLX Connect Test",
        List.of("ldap.example.test"), List.of());
    ldaps = TestDirectory.ldaps(goodCertificate, 3);
    startTls = TestDirectory.startTls(goodCertificate, 3);
    otherHostLdaps = TestDirectory.ldaps(otherHostCertificate, 1);
  }

  @AfterAll
  static void stopServers() throws Exception {
    ldaps.close();
    startTls.close();
    otherHostLdaps.close();
    await(vertx.close());
  }

  @Test
  void ldapsWithTrustedPemSucceeds() throws Exception {
    ConnectionReport report =
        test(ldaps.settings("ldaps").put("trustedCertificate", goodCertificate.pem()));

    assertTrue(report.success(), () -> "Report: " + report);
    assertEquals(List.of("settings", "connect", "TLS", "bind", "root DSE", "user base DN"),
        names(report));
    assertTrue(report.facts().get("tlsProtocol").startsWith("TLSv1."), report.facts().toString());
    assertEquals(goodCertificate.subject(), report.facts().get("serverCertificate"));
    assertTrue(report.steps().get(2).detail().startsWith("LDAPS with TLSv1."),
        report.steps().get(2).detail());
  }

  @Test
  void ldapsWithoutPemFailsTlsAndNamesTheCertificateSubject() throws Exception {
    ConnectionReport report = test(ldaps.settings("ldaps"));

    Step tls = last(report);
    assertEquals("TLS", tls.name());
    assertFalse(tls.success());
    assertTrue(tls.detail().startsWith("TLS failed with " + ldaps.url()), tls.detail());
    assertTrue(tls.detail().contains("not trusted"), tls.detail());
    assertTrue(tls.detail().contains("subject '" + goodCertificate.subject() + "' (self-signed)"),
        tls.detail());
    assertTrue(tls.detail().contains("'trustedCertificate'"), tls.detail());
  }

  @Test
  void ldapsWithAnotherTrustedCertificateIsRefused() throws Exception {
    ConnectionReport report =
        test(ldaps.settings("ldaps").put("trustedCertificate", otherHostCertificate.pem()));

    Step tls = last(report);
    assertEquals("TLS", tls.name());
    assertFalse(tls.success());
    assertTrue(tls.detail().contains("neither the certificate in 'trustedCertificate'"),
        tls.detail());
  }

  @Test
  void hostNameMismatchFailsTlsUnlessVerificationIsOff() throws Exception {
    // By name: the SDK's verifier deliberately accepts any certificate on a loopback IP address.
    String byName = otherHostLdaps.url().replace("127.0.0.1", "localhost");
    JsonObject settings = otherHostLdaps.settings("ldaps")
        .put("urls", new JsonArray().add(byName))
        .put("trustedCertificate", otherHostCertificate.pem());

    Step tls = last(test(settings));
    assertEquals("TLS", tls.name());
    assertFalse(tls.success());
    assertTrue(tls.detail().contains("trusted but not issued for host 'localhost'"),
        tls.detail());
    assertTrue(tls.detail().contains("DNS:ldap.example.test"), tls.detail());

    ConnectionReport unverified = test(settings.put("verifyHostname", false));
    assertTrue(unverified.success(), () -> "Report: " + unverified);
  }

  @Test
  void ldapsUrlOnAPlainPortExplainsTheHandshakeFailure() throws Exception {
    try (TestDirectory plain = TestDirectory.plain(0)) {
      String url = plain.url().replace("ldap://", "ldaps://");
      ConnectionReport report = test(plain.settings("ldaps")
          .put("urls", new JsonArray().add(url))
          .put("trustedCertificate", goodCertificate.pem()));

      Step tls = last(report);
      assertEquals("TLS", tls.name());
      assertFalse(tls.success());
      assertTrue(tls.detail().contains("before the server presented a certificate"),
          tls.detail());
    }
  }

  @Test
  void startTlsWithTrustedPemSucceeds() throws Exception {
    ConnectionReport report =
        test(startTls.settings("starttls").put("trustedCertificate", goodCertificate.pem()));

    assertTrue(report.success(), () -> "Report: " + report);
    assertEquals(List.of("settings", "connect", "TLS", "bind", "root DSE", "user base DN"),
        names(report));
    assertTrue(report.steps().get(2).detail().startsWith("StartTLS with TLSv1."),
        report.steps().get(2).detail());
  }

  @Test
  void startTlsWithoutPemFailsTlsAndNamesTheCertificateSubject() throws Exception {
    Step tls = last(test(startTls.settings("starttls")));

    assertEquals("TLS", tls.name());
    assertFalse(tls.success());
    assertTrue(tls.detail().contains("subject '" + goodCertificate.subject() + "'"),
        tls.detail());
  }

  @Test
  void startTlsRefusedByTheServerIsReported() throws Exception {
    try (TestDirectory plain = TestDirectory.plain(0)) {
      Step tls = last(test(plain.settings("starttls")
          .put("trustedCertificate", goodCertificate.pem())));

      assertEquals("TLS", tls.name());
      assertFalse(tls.success());
      assertTrue(tls.detail().contains("refused StartTLS"), tls.detail());

      ConnectorException error = assertInstanceOf(ConnectorException.class, assertThrows(
          Exception.class, () -> await(instance(plain.settings("starttls")
              .put("trustedCertificate", goodCertificate.pem())).start())));
      assertEquals(Reason.MISCONFIGURED, error.reason());
      assertTrue(error.getMessage().contains("refused StartTLS"), error.getMessage());
    }
  }

  @Test
  void startedInstanceReadsUsersOverLdapsAndStartTls() throws Exception {
    for (JsonObject settings : List.of(
        ldaps.settings("ldaps").put("trustedCertificate", goodCertificate.pem()),
        startTls.settings("starttls").put("trustedCertificate", goodCertificate.pem()))) {
      ConnectorInstance instance = instance(settings);
      await(instance.start());
      try {
        Page<ExternalUser> page = await(instance.readUsers(null));
        assertEquals(3, page.items().size());
      } finally {
        await(instance.stop());
      }
    }
  }

  @Test
  void startWithAnUntrustedCertificateFailsAsMisconfiguredNamingTheSubject() throws Exception {
    ConnectorInstance instance = instance(ldaps.settings("ldaps"));

    ConnectorException error = assertInstanceOf(ConnectorException.class,
        assertThrows(Exception.class, () -> await(instance.start())));
    assertEquals(Reason.MISCONFIGURED, error.reason());
    assertTrue(error.getMessage().contains("subject '" + goodCertificate.subject() + "'"),
        error.getMessage());
  }

  @Test
  void startOverLdapsWithAWrongPasswordFailsAsAuthenticationFailed() throws Exception {
    ConnectorInstance instance = instance(ldaps.settings("ldaps")
        .put("trustedCertificate", goodCertificate.pem()).put("bindPassword", "not-it"));

    ConnectorException error = assertInstanceOf(ConnectorException.class,
        assertThrows(Exception.class, () -> await(instance.start())));
    assertEquals(Reason.AUTHENTICATION_FAILED, error.reason());
    assertTrue(error.getMessage().contains("Invalid credentials for cn=Directory Manager"),
        error.getMessage());
  }

  @Test
  void invalidPemIsASettingsError() throws Exception {
    Step settings = last(test(ldaps.settings("ldaps")
        .put("trustedCertificate", "-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----")));

    assertEquals("settings", settings.name());
    assertFalse(settings.success());
    assertTrue(settings.detail().startsWith("'trustedCertificate' is not a PEM certificate"),
        settings.detail());
  }

  private ConnectionReport test(JsonObject settings) throws Exception {
    return await(instance(settings).test());
  }

  private ConnectorInstance instance(JsonObject settings) {
    return new LdapConnectorType().create(new TestConnectorContext(vertx, settings));
  }
}
