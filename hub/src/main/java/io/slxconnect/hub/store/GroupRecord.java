package io.slxconnect.hub.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A canonical group as stored.
 *
 * @param id the group's id in the hub
 * @param name its unique, case-insensitive name
 * @param description a description, or {@code null}
 * @param memberCount how many users are direct members
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record GroupRecord(UUID id, String name, String description, long memberCount,
    OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static final String COLUMNS = "g.id, g.name, g.description, g.created_at, g.updated_at, "
      + "(SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS member_count";

  static GroupRecord of(Row row) {
    return new GroupRecord(row.getUUID("id"), row.getString("name"),
        row.getString("description"), row.getLong("member_count"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  /** @return the group as the API shows it */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("description", description)
        .put("memberCount", memberCount)
        .put("createdAt", createdAt.toInstant().toString())
        .put("updatedAt", updatedAt.toInstant().toString());
  }
}
