package io.slxconnect.cognito;

import static io.slxconnect.testkit.TestConnectorContext.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectionReport.Step;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Test connection": the pool, the username mode and each IAM permission, on instances that are
 * never started (as the hub tests them), against cognito-local and the stand-in, which can deny
 * an action as IAM does.
 */
class CognitoConnectionTest {

  private Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() throws Exception {
    await(vertx.close());
  }

  private ConnectionReport test(JsonObject settings) throws Exception {
    CognitoConnectorInstance connector =
        new CognitoConnectorInstance(CognitoContexts.of(vertx, settings));
    try {
      return await(connector.test());
    } finally {
      await(connector.stop());
    }
  }

  private static List<String> names(ConnectionReport report) {
    return report.steps().stream().map(Step::name).toList();
  }

  private static Step last(ConnectionReport report) {
    return report.steps().get(report.steps().size() - 1);
  }

  @Test
  void aReachablePoolWithEveryPermissionPassesEveryStep() throws Exception {
    try (CognitoLocal cognito = CognitoLocal.start()) {
      String pool = cognito.createPool("connection");

      ConnectionReport report = test(cognito.settings(pool));

      assertTrue(report.success(), report.toString());
      assertEquals(List.of("user pool", "username mode", "read permissions", "write permissions"),
          names(report));
      assertEquals("connection (" + pool + ")", report.facts().get("user pool"));
      assertEquals("username", report.facts().get("sign-in with"));
      assertTrue(last(report).detail().contains("cognito-idp:AdminCreateUser"), report.toString());
      assertFalse(report.toString().contains("test-secret"));
      assertFalse(report.toString().contains("test-key-id"));
    }
  }

  @Test
  void aUsernameModeThePoolDoesNotUseFails() throws Exception {
    try (CognitoLocal cognito = CognitoLocal.start()) {
      String pool = cognito.createPool("connection");

      ConnectionReport report = test(cognito.settings(pool).put("usernameMode", "email"));

      assertFalse(report.success());
      assertEquals("username mode", last(report).name());
      assertTrue(last(report).detail().contains("set it to username"), last(report).detail());
    }
  }

  @Test
  void anUnknownPoolIsNamed() throws Exception {
    try (CognitoStandIn cognito = CognitoStandIn.start(vertx)) {
      ConnectionReport report = test(cognito.settings().put("userPoolId", "us-east-1_Missing1"));

      assertEquals(List.of("user pool"), names(report));
      assertEquals("There is no user pool us-east-1_Missing1 in region us-east-1 for these "
          + "credentials' account: check the pool id and the region", last(report).detail());
    }
  }

  @Test
  void aMissingReadPermissionIsNamedAndStopsTheTest() throws Exception {
    try (CognitoStandIn cognito = CognitoStandIn.start(vertx)) {
      cognito.deny("ListGroups");

      ConnectionReport report = test(cognito.settings());

      assertEquals(List.of("user pool", "username mode", "read permissions"), names(report));
      assertFalse(last(report).success());
      assertTrue(last(report).detail().startsWith("The IAM policy of the connector's credentials "
          + "does not allow cognito-idp:ListGroups on this pool."), last(report).detail());
    }
  }

  @Test
  void missingWritePermissionsAreAllNamed() throws Exception {
    try (CognitoStandIn cognito = CognitoStandIn.start(vertx)) {
      cognito.deny("AdminDisableUser");
      cognito.deny("AdminSetUserPassword");

      ConnectionReport report = test(cognito.settings());

      assertEquals("write permissions", last(report).name());
      assertFalse(last(report).success());
      assertTrue(last(report).detail().contains("does not allow cognito-idp:AdminDisableUser, "
          + "cognito-idp:AdminSetUserPassword on this pool"), last(report).detail());
    }
  }

  @Test
  void anUnreachableEndpointFailsThePoolStepInWords() throws Exception {
    ConnectionReport report = test(new JsonObject().put("region", "us-east-1")
        .put("userPoolId", "us-east-1_Nowhere1").put("accessKeyId", "k")
        .put("secretAccessKey", "s").put("endpoint", "http://127.0.0.1:1"));

    assertEquals(List.of("user pool"), names(report));
    assertTrue(last(report).detail().contains("cannot reach Cognito"), last(report).detail());
  }

  @Test
  void settingsTheCodeRefusesAreAFailedStep() throws Exception {
    ConnectionReport report = test(new JsonObject().put("region", "us-east-1")
        .put("userPoolId", "eu-west-1_Other1").put("credentials", "default-chain"));

    assertEquals(List.of("settings"), names(report));
    assertTrue(last(report).detail().contains("is not in region 'us-east-1'"),
        last(report).detail());
  }
}
