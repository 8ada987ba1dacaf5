package io.slxconnect.google;

import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.UserName;
import io.slxconnect.api.ExternalUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps Google Workspace users to the hub's accounts and back. The stable id is Google's user
 * id; the user name is the primary email. The employee number is the {@code externalIds} entry
 * of type {@code organization}, the department that of the primary (else first) organization.
 * Manager relations name the manager by email, not by id, so they are not mapped.
 */
final class UserMapper {

  /** The attributes beyond the canonical ones, by Google's names. */
  static final String ORG_UNIT = "orgUnitPath";
  static final String IS_ADMIN = "isAdmin";

  private UserMapper() {
  }

  /**
   * The hub's view of a Google user.
   *
   * @param user a user as {@code users.get} or {@code users.list} (projection full) return it
   * @return the account
   */
  static ExternalUser toAccount(User user) {
    UserName name = user.getName();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    if (user.getOrgUnitPath() != null) {
      attributes.put(ORG_UNIT, List.of(user.getOrgUnitPath()));
    }
    if (user.getIsAdmin() != null) {
      attributes.put(IS_ADMIN, List.of(user.getIsAdmin().toString()));
    }
    return new ExternalUser(user.getId(), user.getPrimaryEmail(),
        name == null ? null : name.getFullName(),
        name == null ? null : name.getGivenName(), name == null ? null : name.getFamilyName(),
        emails(user), !Boolean.TRUE.equals(user.getSuspended()),
        firstValue(user.getExternalIds(), "type", "organization", "value"),
        department(user.getOrganizations()), null, List.of(), attributes);
  }

  /**
   * The Google user to create: primary email, name (Google requires both parts: missing ones are
   * taken from the display name or the email), employee number and department.
   *
   * @param account the hub's account
   * @param orgUnitPath where to create it
   * @return the user, without password
   */
  static User toNewUser(ExternalUser account, String orgUnitPath) {
    String[] derived = deriveName(account);
    return changes(account)
        .setName(new UserName().setGivenName(derived[0]).setFamilyName(derived[1]))
        .setOrgUnitPath(orgUnitPath)
        .setSuspended(!account.active());
  }

  /**
   * The fields to patch so that a Google user matches the account: only those the hub knows
   * ({@code null} keeps Google's value). Suspension is left to {@code setEnabled}.
   *
   * @param account the hub's account
   * @return the patch
   */
  static User changes(ExternalUser account) {
    User user = new User().setPrimaryEmail(account.userName());
    if (account.givenName() != null || account.familyName() != null) {
      UserName name = new UserName();
      if (account.givenName() != null) {
        name.setGivenName(account.givenName());
      }
      if (account.familyName() != null) {
        name.setFamilyName(account.familyName());
      }
      user.setName(name);
    }
    if (account.employeeNumber() != null) {
      user.setExternalIds(List.of(Map.of("type", "organization",
          "value", account.employeeNumber())));
    }
    if (account.department() != null) {
      user.setOrganizations(List.of(Map.of("department", account.department(),
          "primary", true)));
    }
    return user;
  }

  private static String[] deriveName(ExternalUser account) {
    String display = account.displayName() != null ? account.displayName().trim()
        : account.userName().replaceAll("@.*$", "");
    int space = display.lastIndexOf(' ');
    String given = account.givenName() != null ? account.givenName()
        : space > 0 ? display.substring(0, space) : display;
    String family = account.familyName() != null ? account.familyName()
        : space > 0 ? display.substring(space + 1) : display;
    return new String[] {given, family};
  }

  private static List<String> emails(User user) {
    LinkedHashSet<String> emails = new LinkedHashSet<>();
    if (user.getPrimaryEmail() != null) {
      emails.add(user.getPrimaryEmail());
    }
    for (Map<?, ?> entry : entries(user.getEmails())) {
      Object address = entry.get("address");
      if (address != null) {
        emails.add(address.toString());
      }
    }
    return new ArrayList<>(emails);
  }

  private static String department(Object organizations) {
    List<Map<?, ?>> entries = entries(organizations);
    return entries.stream().filter(o -> Boolean.TRUE.equals(o.get("primary"))).findFirst()
        .or(() -> entries.stream().findFirst())
        .map(o -> o.get("department")).map(Object::toString).orElse(null);
  }

  private static String firstValue(Object list, String key, String expected, String field) {
    return entries(list).stream().filter(e -> Objects.equals(expected, e.get(key)))
        .map(e -> e.get(field)).filter(Objects::nonNull).map(Object::toString)
        .findFirst().orElse(null);
  }

  /** Google's typed lists (emails, organizations...) arrive as lists of JSON objects. */
  private static List<Map<?, ?>> entries(Object list) {
    if (!(list instanceof List<?> items)) {
      return List.of();
    }
    List<Map<?, ?>> maps = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> map) {
        maps.add(map);
      }
    }
    return maps;
  }
}
