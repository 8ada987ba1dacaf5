package io.slxconnect.hub.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A configured connector as stored: its settings without secrets, and its secrets sealed.
 *
 * @param id the id
 * @param name the admin's name for it
 * @param type the connector type id
 * @param enabled whether it runs (started with the hub)
 * @param settings the settings, secrets excluded
 * @param sealedSecrets the secret settings, AES-GCM sealed, or {@code null} when none
 * @param secretNames the names of the stored secrets, so that they can be listed unopened
 * @param policy what it takes part in: source or target, operations, matching
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record ConnectorRecord(UUID id, String name, String type, boolean enabled,
    JsonObject settings, byte[] sealedSecrets, java.util.List<String> secretNames,
    ConnectorPolicy policy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static ConnectorRecord of(Row row) {
    var secrets = row.getBuffer("secrets");
    return new ConnectorRecord(row.getUUID("id"), row.getString("name"), row.getString("type"),
        row.getBoolean("enabled"), row.getJsonObject("settings"),
        secrets == null ? null : secrets.getBytes(),
        java.util.List.of(row.getArrayOfStrings("secret_names")),
        ConnectorPolicy.of(row.getString("direction"), row.getArrayOfStrings("operations"),
            row.getString("correlation")),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }
}
