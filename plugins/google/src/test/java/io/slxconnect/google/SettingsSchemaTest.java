package io.slxconnect.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The settings schema, checked with the validator the hub uses, and the settings it yields. */
class SettingsSchemaTest {

  private final GoogleConnectorType type = new GoogleConnectorType();
  private final Validator validator = Validator.create(JsonSchema.of(type.settingsSchema()),
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
          .setBaseUri("https://slxconnect.io/schemas/"));

  private static JsonObject minimal() {
    return new JsonObject().put("serviceAccountKey", "{}").put("adminEmail", "admin@example.com");
  }

  private boolean valid(JsonObject settings) {
    return validator.validate(settings).getValid();
  }

  @Test
  void typeDescribesItselfAndDeclaresEveryCapability() {
    assertEquals("google", type.id());
    assertEquals("Google Workspace", type.displayName());
    assertEquals(EnumSet.allOf(Capability.class), type.capabilities());
  }

  @Test
  void theKeyIsTheOnlySecretAndEveryPropertyIsExplained() {
    JsonObject properties = type.settingsSchema().getJsonObject("properties");
    for (String name : properties.fieldNames()) {
      JsonObject property = properties.getJsonObject(name);
      assertTrue(property.containsKey("title") && property.containsKey("description"), name);
      assertEquals(name.equals("serviceAccountKey"), property.getBoolean("writeOnly", false),
          name);
    }
  }

  @Test
  void typicalSettingsAreValidAndMistakesAreRefused() {
    assertTrue(valid(minimal()));
    assertTrue(valid(minimal().put("domain", "example.com").put("pushNotifications", true)
        .put("publicBaseUrl", "https://slx.example.com").put("orgUnitPath", "/Staff")));
    assertFalse(valid(new JsonObject().put("adminEmail", "admin@example.com")));
    assertFalse(valid(minimal().put("adminEmail", "admin")));
    assertFalse(valid(minimal().put("orgUnitPath", "Staff")));
    assertFalse(valid(minimal().put("pageSize", 501)));
    assertFalse(valid(minimal().put("publicBaseUrl", "https://slx.example.com/")));
    assertFalse(valid(minimal().put("password", "x")));
  }

  @Test
  void defaultsAreGooglesAndAMissingKeyIsMisconfigured() {
    GoogleSettings settings = GoogleSettings.from(minimal());
    assertEquals("my_customer", settings.customer());
    assertEquals(Duration.ofHours(6), settings.channelLifetime());
    assertEquals("https://admin.googleapis.com/", settings.apiRootUrl());
    assertEquals(200, settings.groupPageSize());
    assertFalse(settings.toString().contains("serviceAccountKey"), "no secret in the log line");

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> GoogleSettings.from(new JsonObject().put("adminEmail", "a@example.com")));
    assertEquals(Reason.MISCONFIGURED, e.reason());
  }

  @Test
  void pushAddressUsesThePublicBaseUrlWhenSet() {
    String hook = "http://10.0.0.5:8080/hooks/abc";
    assertEquals(hook + "/users", GoogleSettings.from(minimal()).pushAddress(hook));
    assertEquals("https://slx.example.com/hooks/abc/users", GoogleSettings.from(minimal()
        .put("publicBaseUrl", "https://slx.example.com")).pushAddress(hook));
  }
}
