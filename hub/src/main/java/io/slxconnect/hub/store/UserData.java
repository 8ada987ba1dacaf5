package io.slxconnect.hub.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The attributes of a canonical user that can be written, after SCIM 2.0 core and enterprise
 * user. Absent optional values are {@code null}; lists and maps are never {@code null}.
 *
 * @param userName the unique, case-insensitive login name
 * @param displayName the name to show
 * @param givenName the first name
 * @param familyName the last name
 * @param emails email addresses, primary first
 * @param active whether the user is enabled
 * @param employeeNumber the enterprise employee number
 * @param department the enterprise department
 * @param managerId the manager's user id
 * @param attributes further attributes
 */
public record UserData(String userName, String displayName, String givenName,
    String familyName, List<String> emails, boolean active, String employeeNumber,
    String department, UUID managerId, JsonObject attributes) {

  /**
   * Creates the value; copies the collections.
   *
   * @param userName the login name
   * @param displayName the name to show
   * @param givenName the first name
   * @param familyName the last name
   * @param emails email addresses
   * @param active whether enabled
   * @param employeeNumber the employee number
   * @param department the department
   * @param managerId the manager's id
   * @param attributes further attributes
   */
  public UserData {
    emails = emails == null ? List.of() : List.copyOf(emails);
    attributes = attributes == null ? new JsonObject() : attributes.copy();
  }

  /**
   * Reads the API's {@code UserInput}, already validated against its schema.
   *
   * @param json the body
   * @return the value
   */
  public static UserData fromJson(JsonObject json) {
    String manager = json.getString("managerId");
    return new UserData(json.getString("userName").trim(), blankToNull(json, "displayName"),
        blankToNull(json, "givenName"), blankToNull(json, "familyName"),
        json.getJsonArray("emails", new JsonArray()).stream().map(Object::toString)
            .map(String::trim).toList(),
        json.getBoolean("active", true), blankToNull(json, "employeeNumber"),
        blankToNull(json, "department"), manager == null ? null : UUID.fromString(manager),
        json.getJsonObject("attributes", new JsonObject()));
  }

  /**
   * The attributes as events and the API show them.
   *
   * @param id the user's id
   * @return the JSON object
   */
  public JsonObject toJson(UUID id) {
    return new JsonObject()
        .put("id", id.toString())
        .put("userName", userName)
        .put("displayName", displayName)
        .put("givenName", givenName)
        .put("familyName", familyName)
        .put("emails", new JsonArray(emails))
        .put("active", active)
        .put("employeeNumber", employeeNumber)
        .put("department", department)
        .put("managerId", managerId == null ? null : managerId.toString())
        .put("attributes", attributes.copy());
  }

  /** @return the lower-cased names and emails that searches match */
  String searchText() {
    return Stream.concat(Stream.of(userName, displayName, givenName, familyName),
            emails.stream())
        .filter(s -> s != null && !s.isEmpty())
        .map(s -> s.toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" "));
  }

  private static String blankToNull(JsonObject json, String field) {
    String value = json.getString(field);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
