package io.slxconnect.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user account as a connected system sees it, mapped to the canonical attributes the hub
 * keeps (after SCIM 2.0 core and enterprise user, RFC 7643). Fields the system does not have
 * are {@code null}; lists and maps are never {@code null}.
 *
 * @param externalId the account's stable id in that system (AD objectGUID, LDAP entryUUID,
 *     Google user id, Cognito sub); {@code null} only for an account not yet created
 * @param userName the login name, unique in that system
 * @param displayName the name to show
 * @param givenName the first name
 * @param familyName the last name
 * @param emails email addresses, the primary one first
 * @param active {@code false} when the account is disabled or suspended
 * @param employeeNumber the enterprise employee number
 * @param department the enterprise department
 * @param managerExternalId the stable id of the manager's account in the same system
 * @param groupExternalIds stable ids of the groups the account is a direct member of
 * @param attributes further attributes, by the system's own names
 */
public record ExternalUser(
    String externalId,
    String userName,
    String displayName,
    String givenName,
    String familyName,
    List<String> emails,
    boolean active,
    String employeeNumber,
    String department,
    String managerExternalId,
    List<String> groupExternalIds,
    Map<String, List<String>> attributes) {

  /**
   * Creates an account value; copies the collections.
   *
   * @param externalId the stable id
   * @param userName the login name
   * @param displayName the name to show
   * @param givenName the first name
   * @param familyName the last name
   * @param emails email addresses, primary first
   * @param active whether the account is enabled
   * @param employeeNumber the employee number
   * @param department the department
   * @param managerExternalId the manager's stable id
   * @param groupExternalIds the direct groups' stable ids
   * @param attributes further attributes
   */
  public ExternalUser {
    Objects.requireNonNull(userName, "userName");
    emails = emails == null ? List.of() : List.copyOf(emails);
    groupExternalIds = groupExternalIds == null ? List.of() : List.copyOf(groupExternalIds);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
