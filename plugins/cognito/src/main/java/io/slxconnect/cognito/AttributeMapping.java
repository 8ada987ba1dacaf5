package io.slxconnect.cognito;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Cognito attribute holds each field of the hub's users. Standard attributes are named as
 * Cognito names them ({@code given_name}); custom ones carry the {@code custom:} prefix.
 *
 * @param displayName the display name's attribute
 * @param givenName the first name's attribute
 * @param familyName the last name's attribute
 * @param email the e-mail address's attribute
 * @param employeeNumber the employee number's attribute, or {@code null} when not mapped
 * @param department the department's attribute, or {@code null} when not mapped
 */
record AttributeMapping(String displayName, String givenName, String familyName, String email,
    String employeeNumber, String department) {

  private static final Pattern NAME =
      Pattern.compile("^([a-z][a-z_]*|custom:[A-Za-z0-9_-]{1,20})$");
  private static final Set<String> FIELDS = Set.of("displayName", "givenName", "familyName",
      "email", "employeeNumber", "department");

  /**
   * Reads the mapping, with defaults for the fields left out.
   *
   * @param json the {@code attributeMapping} setting
   * @return the mapping
   */
  static AttributeMapping from(JsonObject json) {
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw CognitoSettings.misconfigured("'attributeMapping' has no field '" + field + "'");
      }
    }
    return new AttributeMapping(name(json, "displayName", "name"),
        name(json, "givenName", "given_name"), name(json, "familyName", "family_name"),
        name(json, "email", "email"), name(json, "employeeNumber", null),
        name(json, "department", null));
  }

  /**
   * Whether a text is a Cognito attribute name, standard or custom.
   *
   * @param name the text
   * @return {@code true} for names such as {@code given_name} and {@code custom:department}
   */
  static boolean isAttributeName(String name) {
    return NAME.matcher(name).matches();
  }

  private static String name(JsonObject json, String field, String fallback) {
    Object value = json.getValue(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      return fallback;
    }
    if (!(value instanceof String s) || !isAttributeName(s)) {
      throw CognitoSettings.misconfigured("'attributeMapping." + field + "' is no Cognito "
          + "attribute name (given_name, custom:department): '" + value + "'");
    }
    return s;
  }
}
