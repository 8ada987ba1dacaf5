package io.slxconnect.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.slxconnect.testkit.TestConnectorContext;

/** "Test connection" says what is wrong, on an instance that was never started, as the hub does. */
class ConnectionTestTest {

  @RegisterExtension
  final StandInFixture fixture = new StandInFixture();

  private ConnectionReport test(JsonObject settings) throws Exception {
    TestConnectorContext context = fixture.context(settings, "google-" + UUID.randomUUID(), null);
    return TestConnectorContext.await(new GoogleConnectorType().create(context).test());
  }

  private static Step failed(ConnectionReport report, String name) {
    assertFalse(report.success(), report.toString());
    Step last = report.steps().get(report.steps().size() - 1);
    assertEquals(name, last.name(), report.toString());
    assertFalse(last.success());
    return last;
  }

  @Test
  void workingSettingsPassEveryStep() throws Exception {
    ConnectionReport report = test(fixture.settings());

    assertTrue(report.success(), report.toString());
    assertEquals(List.of("settings", "service account key", "access token", "read users",
        "read groups"), report.steps().stream().map(Step::name).toList());
    assertEquals(ServiceAccountKey.CLIENT_EMAIL, report.facts().get("service account"));
    assertEquals(ServiceAccountKey.CLIENT_ID, report.facts().get("client id"));
  }

  @Test
  void anUnreadableKeyIsNamed() throws Exception {
    Step step = failed(test(fixture.settings().put("serviceAccountKey", "{\"type\":\"x\"}")),
        "service account key");

    assertTrue(step.detail().contains("cannot be read"), step.detail());
  }

  @Test
  void delegationNotGrantedIsToldFromAMissingScope() throws Exception {
    fixture.google.tokens.revokeDelegation(ServiceAccountKey.CLIENT_ID);

    Step step = failed(test(fixture.settings()), "access token");

    assertTrue(step.detail().startsWith("Domain-wide delegation is not granted"), step.detail());
    assertTrue(step.detail().contains(ServiceAccountKey.CLIENT_ID), step.detail());
  }

  @Test
  void aMissingScopeIsNamed() throws Exception {
    fixture.google.tokens.delegate(ServiceAccountKey.CLIENT_ID,
        Set.of(DirectoryClients.USER_SCOPE, DirectoryClients.GROUP_SCOPE));

    Step step = failed(test(fixture.settings()), "access token");

    assertTrue(step.detail().startsWith("Scope missing from the domain-wide delegation: add "
        + DirectoryClients.MEMBER_SCOPE + " "), step.detail());
  }

  @Test
  void anUnknownAdminIsNamed() throws Exception {
    Step step = failed(test(fixture.settings().put("adminEmail", "nobody@example.com")),
        "access token");

    assertTrue(step.detail().contains("nobody@example.com was not found"), step.detail());
  }

  @Test
  void aDisabledApiIsNamed() throws Exception {
    fixture.google.apiDisabled = true;

    Step step = failed(test(fixture.settings()), "read users");

    assertTrue(step.detail().contains("Admin SDK API is disabled"), step.detail());
  }

  @Test
  void pushNotificationsNeedAnHttpsAddress() throws Exception {
    Step step = failed(test(fixture.settings().put("pushNotifications", true)), "push address");

    assertTrue(step.detail().contains("only to HTTPS addresses"), step.detail());
    ConnectionReport report = test(fixture.settings().put("pushNotifications", true)
        .put("publicBaseUrl", "https://slx.example.com"));
    assertTrue(report.success(), report.toString());
    assertTrue(report.facts().get("push address")
        .matches("https://slx\\.example\\.com/hooks/google-.*/users"), report.facts().toString());
  }
}
