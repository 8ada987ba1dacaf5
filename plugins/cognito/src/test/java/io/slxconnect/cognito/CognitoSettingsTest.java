package io.slxconnect.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings schema, checked with the validator the hub uses, and the code's own checks. */
class CognitoSettingsTest {

  private final CognitoConnectorType type = new CognitoConnectorType();
  private final Validator validator = Validator.create(JsonSchema.of(type.settingsSchema()),
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
          .setBaseUri("https://slxconnect.io/schemas/"));

  private static JsonObject minimal() {
    return new JsonObject().put("region", "eu-west-1").put("userPoolId", "eu-west-1_AbC123xyZ")
        .put("accessKeyId", "AKIAEXAMPLE").put("secretAccessKey", "Sup3r-Secret");
  }

  private boolean valid(JsonObject settings) {
    return validator.validate(settings).getValid();
  }

  @Test
  void typeDescribesItselfWithEveryCapability() {
    assertEquals("cognito", type.id());
    assertEquals("AWS Cognito user pool", type.displayName());
    assertEquals(Set.of(Capability.values()), type.capabilities());
  }

  @Test
  void everySettingHasATitleAndADescriptionAndTheKeysAreSecrets() {
    JsonObject properties = type.settingsSchema().getJsonObject("properties");
    for (String name : properties.fieldNames()) {
      assertTrue(properties.getJsonObject(name).containsKey("title"), name);
      assertTrue(properties.getJsonObject(name).containsKey("description"), name);
      boolean secret = properties.getJsonObject(name).getBoolean("writeOnly", false);
      assertEquals(Set.of("accessKeyId", "secretAccessKey").contains(name), secret, name);
    }
  }

  @Test
  void typicalSettingsAreValid() {
    assertTrue(valid(minimal()));
    assertTrue(valid(new JsonObject().put("region", "us-east-1")
        .put("userPoolId", "us-east-1_X1").put("credentials", "default-chain")));
    assertTrue(valid(minimal().put("attributeMapping", new JsonObject()
        .put("department", "custom:department")).put("usernameMode", "email")
        .put("invitation", "email-and-sms").put("passwordMode", "temporary")
        .put("extraAttributes", new JsonArray().add("locale").add("custom:costCenter"))));
  }

  @Test
  void schemaRefusesMissingKeysUnknownSettingsAndOutOfRangeValues() {
    assertFalse(valid(minimal().copy().put("secretAccessKey", (String) null)
        .put("credentials", "access-key")));
    JsonObject noKeys = minimal();
    noKeys.remove("accessKeyId");
    assertFalse(valid(noKeys));
    assertFalse(valid(minimal().put("password", "x")));
    assertFalse(valid(minimal().put("pageSize", 61)));
    assertFalse(valid(minimal().put("region", "Europe")));
    assertFalse(valid(minimal().put("attributeMapping", new JsonObject()
        .put("department", "department name"))));
    assertFalse(valid(minimal().put("invitation", "carrier-pigeon")));
  }

  @Test
  void codeAppliesTheDefaults() {
    CognitoSettings settings = CognitoSettings.from(minimal());

    assertEquals(CognitoSettings.UsernameMode.USERNAME, settings.usernameMode());
    assertEquals(CognitoSettings.Invitation.SUPPRESS, settings.invitation());
    assertTrue(settings.permanentPasswords());
    assertTrue(settings.markEmailVerified());
    assertTrue(settings.createMissingGroups());
    assertEquals(60, settings.pageSize());
    assertEquals(Duration.ofSeconds(5), settings.pollInterval());
    assertEquals(Duration.ofSeconds(300), settings.deletionCheckInterval());
    assertEquals(5, settings.pollRequestsPerSecond());
    assertEquals(List.of("phone_number"), settings.extraAttributes());
    assertEquals(new AttributeMapping("name", "given_name", "family_name", "email", null, null),
        settings.mapping());
    assertNull(settings.endpoint());
  }

  @Test
  void codeRefusesWhatTheSchemaRefusesAndMore() {
    assertMisconfigured(minimal().put("userPoolId", "us-east-1_AbC"), "is not in region");
    assertMisconfigured(minimal().put("region", "moon"), "'region'");
    assertMisconfigured(minimal().put("secretAccessKey", ""), "'secretAccessKey' are required");
    assertMisconfigured(minimal().put("endpoint", "ftp://x"), "'endpoint'");
    assertMisconfigured(minimal().put("pageSize", 100), "'pageSize'");
    assertMisconfigured(minimal().put("usernameMode", "nickname"), "'usernameMode'");
    assertMisconfigured(minimal().put("attributeMapping", new JsonObject().put("mail", "email")),
        "has no field 'mail'");
    assertMisconfigured(minimal().put("extraAttributes", new JsonArray().add("a b")),
        "'extraAttributes'");
  }

  @Test
  void settingsNeverShowTheKeys() {
    CognitoSettings settings = CognitoSettings.from(minimal());

    assertFalse(settings.toString().contains("Sup3r-Secret"));
    assertFalse(settings.toString().contains("AKIAEXAMPLE"));
    assertTrue(settings.toString().contains("an access key"));
  }

  private static void assertMisconfigured(JsonObject settings, String expected) {
    ConnectorException e =
        assertThrows(ConnectorException.class, () -> CognitoSettings.from(settings));
    assertEquals(Reason.MISCONFIGURED, e.reason());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
