package io.slxconnect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ConnectorType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * What the hub checks about a connector type when it loads the plugin, as assertions a
 * plugin's own tests can make. {@link ConnectorContract} makes both; call them directly when a
 * connector cannot run the whole contract.
 */
public final class ConnectorTypeChecks {

  private ConnectorTypeChecks() {
  }

  /**
   * Asserts that PF4J's extension index on the class path lists the type, as PF4J's annotation
   * processor writes it; without it the hub loads the plugin with no connector type.
   *
   * @param type the connector type
   * @throws IOException when an index cannot be read
   */
  public static void assertIndexed(ConnectorType type) throws IOException {
    String name = type.getClass().getName();
    boolean listed = false;
    for (URL index : Collections.list(type.getClass().getClassLoader()
        .getResources("META-INF/extensions.idx"))) {
      try (InputStream in = index.openStream()) {
        listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .anyMatch(name::equals);
      }
    }
    assertTrue(listed, name + " is not in META-INF/extensions.idx: annotate it with "
        + "@org.pf4j.Extension and run PF4J's annotation processor, or the hub loads the "
        + "plugin with no connector type");
  }

  /**
   * Asserts that the hub accepts the type's self-description: a valid id, capabilities, and a
   * settings schema of an object whose secrets are top-level properties.
   *
   * @param type the connector type
   */
  public static void assertAcceptable(ConnectorType type) {
    assertTrue(type.id() != null && type.id().matches("[a-z][a-z0-9-]{1,39}"), "id() is '"
        + type.id() + "'; it must match [a-z][a-z0-9-]{1,39}");
    assertFalse(type.capabilities() == null || type.capabilities().isEmpty(),
        "capabilities() must name what the type can do");
    JsonObject schema = type.settingsSchema();
    assertNotNull(schema, "settingsSchema() returned null");
    assertEquals("object", schema.getString("type"), "the settings schema must describe "
        + "an object");
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      assertFalse(nestedWriteOnly(properties.getJsonObject(name)), "the setting " + name
          + " marks a nested property writeOnly: the hub encrypts only top-level secrets and "
          + "refuses the type");
    }
  }

  private static boolean nestedWriteOnly(JsonObject property) {
    JsonObject nested = property.getJsonObject("properties", new JsonObject());
    return nested.fieldNames().stream().anyMatch(n -> writeOnlyAnywhere(nested.getJsonObject(n)))
        || property.getValue("items") instanceof JsonObject items && writeOnlyAnywhere(items);
  }

  private static boolean writeOnlyAnywhere(JsonObject schema) {
    return schema.getBoolean("writeOnly", false) || nestedWriteOnly(schema);
  }
}
