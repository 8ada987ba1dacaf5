package io.slxconnect.hub.connectors;

import io.slxconnect.hub.crypto.SecretBox;
import io.slxconnect.hub.http.ApiException;
import io.slxconnect.hub.http.BodyValidator;
import io.slxconnect.hub.plugins.InstalledType;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns settings submitted through the API into what is stored, and back: fills defaults from
 * the type's schema, keeps stored secrets the admin left out or sent empty (an explicit
 * {@code null} clears one), validates against the schema
 * (422 naming the field), and splits secrets ({@code writeOnly} properties) from the rest so
 * that they are sealed with AES-GCM and never returned.
 */
public final class ConnectorSettings {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ConnectorSettings.class);

  private final SecretBox box;
  private final Map<String, BodyValidator> validators = new ConcurrentHashMap<>();

  /**
   * Creates the settings handler.
   *
   * @param box seals secrets
   */
  public ConnectorSettings(SecretBox box) {
    this.box = box;
  }

  /**
   * Settings ready to store.
   *
   * @param settings the settings without secrets
   * @param secrets the secrets, plain; seal them with {@link #seal}
   */
  public record Prepared(JsonObject settings, JsonObject secrets) {

    /** @return the names of the secrets, sorted */
    public java.util.List<String> secretNames() {
      return secrets.fieldNames().stream().sorted().toList();
    }

    /** @return every setting, secrets included, as the connector instance gets them */
    public JsonObject merged() {
      return settings.copy().mergeIn(secrets);
    }
  }

  /**
   * Prepares submitted settings.
   *
   * @param type the connector type
   * @param submitted the settings the admin sent
   * @param storedSecrets the secrets stored so far (empty object for a new connector)
   * @return the prepared settings
   * @throws ApiException 422 when they do not match the schema
   */
  public Prepared prepare(InstalledType type, JsonObject submitted, JsonObject storedSecrets) {
    JsonObject merged = submitted.copy();
    for (String secret : type.secretFields()) {
      Object value = merged.getValue(secret);
      boolean keep = !merged.containsKey(secret) || "".equals(value);
      if (keep && storedSecrets.containsKey(secret)) {
        merged.put(secret, storedSecrets.getValue(secret));
      } else if (value == null || "".equals(value)) {
        merged.remove(secret); // an explicit null clears a stored secret
      }
    }
    JsonObject properties = type.settingsSchema().getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      if (!merged.containsKey(name) && properties.getValue(name) instanceof JsonObject p
          && p.containsKey("default")) {
        merged.put(name, p.getValue("default"));
      }
    }
    var errors = validator(type).validate(merged, "/settings");
    if (!errors.isEmpty()) {
      throw ApiException.unprocessable("The settings are not valid for a " + type.displayName()
          + " connector: " + errors.get(0).field() + ": " + errors.get(0).message(), errors);
    }
    JsonObject secrets = new JsonObject();
    for (String secret : type.secretFields()) {
      if (merged.containsKey(secret)) {
        secrets.put(secret, merged.remove(secret));
      }
    }
    return new Prepared(merged, secrets);
  }

  /**
   * Seals secrets to a connector.
   *
   * @param connectorId the connector they belong to
   * @param secrets the plain secrets
   * @return the sealed form, or {@code null} when there are none
   */
  public byte[] seal(UUID connectorId, JsonObject secrets) {
    return secrets.isEmpty() ? null
        : box.seal(secrets.encode().getBytes(StandardCharsets.UTF_8), aad(connectorId));
  }

  /**
   * Opens a connector's secrets.
   *
   * @param connectorId the connector
   * @param sealed the sealed form, or {@code null}
   * @return the plain secrets
   */
  public JsonObject open(UUID connectorId, byte[] sealed) {
    return sealed == null ? new JsonObject()
        : new JsonObject(new String(box.open(sealed, aad(connectorId)), StandardCharsets.UTF_8));
  }

  /**
   * Opens a connector's secrets, or gives none when they cannot be opened (the master key
   * changed), so that an update can replace them.
   *
   * @param connectorId the connector
   * @param sealed the sealed form, or {@code null}
   * @return the plain secrets, or an empty object
   */
  public JsonObject openOrEmpty(UUID connectorId, byte[] sealed) {
    try {
      return open(connectorId, sealed);
    } catch (SecretBox.SecretBoxException e) {
      LOG.warn("Secrets of connector {} cannot be opened ({}); they must be entered again",
          connectorId, e.getMessage());
      return new JsonObject();
    }
  }

  private BodyValidator validator(InstalledType type) {
    return validators.computeIfAbsent(type.pluginId() + "/" + type.pluginVersion() + "/"
        + type.id(), k -> new BodyValidator(type.settingsSchema()));
  }

  private static byte[] aad(UUID connectorId) {
    return ("connector:" + connectorId).getBytes(StandardCharsets.UTF_8);
  }
}
