package io.slxconnect.hub.store;

import io.slxconnect.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An admin account as stored.
 *
 * @param id the id
 * @param username the login name
 * @param passwordHash the salted slow hash, never sent anywhere
 * @param role the role
 * @param enabled whether it may log in
 * @param createdAt when it was created
 * @param lastLoginAt its last successful login, or {@code null}
 */
public record AdminAccount(UUID id, String username, String passwordHash, Role role,
    boolean enabled, OffsetDateTime createdAt, OffsetDateTime lastLoginAt) {

  static AdminAccount of(Row row) {
    return new AdminAccount(row.getUUID("id"), row.getString("username"),
        row.getString("password_hash"), Role.fromApiName(row.getString("role")),
        row.getBoolean("enabled"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("last_login_at"));
  }

  /** @return the account as the API shows it, without the hash */
  public JsonObject toJson() {
    return new JsonObject()
        .put("username", username)
        .put("role", role.apiName())
        .put("enabled", enabled)
        .put("createdAt", createdAt.toInstant().toString())
        .put("lastLoginAt", lastLoginAt == null ? null : lastLoginAt.toInstant().toString());
  }
}
