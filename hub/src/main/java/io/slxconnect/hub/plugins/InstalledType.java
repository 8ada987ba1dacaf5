package io.slxconnect.hub.plugins;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ConnectorType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * A connector type loaded from a plugin, with its self-description read once at load time, so
 * that listing types never calls into plugin code again.
 *
 * @param type the extension
 * @param id the type id
 * @param displayName the name to show
 * @param description what it connects to
 * @param settingsSchema the JSON Schema of its settings
 * @param capabilities what it can do
 * @param pluginId the plugin it comes from
 * @param pluginVersion that plugin's version
 */
public record InstalledType(ConnectorType type, String id, String displayName,
    String description, JsonObject settingsSchema, Set<Capability> capabilities,
    String pluginId, String pluginVersion) {

  /**
   * The names of the secret settings: top-level properties marked {@code writeOnly}.
   *
   * @return the secret property names
   */
  public Set<String> secretFields() {
    Set<String> secrets = new TreeSet<>();
    JsonObject properties = settingsSchema.getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      Object property = properties.getValue(name);
      if (property instanceof JsonObject p && p.getBoolean("writeOnly", false)) {
        secrets.add(name);
      }
    }
    return secrets;
  }

  /** @return the type as the API shows it */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("displayName", displayName)
        .put("description", description)
        .put("capabilities", new JsonArray(capabilities.stream().map(Enum::name).sorted().toList()))
        .put("settingsSchema", settingsSchema)
        .put("pluginId", pluginId)
        .put("pluginVersion", pluginVersion);
  }
}
