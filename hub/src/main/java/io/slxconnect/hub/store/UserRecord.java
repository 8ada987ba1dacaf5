package io.slxconnect.hub.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A canonical user as stored.
 *
 * @param id the user's id in the hub
 * @param data its attributes
 * @param version incremented by every change
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record UserRecord(UUID id, UserData data, long version, OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String COLUMNS = "id, user_name, display_name, given_name, family_name, emails, "
      + "active, employee_number, department, manager_id, attributes, version, created_at, "
      + "updated_at";

  static UserRecord of(Row row) {
    String[] emails = row.getArrayOfStrings("emails");
    return new UserRecord(row.getUUID("id"), new UserData(row.getString("user_name"),
        row.getString("display_name"), row.getString("given_name"),
        row.getString("family_name"), emails == null ? List.of() : List.of(emails),
        row.getBoolean("active"), row.getString("employee_number"),
        row.getString("department"), row.getUUID("manager_id"),
        row.getJsonObject("attributes")), row.getLong("version"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  /** @return the short form the users list shows */
  public JsonObject toSummaryJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("userName", data.userName())
        .put("displayName", data.displayName())
        .put("email", data.emails().isEmpty() ? null : data.emails().get(0))
        .put("active", data.active())
        .put("department", data.department())
        .put("updatedAt", updatedAt.toInstant().toString());
  }

  /** @return every attribute, as the API shows a user */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("userName", data.userName())
        .put("displayName", data.displayName())
        .put("givenName", data.givenName())
        .put("familyName", data.familyName())
        .put("emails", new JsonArray(data.emails()))
        .put("active", data.active())
        .put("employeeNumber", data.employeeNumber())
        .put("department", data.department())
        .put("attributes", data.attributes())
        .put("version", version)
        .put("createdAt", createdAt.toInstant().toString())
        .put("updatedAt", updatedAt.toInstant().toString());
  }
}
