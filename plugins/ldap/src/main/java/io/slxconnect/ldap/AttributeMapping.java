package io.slxconnect.ldap;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which directory attribute holds each field of the hub's user.
 *
 * @param stableId the id that never changes, even on rename or move (objectGUID, entryUUID,
 *     nsUniqueId)
 * @param userName the login name
 * @param displayName the name shown; {@code cn} when the entry has none
 * @param givenName the first name
 * @param familyName the last name
 * @param email the e-mail addresses
 * @param employeeNumber the employee number
 * @param department the department
 */
record AttributeMapping(String stableId, String userName, String displayName, String givenName,
    String familyName, String email, String employeeNumber, String department) {

  /** An attribute description without options: a name or an OID. */
  private static final Pattern ATTRIBUTE = Pattern.compile(
      "[A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+");

  /**
   * The defaults with the admin's overrides.
   *
   * @param defaults the directory type's mapping
   * @param overrides the {@code attributeMapping} setting, or {@code null}
   * @return the mapping
   */
  static AttributeMapping from(AttributeMapping defaults, JsonObject overrides) {
    if (overrides == null) {
      return defaults;
    }
    Map<String, String> fields = defaults.asMap();
    for (String key : overrides.fieldNames()) {
      if (!fields.containsKey(key)) {
        throw LdapSettings.misconfigured("'attributeMapping' has no field '" + key + "'; use "
            + String.join(", ", fields.keySet()));
      }
      Object value = overrides.getValue(key);
      if (!(value instanceof String name) || !isAttributeName(name.trim())) {
        throw LdapSettings.misconfigured("'attributeMapping." + key + "' must be an attribute "
            + "name such as mail");
      }
      fields.put(key, name.trim());
    }
    return new AttributeMapping(fields.get("stableId"), fields.get("userName"),
        fields.get("displayName"), fields.get("givenName"), fields.get("familyName"),
        fields.get("email"), fields.get("employeeNumber"), fields.get("department"));
  }

  /**
   * Checks an attribute description without options.
   *
   * @param name the text
   * @return whether it is an attribute name or a numeric OID
   */
  static boolean isAttributeName(String name) {
    return ATTRIBUTE.matcher(name).matches();
  }

  /** {@return the fields by their setting names, in order} */
  Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("stableId", stableId);
    map.put("userName", userName);
    map.put("displayName", displayName);
    map.put("givenName", givenName);
    map.put("familyName", familyName);
    map.put("email", email);
    map.put("employeeNumber", employeeNumber);
    map.put("department", department);
    return map;
  }

  /** {@return whether the stable id is Active Directory's binary GUID} */
  boolean binaryStableId() {
    return "objectGUID".equalsIgnoreCase(stableId);
  }
}
