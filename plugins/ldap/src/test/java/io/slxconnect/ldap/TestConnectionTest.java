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
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.slxconnect.testkit.TestConnectorContext;

/** "Test connection" and start/stop against a plain in-memory directory. */
class TestConnectionTest {

  private static Vertx vertx;
  private static TestDirectory directory;

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    directory = TestDirectory.plain(3);
  }

  @AfterAll
  static void stopServer() throws Exception {
    directory.close();
    await(vertx.close());
  }

  @Test
  void plainConnectionWithAllowPlaintextSucceedsAndReportsVendorAndStrategies() throws Exception {
    ConnectionReport report = test(directory.settings("none"));

    assertTrue(report.success(), () -> "Report: " + report);
    assertEquals(List.of("settings", "connect", "bind", "root DSE", "user base DN"),
        names(report));
    assertEquals("Ping Identity Corporation", report.facts().get("vendor"));
    assertTrue(report.facts().get("vendorVersion").contains("LDAP SDK"));
    assertTrue(report.facts().get("namingContexts").contains(TestDirectory.BASE));
    assertEquals("3", report.facts().get("supportedLdapVersion"));
    assertEquals("changelog, poll", report.facts().get("changeDetection"));
    assertEquals("changelog", report.facts().get("selectedStrategy"));
    assertEquals("uid=user01," + TestDirectory.PEOPLE, report.facts().get("sampleUser"));
    assertEquals(directory.url(), report.facts().get("connectedUrl"));
    assertEquals("none (plaintext)", report.facts().get("security"));
  }

  @Test
  void wrongPasswordIsReportedAsInvalidCredentials() throws Exception {
    ConnectionReport report =
        test(directory.settings("none").put("bindPassword", "wrong-password-123"));

    Step bind = last(report);
    assertEquals("bind", bind.name());
    assertFalse(bind.success());
    assertTrue(bind.detail().startsWith("Invalid credentials for cn=Directory Manager"),
        bind.detail());
    assertFalse(report.toString().contains("wrong-password-123"), "password leaked");
    assertFalse(report.toString().contains(TestDirectory.MANAGER_PASSWORD), "password leaked");
  }

  @Test
  void unreachablePortFailsTheConnectStep() throws Exception {
    String deadUrl = "ldap://127.0.0.1:" + freePort();
    ConnectionReport report = test(directory.settings("none")
        .put("urls", new JsonArray().add(deadUrl)));

    Step connect = last(report);
    assertEquals("connect", connect.name());
    assertFalse(connect.success());
    assertTrue(connect.detail().contains(deadUrl + ": connection refused"), connect.detail());
  }

  @Test
  void failoverUsesTheNextUrlAndSaysWhichOneWorked() throws Exception {
    String deadUrl = "ldap://127.0.0.1:" + freePort();
    ConnectionReport report = test(directory.settings("none")
        .put("urls", new JsonArray().add(deadUrl).add(directory.url())));

    assertTrue(report.success(), () -> "Report: " + report);
    Step connect = report.steps().get(1);
    assertTrue(connect.detail().startsWith("Connected to " + directory.url()), connect.detail());
    assertTrue(connect.detail().contains(deadUrl + ": connection refused"), connect.detail());
    assertEquals(directory.url(), report.facts().get("connectedUrl"));
  }

  @Test
  void unknownHostIsNamedInTheConnectStep() throws Exception {
    ConnectionReport report = test(directory.settings("none")
        .put("urls", new JsonArray().add("ldap://no-such-host.invalid:389"))
        .put("connectTimeoutSeconds", 2));

    Step connect = last(report);
    assertEquals("connect", connect.name());
    assertTrue(connect.detail().contains("ldap://no-such-host.invalid:389: unknown host"),
        connect.detail());
  }

  @Test
  void missingUserBaseDnIsNamed() throws Exception {
    String missing = "ou=Missing,dc=example,dc=com";
    ConnectionReport report = test(directory.settings("none").put("userBaseDn", missing));

    Step base = last(report);
    assertEquals("user base DN", base.name());
    assertFalse(base.success());
    assertTrue(base.detail().startsWith("Base DN " + missing + " does not exist (noSuchObject)"),
        base.detail());
    assertTrue(base.detail().contains("closest existing entry is dc=example,dc=com"),
        base.detail());
  }

  @Test
  void configuredGroupBaseDnIsChecked() throws Exception {
    ConnectionReport report = test(directory.settings("none")
        .put("groupBaseDn", "ou=Groups,dc=example,dc=com"));

    Step groups = last(report);
    assertEquals("group base DN", groups.name());
    assertFalse(groups.success());
    assertTrue(groups.detail().contains("does not exist (noSuchObject)"), groups.detail());
  }

  @Test
  void plaintextWithoutAllowPlaintextIsRefused() throws Exception {
    JsonObject settings = directory.settings("none");
    settings.remove("allowPlaintext");

    ConnectionReport report = test(settings);
    assertEquals(List.of("settings"), names(report));
    assertFalse(report.success());
    assertTrue(last(report).detail().contains("refused unless 'allowPlaintext' is true"),
        last(report).detail());

    ConnectorException error = assertInstanceOf(ConnectorException.class,
        assertThrows(Exception.class, () -> await(instance(settings).start())));
    assertEquals(Reason.MISCONFIGURED, error.reason());
    assertTrue(error.getMessage().contains("'allowPlaintext'"), error.getMessage());
  }

  @Test
  void invalidUserFilterIsReportedWithTheParserMessage() throws Exception {
    ConnectionReport report =
        test(directory.settings("none").put("userFilter", "(objectClass=person"));

    Step settings = last(report);
    assertEquals("settings", settings.name());
    assertFalse(settings.success());
    assertTrue(settings.detail().startsWith(
        "'userFilter' '(objectClass=person' is not a valid LDAP filter: "), settings.detail());
  }

  @Test
  void forcedStrategyTheServerLacksFailsTheRootDseStep() throws Exception {
    ConnectionReport report =
        test(directory.settings("none").put("changeDetection", "content-sync"));

    Step rootDse = last(report);
    assertEquals("root DSE", rootDse.name());
    assertFalse(rootDse.success());
    assertTrue(rootDse.detail().contains(
        "The configured change detection 'content-sync' is not supported by this server"),
        rootDse.detail());
  }

  @Test
  void forcedStrategyTheServerOffersIsSelected() throws Exception {
    ConnectionReport report = test(directory.settings("none").put("changeDetection", "poll"));

    assertTrue(report.success(), () -> "Report: " + report);
    assertEquals("poll", report.facts().get("selectedStrategy"));
  }

  @Test
  void startFailsWithAuthenticationFailedOnWrongPassword() throws Exception {
    ConnectorInstance instance =
        instance(directory.settings("none").put("bindPassword", "nope-nope"));

    ConnectorException error = assertInstanceOf(ConnectorException.class,
        assertThrows(Exception.class, () -> await(instance.start())));
    assertEquals(Reason.AUTHENTICATION_FAILED, error.reason());
    assertTrue(error.getMessage().contains("Invalid credentials for cn=Directory Manager"),
        error.getMessage());
    assertFalse(error.getMessage().contains("nope-nope"));
  }

  @Test
  void startFailsAsUnavailableWhenNoServerAnswers() throws Exception {
    ConnectorInstance instance = instance(directory.settings("none")
        .put("urls", new JsonArray().add("ldap://127.0.0.1:" + freePort())));

    ConnectorException error = assertInstanceOf(ConnectorException.class,
        assertThrows(Exception.class, () -> await(instance.start())));
    assertEquals(Reason.UNAVAILABLE, error.reason());
    assertTrue(error.reason().isTransient(), error.getMessage());
  }

  @Test
  void startAndStopAreIdempotent() throws Exception {
    ConnectorInstance instance = instance(directory.settings("none"));

    await(instance.start());
    await(instance.start());
    await(instance.stop());
    await(instance.stop());
  }

  private ConnectionReport test(JsonObject settings) throws Exception {
    return await(instance(settings).test());
  }

  private ConnectorInstance instance(JsonObject settings) {
    return new LdapConnectorType().create(new TestConnectorContext(vertx, settings));
  }

  /** A port nothing listens on: bound once by the OS, then released. */
  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
